import type { CaseProfile, CaseSpec, GeneratedCase } from "../types";
import { makeRng, mixSeed, shuffledBlockTable, uniformTensor } from "../rng";
import { maxDecodeScore, type DecodeParams } from "./reference";

const edge: CaseSpec[] = [
  {
    name: "gqa1-mixed-lengths",
    purpose: "GQA ratio 1; lengths 1, 37 (ends mid-block) and 64 in one batch; shuffled block table",
    seed: 21,
    shape: { B: 3, Hq: 4, Hkv: 4, D: 64, block_size: 16, max_blocks: 5, lens: [1, 37, 64] },
  },
  {
    name: "gqa4-d128",
    purpose: "GQA ratio 4, D = 128, a length that ends mid-block",
    seed: 22,
    shape: { B: 2, Hq: 8, Hkv: 2, D: 128, block_size: 16, max_blocks: 8, lens: [100, 17] },
  },
  {
    name: "gqa8-scores-100",
    purpose: "GQA ratio 8 with scaled scores about +-100 (needs the running max)",
    seed: 23,
    shape: { B: 2, Hq: 8, Hkv: 1, D: 64, block_size: 8, max_blocks: 6, lens: [29, 1] },
    largeScores: true,
  },
];

function lensNear(n: number, center: number, spread: number): number[] {
  return Array.from({ length: n }, (_, i) => center - ((i * 37) % spread));
}

export const decodeCases: Record<CaseProfile, CaseSpec[]> = {
  full: [
    ...edge,
    {
      name: "timing-16x32x8x128",
      purpose: "timing: B = 16, Hq = 32, Hkv = 8, D = 128, lengths near 2048 (2003..2100)",
      seed: 24,
      shape: { B: 16, Hq: 32, Hkv: 8, D: 128, block_size: 16, max_blocks: 132, lens: lensNear(16, 2100, 97) },
      timing: true,
    },
  ],
  reduced: [
    ...edge,
    {
      name: "timing-4x8x2x128",
      purpose: "timing (reduced for software adapters): lengths near 512",
      seed: 24,
      shape: { B: 4, Hq: 8, Hkv: 2, D: 128, block_size: 16, max_blocks: 32, lens: lensNear(4, 512, 61) },
      timing: true,
    },
  ],
  cpu: [
    { name: "gqa1-mixed-lengths", purpose: "GQA 1; lengths 1, 21 (mid-block) and 32; shuffled table", seed: 21, shape: { B: 3, Hq: 2, Hkv: 2, D: 64, block_size: 16, max_blocks: 2, lens: [1, 21, 32] } },
    { name: "gqa4-d128", purpose: "GQA 4 over two KV heads, D = 128", seed: 22, shape: { B: 1, Hq: 8, Hkv: 2, D: 128, block_size: 8, max_blocks: 3, lens: [19] } },
    { name: "gqa8-scores-100", purpose: "GQA 8, scores about +-100", seed: 23, shape: { B: 1, Hq: 8, Hkv: 1, D: 64, block_size: 8, max_blocks: 2, lens: [13] }, largeScores: true },
    { name: "timing-2x4x1x64", purpose: "timing (CPU interpreter)", seed: 24, shape: { B: 2, Hq: 4, Hkv: 1, D: 64, block_size: 16, max_blocks: 4, lens: [64, 50] }, timing: true },
  ],
};

export function generateDecodeCase(c: CaseSpec, hiddenSeed: number): GeneratedCase {
  const sh = c.shape;
  const lensArr = sh.lens as number[];
  const p: DecodeParams = {
    B: sh.B as number,
    Hq: sh.Hq as number,
    Hkv: sh.Hkv as number,
    D: sh.D as number,
    block_size: sh.block_size as number,
    max_blocks: sh.max_blocks as number,
    scale: Math.fround(1 / Math.sqrt(sh.D as number)),
  };
  const rng = makeRng(mixSeed(c.seed, hiddenSeed));
  const { table, numBlocks } = shuffledBlockTable(
    lensArr.map((n) => Math.ceil(n / p.block_size)),
    p.max_blocks,
    3,
    rng,
  );
  const cacheSize = numBlocks * p.block_size * p.Hkv * p.D;
  const q = uniformTensor(p.B * p.Hq * p.D, rng);
  const k_cache = uniformTensor(cacheSize, rng);
  const v_cache = uniformTensor(cacheSize, rng);
  const context_lens = Uint32Array.from(lensArr);
  if (c.largeScores) {
    const f = Math.sqrt(100 / maxDecodeScore(p, q, k_cache, table, context_lens));
    for (let i = 0; i < q.length; i++) q[i] *= f;
    for (let i = 0; i < k_cache.length; i++) k_cache[i] *= f;
  }
  return {
    spec: c,
    params: { ...p },
    inputs: { q, k_cache, v_cache, block_table: table, context_lens },
    outputSizes: { out: p.B * p.Hq * p.D },
  };
}
