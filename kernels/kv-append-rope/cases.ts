import type { CaseProfile, CaseSpec, GeneratedCase } from "../types";
import { makeRng, mixSeed, permutation, UNUSED_BLOCK, uniformTensor } from "../rng";
import { ropeTable, type RopeAppendParams } from "./reference";

const edge: CaseSpec[] = [
  {
    name: "mixed-positions",
    purpose: "positions 0 (no rotation), 17 (mid-block) and 63 (last slot); own blocks shuffled, earlier blocks shared (prefix caching)",
    seed: 61,
    shape: { B: 3, Hkv: 2, D: 64, block_size: 16, max_blocks: 4, positions: [0, 17, 63] },
  },
  {
    name: "d128-far-positions",
    purpose: "D = 128, block_size 64, positions up to 4000 (large angles in the fast-turning pairs)",
    seed: 62,
    shape: { B: 3, Hkv: 2, D: 128, block_size: 64, max_blocks: 64, positions: [5, 1023, 4000] },
  },
];

function spread(n: number, limit: number): number[] {
  return Array.from({ length: n }, (_, i) => (i * 97 + 13) % limit);
}

export const ropeCases: Record<CaseProfile, CaseSpec[]> = {
  full: [
    ...edge,
    {
      name: "timing-256x8x128",
      purpose: "timing: 256 sequences, Hkv = 8, D = 128, positions up to 4095",
      seed: 63,
      shape: { B: 256, Hkv: 8, D: 128, block_size: 16, max_blocks: 256, positions: spread(256, 4096) },
      timing: true,
    },
  ],
  reduced: [
    ...edge,
    {
      name: "timing-64x8x128",
      purpose: "timing (reduced for software adapters)",
      seed: 63,
      shape: { B: 64, Hkv: 8, D: 128, block_size: 16, max_blocks: 64, positions: spread(64, 1024) },
      timing: true,
    },
  ],
  cpu: [
    { name: "mixed-positions", purpose: "positions 0 (no rotation), 17 and 63; shuffled table", seed: 61, shape: { B: 3, Hkv: 2, D: 64, block_size: 16, max_blocks: 4, positions: [0, 17, 63] } },
    { name: "d128-far-positions", purpose: "D = 128, block_size 8, positions up to 300", seed: 62, shape: { B: 2, Hkv: 2, D: 128, block_size: 8, max_blocks: 40, positions: [5, 300] } },
    {
      name: "timing-16x4x64",
      purpose: "timing (CPU interpreter)",
      seed: 63,
      shape: { B: 16, Hkv: 4, D: 64, block_size: 16, max_blocks: 8, positions: spread(16, 128) },
      timing: true,
    },
  ],
};

/**
 * A block table for sequences that are far along: the block holding each sequence's new position is its own
 * (shuffled physical ids), and the earlier blocks come from a small pool shared by every sequence, as with
 * prefix caching (a shared system prompt), so a cache for 256 sequences at position 4000 stays small. Entries
 * past the current block hold 0xFFFFFFFF. Nothing writes to the shared blocks: a kernel that follows the wrong
 * entry changes elements it must leave alone.
 */
function prefixSharedBlockTable(positions: Uint32Array, blockSize: number, maxBlocks: number, rng: () => number): { table: Uint32Array; numBlocks: number } {
  const B = positions.length;
  const pool = 8;
  const numBlocks = B + pool + 2;
  const ids = permutation(numBlocks, rng);
  const table = new Uint32Array(B * maxBlocks).fill(UNUSED_BLOCK);
  for (let b = 0; b < B; b++) {
    const cur = Math.floor(positions[b] / blockSize);
    for (let i = 0; i < cur; i++) table[b * maxBlocks + i] = ids[B + Math.floor(rng() * pool)];
    table[b * maxBlocks + cur] = ids[b];
  }
  return { table, numBlocks };
}

function nonZeroTensor(n: number, rng: () => number): Float32Array {
  const a = uniformTensor(n, rng);
  for (let i = 0; i < n; i++) if (a[i] === 0) a[i] = 0.5;
  return a;
}

export function generateRopeCase(c: CaseSpec, hiddenSeed: number): GeneratedCase {
  const sh = c.shape;
  const positions = Uint32Array.from(sh.positions as number[]);
  const p: RopeAppendParams = {
    B: sh.B as number,
    Hkv: sh.Hkv as number,
    D: sh.D as number,
    block_size: sh.block_size as number,
    max_blocks: sh.max_blocks as number,
  };
  const rng = makeRng(mixSeed(c.seed, hiddenSeed));
  const { table, numBlocks } = prefixSharedBlockTable(positions, p.block_size, p.max_blocks, rng);
  const cacheSize = numBlocks * p.block_size * p.Hkv * p.D;
  const n = p.B * p.Hkv * p.D;
  // The table covers every position a sequence of max_blocks blocks can reach.
  return {
    spec: c,
    params: { ...p },
    inputs: {
      k_new: uniformTensor(n, rng),
      v_new: uniformTensor(n, rng),
      block_table: table,
      positions,
      cos_sin: ropeTable(p.max_blocks * p.block_size, p.D),
      k_cache: nonZeroTensor(cacheSize, rng),
      v_cache: nonZeroTensor(cacheSize, rng),
    },
    outputSizes: { k_cache: cacheSize, v_cache: cacheSize },
  };
}
