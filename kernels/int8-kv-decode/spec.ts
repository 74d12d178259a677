import { CONTRACT_TOLERANCE, type KernelProblem } from "../types";
import { generateInt8Case, int8Cases, unpackInt8 } from "./cases";
import { int8DecodeReference, QUANT_BLOCK, type Int8DecodeParams } from "./reference";

export const int8KvDecode: KernelProblem = {
  id: "int8-kv-decode",
  title: "Decode attention over an int8 KV cache with per-block scales",
  summary:
    "One new token per sequence attends over its cached tokens t < context_lens[b], stored as int8, four to a u32 (element 4w + j in byte j of word w, two's complement), each block of 32 elements of a row with its own f32 scale: k = int8 * k_scale[row][d / 32], likewise V. out[b][h] = softmax_t(scale * q[b][h] . k_t) v_t; query head h reads KV head h / (Hq / Hkv).",
  params: [
    { name: "B", type: "u32" },
    { name: "Hq", type: "u32" },
    { name: "Hkv", type: "u32" },
    { name: "D", type: "u32" },
    { name: "max_len", type: "u32" },
    { name: "scale", type: "f32" },
  ],
  bindings: [
    { binding: 1, name: "q", role: "input", element: "f32", layout: "[B][Hq][D]" },
    { binding: 2, name: "k_cache", role: "input", element: "i8x4", layout: "[B][max_len][Hkv][D / 4] (4 int8 per u32)" },
    { binding: 3, name: "v_cache", role: "input", element: "i8x4", layout: "[B][max_len][Hkv][D / 4] (4 int8 per u32)" },
    { binding: 4, name: "k_scale", role: "input", element: "f32", layout: "[B][max_len][Hkv][D / 32]" },
    { binding: 5, name: "v_scale", role: "input", element: "f32", layout: "[B][max_len][Hkv][D / 32]" },
    { binding: 6, name: "context_lens", role: "input", element: "u32", layout: "[B]" },
    { binding: 7, name: "out", role: "output", element: "f32", layout: "[B][Hq][D]" },
  ],
  tolerance: CONTRACT_TOLERANCE,
  cases: int8Cases,
  generate: generateInt8Case,
  reference: (g) => {
    const i = g.inputs;
    return {
      out: {
        expected: int8DecodeReference(
          g.params as Int8DecodeParams,
          i.q as Float32Array,
          unpackInt8(i.k_cache as Uint32Array),
          unpackInt8(i.v_cache as Uint32Array),
          i.k_scale as Float32Array,
          i.v_scale as Float32Array,
          i.context_lens as Uint32Array,
        ),
      },
    };
  },
  work: (g) => {
    const { B, Hq, Hkv, D } = g.params;
    const total = (g.inputs.context_lens as Uint32Array).reduce((a, b) => a + b, 0);
    // Per cached token and KV head: D bytes of K and of V, and D / 32 f32 scales for each.
    return { flops: 4 * Hq * D * total, bytes: total * Hkv * 2 * (D + (D / QUANT_BLOCK) * 4) + 4 * 2 * B * Hq * D + 4 * B };
  },
  files: {
    starter: "starter.wgsl",
    naive: "naive.wgsl",
    fast: "fast.wgsl",
    wrong: [
      { file: "wrong/unsigned-bytes.wgsl", verdict: "fail-wrong", why: "reads the bytes as unsigned (no sign extension): every negative value becomes 256 + x" },
      { file: "wrong/one-scale-per-row.wgsl", verdict: "fail-wrong", why: "applies the row's first block scale to all D elements" },
      { file: "wrong/big-endian-bytes.wgsl", verdict: "fail-wrong", why: "takes element 4w + j from byte 3 - j of the word" },
      { file: "wrong/k-scale-for-v.wgsl", verdict: "fail-wrong", why: "dequantizes V with K's scales" },
      { file: "wrong/no-max-subtraction.wgsl", verdict: "fail-wrong", why: "exp(score) overflows on the +-100 case" },
    ],
  },
};
