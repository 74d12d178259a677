import { CONTRACT_TOLERANCE, type KernelProblem } from "../types";
import { generateWindowCase, windowCases } from "./cases";
import { slidingWindowReference, type WindowParams } from "./reference";

export const slidingWindowDecode: KernelProblem = {
  id: "sliding-window-decode",
  title: "Sliding-window decode over a rolling-buffer KV cache",
  summary:
    "Mistral 7B's attention: one new token per sequence at position p = positions[b] attends to the last W tokens, max(0, p - W + 1) ..= p, which live in a W-slot rolling buffer, token t in slot t mod W (the newest token is already written). out[b][h] = softmax_t(scale * q[b][h] . k_t) v_t, query head h reads KV head h / (Hq / Hkv).",
  params: [
    { name: "B", type: "u32" },
    { name: "Hq", type: "u32" },
    { name: "Hkv", type: "u32" },
    { name: "D", type: "u32" },
    { name: "W", type: "u32" },
    { name: "scale", type: "f32" },
  ],
  bindings: [
    { binding: 1, name: "q", role: "input", element: "f32", layout: "[B][Hq][D]" },
    { binding: 2, name: "k_cache", role: "input", element: "f32", layout: "[B][W][Hkv][D]" },
    { binding: 3, name: "v_cache", role: "input", element: "f32", layout: "[B][W][Hkv][D]" },
    { binding: 4, name: "positions", role: "input", element: "u32", layout: "[B]" },
    { binding: 5, name: "out", role: "output", element: "f32", layout: "[B][Hq][D]" },
  ],
  tolerance: CONTRACT_TOLERANCE,
  cases: windowCases,
  generate: generateWindowCase,
  reference: (g) => {
    const i = g.inputs;
    return {
      out: { expected: slidingWindowReference(g.params as WindowParams, i.q as Float32Array, i.k_cache as Float32Array, i.v_cache as Float32Array, i.positions as Uint32Array) },
    };
  },
  work: (g) => {
    const { B, Hq, Hkv, D, W } = g.params;
    const total = Array.from(g.inputs.positions as Uint32Array).reduce((a, p) => a + Math.min(p + 1, W), 0);
    return { flops: 4 * Hq * D * total, bytes: 4 * (2 * Hkv * D * total + 2 * B * Hq * D) + 4 * B };
  },
  files: {
    starter: "starter.wgsl",
    naive: "naive.wgsl",
    fast: "fast.wgsl",
    wrong: [
      { file: "wrong/reads-unwritten-slots.wgsl", verdict: "fail-wrong", why: "attends to all W slots even while the buffer is filling (a previous sequence's data)" },
      { file: "wrong/window-off-by-one.wgsl", verdict: "fail-wrong", why: "walks tokens p - W ..= p (W + 1 of them): once wrapped, token p - W shares the newest token's slot, so the newest counts twice" },
      { file: "wrong/mask-instead-of-mod.wgsl", verdict: "fail-wrong", why: "slot = t & (W - 1): right only when W is a power of two" },
      { file: "wrong/misses-newest-token.wgsl", verdict: "fail-wrong", why: "attends to tokens before p only, missing the newest token (already in the cache)" },
      { file: "wrong/no-max-subtraction.wgsl", verdict: "fail-wrong", why: "exp(score) overflows on the +-100 case" },
    ],
  },
};
