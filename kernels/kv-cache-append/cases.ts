import type { CaseProfile, CaseSpec, GeneratedCase } from "../types";
import { makeRng, mixSeed, shuffledBlockTable, uniformTensor } from "../rng";

const edge: CaseSpec[] = [
  {
    name: "mixed-positions",
    purpose: "positions 0 (first slot), 17 (mid-block) and 63 (last slot); shuffled table",
    seed: 31,
    shape: { B: 3, Hkv: 2, D: 64, block_size: 16, max_blocks: 4, positions: [0, 17, 63] },
  },
  {
    name: "d128-small-blocks",
    purpose: "D = 128, block_size 8, several heads",
    seed: 32,
    shape: { B: 4, Hkv: 4, D: 128, block_size: 8, max_blocks: 6, positions: [5, 8, 47, 30] },
  },
];

function spread(n: number, limit: number): number[] {
  return Array.from({ length: n }, (_, i) => (i * 97 + 13) % limit);
}

export const appendCases: Record<CaseProfile, CaseSpec[]> = {
  full: [
    ...edge,
    {
      name: "timing-256x8x128",
      purpose: "timing: 256 sequences, Hkv = 8, D = 128",
      seed: 33,
      shape: { B: 256, Hkv: 8, D: 128, block_size: 16, max_blocks: 16, positions: spread(256, 256) },
      timing: true,
    },
  ],
  reduced: [
    ...edge,
    {
      name: "timing-64x8x128",
      purpose: "timing (reduced for software adapters)",
      seed: 33,
      shape: { B: 64, Hkv: 8, D: 128, block_size: 16, max_blocks: 8, positions: spread(64, 128) },
      timing: true,
    },
  ],
  cpu: [
    ...edge,
    {
      name: "timing-16x4x64",
      purpose: "timing (CPU interpreter)",
      seed: 33,
      shape: { B: 16, Hkv: 4, D: 64, block_size: 16, max_blocks: 4, positions: spread(16, 64) },
      timing: true,
    },
  ],
};

/** Known values for the caches: uniform in [-1, 1), never zero, so a kernel that zeroes a block is seen. */
function nonZeroTensor(n: number, rng: () => number): Float32Array {
  const a = uniformTensor(n, rng);
  for (let i = 0; i < n; i++) if (a[i] === 0) a[i] = 0.5;
  return a;
}

export function generateAppendCase(c: CaseSpec, hiddenSeed: number): GeneratedCase {
  const sh = c.shape;
  const positions = Uint32Array.from(sh.positions as number[]);
  const p = {
    B: sh.B as number,
    Hkv: sh.Hkv as number,
    D: sh.D as number,
    block_size: sh.block_size as number,
    max_blocks: sh.max_blocks as number,
  };
  const rng = makeRng(mixSeed(c.seed, hiddenSeed));
  const { table, numBlocks } = shuffledBlockTable(
    Array.from(positions, (pos) => Math.floor(pos / p.block_size) + 1),
    p.max_blocks,
    2,
    rng,
  );
  const cacheSize = numBlocks * p.block_size * p.Hkv * p.D;
  const n = p.B * p.Hkv * p.D;
  return {
    spec: c,
    params: p,
    inputs: {
      k_new: uniformTensor(n, rng),
      v_new: uniformTensor(n, rng),
      block_table: table,
      positions,
      k_cache: nonZeroTensor(cacheSize, rng),
      v_cache: nonZeroTensor(cacheSize, rng),
    },
    outputSizes: { k_cache: cacheSize, v_cache: cacheSize },
  };
}
