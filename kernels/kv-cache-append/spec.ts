import { CONTRACT_TOLERANCE, type KernelProblem } from "../types";
import { appendCases, generateAppendCase } from "./cases";
import { kvCacheAppendReference, type AppendParams } from "./reference";

export const kvCacheAppend: KernelProblem = {
  id: "kv-cache-append",
  title: "Append this step's K and V to a paged cache",
  summary:
    "k_cache[block_table[b][p / block_size]][p % block_size][h][d] = k_new[b][h][d] with p = positions[b], likewise for V; every other cache element must be left exactly as it was.",
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
    { binding: 5, name: "k_cache", role: "inout", element: "f32", layout: "[num_blocks][block_size][Hkv][D]" },
    { binding: 6, name: "v_cache", role: "inout", element: "f32", layout: "[num_blocks][block_size][Hkv][D]" },
  ],
  tolerance: CONTRACT_TOLERANCE,
  cases: appendCases,
  generate: generateAppendCase,
  reference: (g) => {
    const i = g.inputs;
    const r = kvCacheAppendReference(
      g.params as AppendParams,
      i.k_new as Float32Array,
      i.v_new as Float32Array,
      i.block_table as Uint32Array,
      i.positions as Uint32Array,
      i.k_cache as Float32Array,
      i.v_cache as Float32Array,
    );
    return { k_cache: { expected: r.k, written: r.written }, v_cache: { expected: r.v, written: r.written } };
  },
  work: (g) => {
    const { B, Hkv, D } = g.params;
    return { flops: 0, bytes: 4 * 4 * B * Hkv * D };
  },
  files: {
    starter: "starter.wgsl",
    naive: "naive.wgsl",
    fast: "fast.wgsl",
    wrong: [
      { file: "wrong/identity-block-table.wgsl", verdict: "fail-wrong", why: "writes to block b * max_blocks + p / block_size, ignoring the table" },
      { file: "wrong/writes-only-k.wgsl", verdict: "fail-wrong", why: "appends K but forgets V" },
      { file: "wrong/clobbers-block.wgsl", verdict: "fail-wrong", why: "zeroes the rest of the block's slot range (elements it must leave untouched)" },
      { file: "wrong/wrong-binding-type.wgsl", verdict: "fail-contract", why: "positions declared as array<f32>" },
    ],
  },
};
