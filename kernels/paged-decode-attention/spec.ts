import { CONTRACT_TOLERANCE, type KernelProblem } from "../types";
import { decodeCases, generateDecodeCase } from "./cases";
import { pagedDecodeReference, type DecodeParams } from "./reference";

export const pagedDecodeAttention: KernelProblem = {
  id: "paged-decode-attention",
  title: "Paged decode attention with GQA",
  summary:
    "One new token per sequence attends over its paged KV cache: out[b][h] = softmax_t(scale * q[b][h] . k_t) v_t, query head h reads KV head h / (Hq / Hkv); token t lives in block block_table[b][t / block_size], slot t % block_size.",
  params: [
    { name: "B", type: "u32" },
    { name: "Hq", type: "u32" },
    { name: "Hkv", type: "u32" },
    { name: "D", type: "u32" },
    { name: "block_size", type: "u32" },
    { name: "max_blocks", type: "u32" },
    { name: "scale", type: "f32" },
  ],
  bindings: [
    { binding: 1, name: "q", role: "input", element: "f32", layout: "[B][Hq][D]" },
    { binding: 2, name: "k_cache", role: "input", element: "f32", layout: "[num_blocks][block_size][Hkv][D]" },
    { binding: 3, name: "v_cache", role: "input", element: "f32", layout: "[num_blocks][block_size][Hkv][D]" },
    { binding: 4, name: "block_table", role: "input", element: "u32", layout: "[B][max_blocks]" },
    { binding: 5, name: "context_lens", role: "input", element: "u32", layout: "[B]" },
    { binding: 6, name: "out", role: "output", element: "f32", layout: "[B][Hq][D]" },
  ],
  tolerance: CONTRACT_TOLERANCE,
  cases: decodeCases,
  generate: generateDecodeCase,
  reference: (g) => {
    const i = g.inputs;
    return {
      out: {
        expected: pagedDecodeReference(
          g.params as DecodeParams,
          i.q as Float32Array,
          i.k_cache as Float32Array,
          i.v_cache as Float32Array,
          i.block_table as Uint32Array,
          i.context_lens as Uint32Array,
        ),
      },
    };
  },
  work: (g) => {
    const { B, Hq, Hkv, D, max_blocks } = g.params;
    const total = (g.inputs.context_lens as Uint32Array).reduce((a, b) => a + b, 0);
    return {
      flops: 4 * Hq * D * total,
      bytes: 4 * (2 * Hkv * D * total + 2 * B * Hq * D) + 4 * (B * max_blocks + B),
    };
  },
  files: {
    starter: "starter.wgsl",
    naive: "naive.wgsl",
    fast: "fast.wgsl",
    wrong: [
      { file: "wrong/identity-block-table.wgsl", verdict: "fail-wrong", why: "reads block b * max_blocks + t / block_size instead of following the table" },
      { file: "wrong/no-max-subtraction.wgsl", verdict: "fail-wrong", why: "exp(score) overflows on the +-100 case" },
      { file: "wrong/ignores-gqa.wgsl", verdict: "fail-wrong", why: "query head h reads KV head h % Hkv instead of h / (Hq / Hkv)" },
      { file: "wrong/reads-past-context.wgsl", verdict: "fail-wrong", why: "attends to every slot of the last block (and follows 0xFFFFFFFF entries)" },
      { file: "wrong/wrong-access-mode.wgsl", verdict: "fail-contract", why: "block_table declared read_write" },
      { file: "wrong/dispatch-too-large.wgsl", verdict: "fail-contract", why: "a grid dimension beyond maxComputeWorkgroupsPerDimension" },
    ],
  },
};
