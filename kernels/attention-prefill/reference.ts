/** Causal attention in float64: out[h][i] = softmax_{j<=i}(scale * q[h][i].k[h][j]) v[h][j]. */
export function attentionPrefillReference(
  p: { H: number; S: number; D: number; scale: number },
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
): Float64Array {
  const { H, S, D, scale } = p;
  const out = new Float64Array(H * S * D);
  const s = new Float64Array(S);
  const acc = new Float64Array(D);
  for (let h = 0; h < H; h++) {
    const base = h * S * D;
    for (let i = 0; i < S; i++) {
      const qi = base + i * D;
      let m = -Infinity;
      for (let j = 0; j <= i; j++) {
        const kj = base + j * D;
        let dot = 0;
        for (let d = 0; d < D; d++) dot += q[qi + d] * k[kj + d];
        s[j] = dot * scale;
        if (s[j] > m) m = s[j];
      }
      acc.fill(0);
      let l = 0;
      for (let j = 0; j <= i; j++) {
        const w = Math.exp(s[j] - m);
        l += w;
        const vj = base + j * D;
        for (let d = 0; d < D; d++) acc[d] += w * v[vj + d];
      }
      for (let d = 0; d < D; d++) out[qi + d] = acc[d] / l;
    }
  }
  return out;
}

/** Largest scale * q.k over the unmasked pairs (used to scale the large-score case: exp overflows on the positive side). */
export function maxScore(p: { H: number; S: number; D: number; scale: number }, q: Float32Array, k: Float32Array): number {
  const { H, S, D, scale } = p;
  let best = 0;
  for (let h = 0; h < H; h++)
    for (let i = 0; i < S; i++)
      for (let j = 0; j <= i; j++) {
        let dot = 0;
        for (let d = 0; d < D; d++) dot += q[(h * S + i) * D + d] * k[(h * S + j) * D + d];
        best = Math.max(best, dot * scale);
      }
  return best;
}
