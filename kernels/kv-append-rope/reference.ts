export type RopeAppendParams = { B: number; Hkv: number; D: number; block_size: number; max_blocks: number };

/** Mistral 7B's RoPE base (theta), from its v0.2 configuration. */
export const ROPE_THETA = 1_000_000;

/**
 * The cos/sin table a serving stack precomputes once (vLLM's cos_sin_cache layout): row p holds
 * cos(p * f_i) for i < D / 2, then sin(p * f_i), with f_i = theta^(-2i / D); computed in float64, stored f32.
 */
export function ropeTable(rows: number, D: number, theta = ROPE_THETA): Float32Array {
  const half = D / 2;
  const t = new Float32Array(rows * D);
  for (let p = 0; p < rows; p++)
    for (let i = 0; i < half; i++) {
      const a = p * Math.pow(theta, (-2 * i) / D);
      t[p * D + i] = Math.cos(a);
      t[p * D + half + i] = Math.sin(a);
    }
  return t;
}

/**
 * The caches after the append, in float64: V copied, K rotated by its position first. RoPE on interleaved
 * pairs, as Mistral's reference code applies it (view_as_complex over (..., D / 2, 2)): elements 2i and
 * 2i + 1 rotate by angle p * f_i, with c and s read from the table row of p.
 */
export function kvAppendRopeReference(
  p: RopeAppendParams,
  kNew: Float32Array,
  vNew: Float32Array,
  table: Uint32Array,
  positions: Uint32Array,
  cosSin: Float32Array,
  kCache: Float32Array,
  vCache: Float32Array,
): { k: Float64Array; v: Float64Array; written: Uint8Array } {
  const k = Float64Array.from(kCache);
  const v = Float64Array.from(vCache);
  const written = new Uint8Array(kCache.length);
  const half = p.D / 2;
  for (let b = 0; b < p.B; b++) {
    const pos = positions[b];
    const blk = table[b * p.max_blocks + Math.floor(pos / p.block_size)];
    for (let h = 0; h < p.Hkv; h++) {
      const dst = ((blk * p.block_size + (pos % p.block_size)) * p.Hkv + h) * p.D;
      const src = (b * p.Hkv + h) * p.D;
      for (let i = 0; i < half; i++) {
        const c = cosSin[pos * p.D + i];
        const s = cosSin[pos * p.D + half + i];
        const x0 = kNew[src + 2 * i];
        const x1 = kNew[src + 2 * i + 1];
        k[dst + 2 * i] = x0 * c - x1 * s;
        k[dst + 2 * i + 1] = x0 * s + x1 * c;
      }
      for (let d = 0; d < p.D; d++) {
        v[dst + d] = vNew[src + d];
        written[dst + d] = 1;
      }
    }
  }
  return { k, v, written };
}
