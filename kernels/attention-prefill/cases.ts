import type { CaseProfile, CaseSpec, GeneratedCase } from "../types";
import { makeRng, mixSeed, uniformTensor } from "../rng";
import { maxScore } from "./reference";

const edge: CaseSpec[] = [
  { name: "single-token", purpose: "S = 1: the only key is the query itself", seed: 11, shape: { H: 2, S: 1, D: 64 } },
  { name: "ragged-77", purpose: "S = 77 is not a multiple of any tile size", seed: 12, shape: { H: 3, S: 77, D: 64 } },
  { name: "d128", purpose: "D = 128, several heads, S not a tile multiple", seed: 13, shape: { H: 4, S: 33, D: 128 } },
  {
    name: "scores-100",
    purpose: "scaled scores reach about +-100: exp() overflows without subtracting the running max",
    seed: 14,
    shape: { H: 2, S: 48, D: 64 },
    largeScores: true,
  },
];

export const prefillCases: Record<CaseProfile, CaseSpec[]> = {
  full: [...edge, { name: "timing-8x1024x64", purpose: "timing", seed: 15, shape: { H: 8, S: 1024, D: 64 }, timing: true }],
  reduced: [...edge, { name: "timing-4x256x64", purpose: "timing (reduced for software adapters)", seed: 15, shape: { H: 4, S: 256, D: 64 }, timing: true }],
  cpu: [
    { name: "single-token", purpose: "S = 1", seed: 11, shape: { H: 1, S: 1, D: 64 } },
    { name: "ragged-13", purpose: "S = 13 is not a tile multiple", seed: 12, shape: { H: 2, S: 13, D: 64 } },
    { name: "d128", purpose: "D = 128", seed: 13, shape: { H: 1, S: 9, D: 128 } },
    { name: "scores-100", purpose: "scaled scores about +-100", seed: 14, shape: { H: 1, S: 16, D: 64 }, largeScores: true },
    { name: "timing-2x32x64", purpose: "timing (CPU interpreter)", seed: 15, shape: { H: 2, S: 32, D: 64 }, timing: true },
  ],
};

export function generatePrefillCase(c: CaseSpec, hiddenSeed: number): GeneratedCase {
  const H = c.shape.H as number;
  const S = c.shape.S as number;
  const D = c.shape.D as number;
  const scale = Math.fround(1 / Math.sqrt(D));
  const rng = makeRng(mixSeed(c.seed, hiddenSeed));
  const n = H * S * D;
  const q = uniformTensor(n, rng);
  const k = uniformTensor(n, rng);
  const v = uniformTensor(n, rng);
  if (c.largeScores) {
    const f = Math.sqrt(100 / maxScore({ H, S, D, scale }, q, k));
    for (let i = 0; i < n; i++) {
      q[i] *= f;
      k[i] *= f;
    }
  }
  return { spec: c, params: { H, S, D, scale }, inputs: { q, k, v }, outputSizes: { out: n } };
}
