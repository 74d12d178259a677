import type { CaseProfile, CaseSpec, GeneratedCase } from "../types";
import { makeRng, mixSeed, uniformTensor } from "../rng";
import { maxInt8Score, QUANT_BLOCK, type Int8DecodeParams } from "./reference";

const edge: CaseSpec[] = [
  {
    name: "gqa1-mixed-lengths",
    purpose: "GQA ratio 1; lengths 1, 37 and 64 in one batch; negative int8 values down to -128, block scales over two orders of magnitude",
    seed: 51,
    shape: { B: 3, Hq: 4, Hkv: 4, D: 64, max_len: 70, lens: [1, 37, 64] },
  },
  {
    name: "gqa4-d128",
    purpose: "GQA ratio 4, D = 128 (four scale blocks per row)",
    seed: 52,
    shape: { B: 2, Hq: 8, Hkv: 2, D: 128, max_len: 120, lens: [100, 17] },
  },
  {
    name: "gqa8-scores-100",
    purpose: "GQA ratio 8 with scaled scores about +-100 (needs the running max)",
    seed: 53,
    shape: { B: 2, Hq: 8, Hkv: 1, D: 64, max_len: 32, lens: [29, 1] },
    largeScores: true,
  },
];

function lensNear(n: number, center: number, spread: number): number[] {
  return Array.from({ length: n }, (_, i) => center - ((i * 37) % spread));
}

export const int8Cases: Record<CaseProfile, CaseSpec[]> = {
  full: [
    ...edge,
    {
      name: "timing-16x32x8x128",
      purpose: "timing: B = 16, Hq = 32, Hkv = 8, D = 128, lengths near 2048 (2003..2100), int8 K and V",
      seed: 54,
      shape: { B: 16, Hq: 32, Hkv: 8, D: 128, max_len: 2112, lens: lensNear(16, 2100, 97) },
      timing: true,
    },
  ],
  reduced: [
    ...edge,
    {
      name: "timing-4x8x2x128",
      purpose: "timing (reduced for software adapters): lengths near 128",
      seed: 54,
      shape: { B: 4, Hq: 8, Hkv: 2, D: 128, max_len: 128, lens: lensNear(4, 128, 61) },
      timing: true,
    },
  ],
  cpu: [
    { name: "gqa1-mixed-lengths", purpose: "GQA 1; lengths 1 and 21; negative values down to -128", seed: 51, shape: { B: 2, Hq: 2, Hkv: 2, D: 64, max_len: 24, lens: [1, 21] } },
    { name: "gqa4-d128", purpose: "GQA 4 over two KV heads, D = 128 (four scale blocks per row)", seed: 52, shape: { B: 1, Hq: 8, Hkv: 2, D: 128, max_len: 20, lens: [19] } },
    { name: "gqa8-scores-100", purpose: "GQA 8, scores about +-100", seed: 53, shape: { B: 1, Hq: 8, Hkv: 1, D: 64, max_len: 16, lens: [13] }, largeScores: true },
    { name: "timing-2x4x1x64", purpose: "timing (CPU interpreter)", seed: 54, shape: { B: 2, Hq: 4, Hkv: 1, D: 64, max_len: 64, lens: [64, 50] }, timing: true },
  ],
};

/**
 * Quantizes one random row per (sequence, token, kv head) the way a serving stack would: each block of 32
 * elements gets scale = max|x| / 127 and int8 values round(x / scale); the blocks' magnitudes vary over two
 * orders (so a wrong block's scale is visible), and the lowest draws (about one element in 80) store -128,
 * the one int8 value without a positive twin, which only a sign-extending unpack reads right.
 */
function quantizedCache(rows: number, D: number, rng: () => number): { int8: Int8Array; scales: Float32Array } {
  const nb = D / QUANT_BLOCK;
  const int8 = new Int8Array(rows * D);
  const scales = new Float32Array(rows * nb);
  const r = new Float64Array(QUANT_BLOCK);
  for (let row = 0; row < rows; row++)
    for (let blk = 0; blk < nb; blk++) {
      const mag = Math.exp(rng() * 4.6 - 3.5);
      let amax = 0;
      for (let i = 0; i < QUANT_BLOCK; i++) {
        r[i] = rng();
        amax = Math.max(amax, Math.abs((r[i] * 2 - 1) * mag));
      }
      const s = Math.fround(amax / 127 || 1 / 127);
      scales[row * nb + blk] = s;
      const o = row * D + blk * QUANT_BLOCK;
      const inv = mag / s;
      for (let i = 0; i < QUANT_BLOCK; i++) int8[o + i] = r[i] < 0.0125 ? -128 : Math.max(-127, Math.min(127, Math.round((r[i] * 2 - 1) * inv)));
    }
  return { int8, scales };
}

/** Packs int8 values four to a u32, element 4w + j in byte j of word w (little-endian, two's complement). */
export function packInt8(a: Int8Array): Uint32Array {
  return new Uint32Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

export function unpackInt8(w: Uint32Array): Int8Array {
  return new Int8Array(w.buffer, w.byteOffset, w.byteLength);
}

export function generateInt8Case(c: CaseSpec, hiddenSeed: number): GeneratedCase {
  const sh = c.shape;
  const lensArr = sh.lens as number[];
  const p: Int8DecodeParams = {
    B: sh.B as number,
    Hq: sh.Hq as number,
    Hkv: sh.Hkv as number,
    D: sh.D as number,
    max_len: sh.max_len as number,
    scale: Math.fround(1 / Math.sqrt(sh.D as number)),
  };
  const rng = makeRng(mixSeed(c.seed, hiddenSeed));
  const rows = p.B * p.max_len * p.Hkv;
  const q = uniformTensor(p.B * p.Hq * p.D, rng);
  const k = quantizedCache(rows, p.D, rng);
  const v = quantizedCache(rows, p.D, rng);
  const context_lens = Uint32Array.from(lensArr);
  if (c.largeScores) {
    const f = 100 / maxInt8Score(p, q, k.int8, k.scales, context_lens);
    for (let i = 0; i < q.length; i++) q[i] *= f;
  }
  return {
    spec: c,
    params: { ...p },
    inputs: { q, k_cache: packInt8(k.int8), v_cache: packInt8(v.int8), k_scale: k.scales, v_scale: v.scales, context_lens },
    outputSizes: { out: p.B * p.Hq * p.D },
  };
}
