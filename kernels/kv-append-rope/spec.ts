import { CONTRACT_TOLERANCE, type KernelProblem } from "../types";
import { generateRopeCase, ropeCases } from "./cases";
import { kvAppendRopeReference, type RopeAppendParams } from "./reference";

export const kvAppendRope: KernelProblem = {
  id: "kv-append-rope",
  title: "KV append with RoPE fused (rotate K, then write)",
  summary:
    "Write this step's K and V into the paged cache at position p = positions[b] (block block_table[b][p / block_size], slot p % block_size), rotating K by RoPE first: pairs (2i, 2i + 1) turn by angle p * f_i, with c = cos_sin[p][i] and s = cos_sin[p][D / 2 + i]: k'[2i] = k[2i] c - k[2i + 1] s, k'[2i + 1] = k[2i] s + k[2i + 1] c. V is written as it is; every other cache element stays exactly as it was.",
  params: [
    { name: "B", type: "u32" },
    { name: "Hkv", type: "u32" },
    { name: "D", type: "u32" },
    { name: "block_size", type: "u32" },
    { name: "max_blocks", type: "u32" },
  ],
  bindings: [
    { binding: 1, name: "k_new", role: "input", element: "f32", layout: "[B][Hkv][D]" },
    { binding: 2, name: "v_new", role: "input", element: "f32", layout: "[B][Hkv][D]" },
    { binding: 3, name: "block_table", role: "input", element: "u32", layout: "[B][max_blocks]" },
    { binding: 4, name: "positions", role: "input", element: "u32", layout: "[B]" },
    { binding: 5, name: "cos_sin", role: "input", element: "f32", layout: "[max_blocks * block_size][D]: cos(p f_i) for i < D / 2, then sin(p f_i)" },
    { binding: 6, name: "k_cache", role: "inout", element: "f32", layout: "[num_blocks][block_size][Hkv][D]" },
    { binding: 7, name: "v_cache", role: "inout", element: "f32", layout: "[num_blocks][block_size][Hkv][D]" },
  ],
  tolerance: CONTRACT_TOLERANCE,
  cases: ropeCases,
  generate: generateRopeCase,
  reference: (g) => {
    const i = g.inputs;
    const r = kvAppendRopeReference(
      g.params as RopeAppendParams,
      i.k_new as Float32Array,
      i.v_new as Float32Array,
      i.block_table as Uint32Array,
      i.positions as Uint32Array,
      i.cos_sin as Float32Array,
      i.k_cache as Float32Array,
      i.v_cache as Float32Array,
    );
    return { k_cache: { expected: r.k, written: r.written }, v_cache: { expected: r.v, written: r.written } };
  },
  work: (g) => {
    const { B, Hkv, D } = g.params;
    // 6 FLOPs per rotated pair; K and V read and written, one table row read per sequence.
    return { flops: 3 * B * Hkv * D, bytes: 4 * 4 * B * Hkv * D + 4 * B * D + 4 * 2 * B };
  },
  files: {
    starter: "starter.wgsl",
    naive: "naive.wgsl",
    fast: "fast.wgsl",
    wrong: [
      { file: "wrong/rotate-half.wgsl", verdict: "fail-wrong", why: "pairs element i with i + D / 2 (the Hugging Face Llama layout), not 2i with 2i + 1" },
      { file: "wrong/inverse-rotation.wgsl", verdict: "fail-wrong", why: "sin with the wrong sign: rotates by -p * f_i" },
      { file: "wrong/ropes-v-too.wgsl", verdict: "fail-wrong", why: "rotates V as well as K" },
      { file: "wrong/unrotated-k.wgsl", verdict: "fail-wrong", why: "a plain append: writes K without RoPE (right only at position 0)" },
      { file: "wrong/batch-index-as-position.wgsl", verdict: "fail-wrong", why: "reads the table row of b instead of positions[b]" },
    ],
  },
};
