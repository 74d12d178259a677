import { CONTRACT_TOLERANCE, type KernelProblem } from "../types";
import { generatePrefillCase, prefillCases } from "./cases";
import { attentionPrefillReference } from "./reference";

export const attentionPrefill: KernelProblem = {
  id: "attention-prefill",
  title: "Causal self-attention forward (prefill)",
  summary: "out[h][i] = softmax over j <= i of (scale * q[h][i] . k[h][j]), applied to v[h][j]. Layout [H][S][D].",
  params: [
    { name: "H", type: "u32" },
    { name: "S", type: "u32" },
    { name: "D", type: "u32" },
    { name: "scale", type: "f32" },
  ],
  bindings: [
    { binding: 1, name: "q", role: "input", element: "f32", layout: "[H][S][D]" },
    { binding: 2, name: "k", role: "input", element: "f32", layout: "[H][S][D]" },
    { binding: 3, name: "v", role: "input", element: "f32", layout: "[H][S][D]" },
    { binding: 4, name: "out", role: "output", element: "f32", layout: "[H][S][D]" },
  ],
  tolerance: CONTRACT_TOLERANCE,
  cases: prefillCases,
  generate: generatePrefillCase,
  reference: (g) => {
    const p = g.params as { H: number; S: number; D: number; scale: number };
    return { out: { expected: attentionPrefillReference(p, g.inputs.q as Float32Array, g.inputs.k as Float32Array, g.inputs.v as Float32Array) } };
  },
  work: (g) => {
    const { H, S, D } = g.params;
    return { flops: (4 * H * D * S * (S + 1)) / 2, bytes: 4 * 4 * H * S * D };
  },
  files: {
    starter: "starter.wgsl",
    naive: "naive.wgsl",
    fast: "fast.wgsl",
    wrong: [
      { file: "wrong/no-max-subtraction.wgsl", verdict: "fail-wrong", why: "exp(score) overflows to inf on the +-100 case" },
      { file: "wrong/no-causal-mask.wgsl", verdict: "fail-wrong", why: "attends to future keys j > i" },
      { file: "wrong/partial-output.wgsl", verdict: "fail-wrong", why: "writes only the first half of each output row; the rest stays NaN" },
      { file: "wrong/stale-output.wgsl", verdict: "fail-wrong", why: "writes nothing, hoping a previous run's result is still in the buffer" },
      { file: "wrong/cheat-small-shapes.wgsl", verdict: "fail-wrong", why: "computes only short sequences (the public example) and writes zeros elsewhere to look fast" },
      { file: "wrong/wrong-binding-type.wgsl", verdict: "fail-contract", why: "declares k as array<i32>: WebGPU would run it, the contract must not" },
      { file: "wrong/wrong-param-order.wgsl", verdict: "fail-contract", why: "uniform struct fields in the wrong order" },
      { file: "wrong/missing-dispatch.wgsl", verdict: "fail-contract", why: "no // dispatch: directive" },
      { file: "wrong/compile-error.wgsl", verdict: "fail-compile", why: "type error the WGSL compiler reports with a line" },
      { file: "wrong/never-terminates.wgsl", verdict: "fail-timeout", why: "a loop whose bound never arrives" },
    ],
  },
};
