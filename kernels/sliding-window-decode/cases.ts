import type { CaseProfile, CaseSpec, GeneratedCase } from "../types";
import { makeRng, mixSeed, uniformTensor } from "../rng";
import { maxWindowScore, windowRow, windowSlots, type WindowParams } from "./reference";

const edge: CaseSpec[] = [
  {
    name: "filling-w48",
    purpose: "buffers not full yet (positions 0, 20, 46 with W = 48): the slots past the newest token hold a previous sequence's data",
    seed: 41,
    shape: { B: 3, Hq: 4, Hkv: 4, D: 64, W: 48, positions: [0, 20, 46] },
  },
  {
    name: "wrap-edges-d128",
    purpose: "just full (position W - 1), first wrap (W) and many wraps (6W + 17) with W = 40 (not a power of two); GQA 4, D = 128",
    seed: 42,
    shape: { B: 3, Hq: 8, Hkv: 2, D: 128, W: 40, positions: [39, 40, 257] },
  },
  {
    name: "gqa8-scores-100",
    purpose: "GQA 8, one wrapped and one filling buffer, scaled scores about +-100 (needs the running max)",
    seed: 43,
    shape: { B: 2, Hq: 8, Hkv: 1, D: 64, W: 24, positions: [70, 10] },
    largeScores: true,
  },
];

export const windowCases: Record<CaseProfile, CaseSpec[]> = {
  full: [
    ...edge,
    {
      name: "timing-16x32x8x128-w4096",
      purpose: "timing: Mistral 7B's window W = 4096, B = 16, Hq = 32, Hkv = 8, D = 128; 13 wrapped buffers, 3 filling",
      seed: 44,
      shape: { B: 16, Hq: 32, Hkv: 8, D: 128, W: 4096, positions: [9000, 4095, 12345, 2000, 5000, 7777, 3000, 6000, 4096, 8191, 20000, 1000, 4500, 16383, 6543, 10000] },
      timing: true,
    },
  ],
  reduced: [
    ...edge,
    {
      name: "timing-4x8x2x128-w128",
      purpose: "timing (reduced for software adapters): W = 128",
      seed: 44,
      shape: { B: 4, Hq: 8, Hkv: 2, D: 128, W: 128, positions: [300, 60, 127, 500] },
      timing: true,
    },
  ],
  cpu: [
    { name: "filling-w12", purpose: "buffers not full yet (positions 0, 5 with W = 12)", seed: 41, shape: { B: 2, Hq: 2, Hkv: 2, D: 64, W: 12, positions: [0, 5] } },
    { name: "wrap-edges-d128", purpose: "just full, first wrap and many wraps (W = 10); GQA 4, D = 128", seed: 42, shape: { B: 3, Hq: 4, Hkv: 1, D: 128, W: 10, positions: [9, 10, 47] } },
    { name: "gqa8-scores-100", purpose: "GQA 8, scores about +-100", seed: 43, shape: { B: 1, Hq: 8, Hkv: 1, D: 64, W: 8, positions: [21] }, largeScores: true },
    { name: "timing-2x4x1x64-w48", purpose: "timing (CPU interpreter)", seed: 44, shape: { B: 2, Hq: 4, Hkv: 1, D: 64, W: 48, positions: [100, 30] }, timing: true },
  ],
};

export function generateWindowCase(c: CaseSpec, hiddenSeed: number): GeneratedCase {
  const sh = c.shape;
  const positions = Uint32Array.from(sh.positions as number[]);
  const p: WindowParams = {
    B: sh.B as number,
    Hq: sh.Hq as number,
    Hkv: sh.Hkv as number,
    D: sh.D as number,
    W: sh.W as number,
    scale: Math.fround(1 / Math.sqrt(sh.D as number)),
  };
  const rng = makeRng(mixSeed(c.seed, hiddenSeed));
  const cacheSize = p.B * p.W * p.Hkv * p.D;
  const q = uniformTensor(p.B * p.Hq * p.D, rng);
  // Every slot holds data: the window's tokens, and in a buffer that is not full yet, what a previous
  // sequence left there (buffers are recycled), which must not be attended to.
  const k_cache = uniformTensor(cacheSize, rng);
  const v_cache = uniformTensor(cacheSize, rng);
  if (c.largeScores) {
    const f = Math.sqrt(100 / maxWindowScore(p, q, k_cache, positions));
    for (let i = 0; i < q.length; i++) q[i] *= f;
    // Scale only the slots inside the windows: the stale ones keep their own scale.
    for (let b = 0; b < p.B; b++)
      for (const slot of windowSlots(p.W, positions[b]))
        for (let g = 0; g < p.Hkv; g++) {
          const o = windowRow(p, b, slot, g);
          for (let d = 0; d < p.D; d++) k_cache[o + d] *= f;
        }
  }
  return { spec: c, params: { ...p }, inputs: { q, k_cache, v_cache, positions }, outputSizes: { out: p.B * p.Hq * p.D } };
}
