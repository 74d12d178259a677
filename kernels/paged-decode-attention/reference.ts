export type DecodeParams = { B: number; Hq: number; Hkv: number; D: number; block_size: number; max_blocks: number; scale: number };

/** Offset of (token t of sequence b, kv head g) in a [num_blocks][block_size][Hkv][D] cache. */
export function cacheRow(p: DecodeParams, table: Uint32Array, b: number, t: number, g: number): number {
  const block = table[b * p.max_blocks + Math.floor(t / p.block_size)];
  return ((block * p.block_size + (t % p.block_size)) * p.Hkv + g) * p.D;
}

/** Paged decode attention with GQA in float64: out[b][h] = softmax_t(scale * q[b][h].k_t) v_t. */
export function pagedDecodeReference(
  p: DecodeParams,
  q: Float32Array,
  kCache: Float32Array,
  vCache: Float32Array,
  table: Uint32Array,
  lens: Uint32Array,
): Float64Array {
  const { B, Hq, Hkv, D, scale } = p;
  const group = Hq / Hkv;
  const out = new Float64Array(B * Hq * D);
  for (let b = 0; b < B; b++) {
    const n = lens[b];
    const s = new Float64Array(n);
    for (let h = 0; h < Hq; h++) {
      const g = Math.floor(h / group);
      const qo = (b * Hq + h) * D;
      let m = -Infinity;
      for (let t = 0; t < n; t++) {
        const ko = cacheRow(p, table, b, t, g);
        let dot = 0;
        for (let d = 0; d < D; d++) dot += q[qo + d] * kCache[ko + d];
        s[t] = dot * scale;
        if (s[t] > m) m = s[t];
      }
      let l = 0;
      const acc = new Float64Array(D);
      for (let t = 0; t < n; t++) {
        const w = Math.exp(s[t] - m);
        l += w;
        const vo = cacheRow(p, table, b, t, g);
        for (let d = 0; d < D; d++) acc[d] += w * vCache[vo + d];
      }
      for (let d = 0; d < D; d++) out[qo + d] = acc[d] / l;
    }
  }
  return out;
}

/** Largest scale * q.k over the tokens in context (positive side: that is where exp overflows). */
export function maxDecodeScore(p: DecodeParams, q: Float32Array, kCache: Float32Array, table: Uint32Array, lens: Uint32Array): number {
  const group = p.Hq / p.Hkv;
  let best = 0;
  for (let b = 0; b < p.B; b++)
    for (let h = 0; h < p.Hq; h++)
      for (let t = 0; t < lens[b]; t++) {
        const ko = cacheRow(p, table, b, t, Math.floor(h / group));
        let dot = 0;
        for (let d = 0; d < p.D; d++) dot += q[(b * p.Hq + h) * p.D + d] * kCache[ko + d];
        best = Math.max(best, dot * p.scale);
      }
  return best;
}
