export type Int8DecodeParams = { B: number; Hq: number; Hkv: number; D: number; max_len: number; scale: number };

/** Elements per quantization block: each block of 32 consecutive elements of a row has its own scale. */
export const QUANT_BLOCK = 32;

/** Row index of (sequence b, token t, kv head g) in a [B][max_len][Hkv][...] cache. */
export function int8Row(p: Int8DecodeParams, b: number, t: number, g: number): number {
  return (b * p.max_len + t) * p.Hkv + g;
}

/**
 * Decode attention with GQA in float64 over an int8 cache: element d of a row is its int8 value times the
 * scale of its block of 32 (k = int8 * k_scale[row][d / 32], likewise V).
 */
export function int8DecodeReference(
  p: Int8DecodeParams,
  q: Float32Array,
  k8: Int8Array,
  v8: Int8Array,
  kScale: Float32Array,
  vScale: Float32Array,
  lens: Uint32Array,
): Float64Array {
  const { B, Hq, Hkv, D, scale } = p;
  const nb = D / QUANT_BLOCK;
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
        const r = int8Row(p, b, t, g);
        let dot = 0;
        for (let d = 0; d < D; d++) dot += q[qo + d] * k8[r * D + d] * kScale[r * nb + Math.floor(d / QUANT_BLOCK)];
        s[t] = dot * scale;
        if (s[t] > m) m = s[t];
      }
      let l = 0;
      const acc = new Float64Array(D);
      for (let t = 0; t < n; t++) {
        const w = Math.exp(s[t] - m);
        l += w;
        const r = int8Row(p, b, t, g);
        for (let d = 0; d < D; d++) acc[d] += w * v8[r * D + d] * vScale[r * nb + Math.floor(d / QUANT_BLOCK)];
      }
      for (let d = 0; d < D; d++) out[qo + d] = acc[d] / l;
    }
  }
  return out;
}

/** Largest scale * q.k over the tokens in context. */
export function maxInt8Score(p: Int8DecodeParams, q: Float32Array, k8: Int8Array, kScale: Float32Array, lens: Uint32Array): number {
  const nb = p.D / QUANT_BLOCK;
  const group = p.Hq / p.Hkv;
  let best = 0;
  for (let b = 0; b < p.B; b++)
    for (let h = 0; h < p.Hq; h++)
      for (let t = 0; t < lens[b]; t++) {
        const r = int8Row(p, b, t, Math.floor(h / group));
        let dot = 0;
        for (let d = 0; d < p.D; d++) dot += q[(b * p.Hq + h) * p.D + d] * k8[r * p.D + d] * kScale[r * nb + Math.floor(d / QUANT_BLOCK)];
        best = Math.max(best, dot * p.scale);
      }
  return best;
}
