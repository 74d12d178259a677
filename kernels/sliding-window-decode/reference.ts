export type WindowParams = { B: number; Hq: number; Hkv: number; D: number; W: number; scale: number };

/**
 * The cache slots sequence b attends to when its newest token sits at position `pos`: tokens
 * max(0, pos - W + 1) ..= pos, token t in slot t mod W (oldest first).
 */
export function windowSlots(W: number, pos: number): number[] {
  const start = Math.max(0, pos - W + 1);
  const slots: number[] = [];
  for (let t = start; t <= pos; t++) slots.push(t % W);
  return slots;
}

/** Offset of (sequence b, slot s, kv head g) in a [B][W][Hkv][D] rolling-buffer cache. */
export function windowRow(p: WindowParams, b: number, slot: number, g: number): number {
  return ((b * p.W + slot) * p.Hkv + g) * p.D;
}

/** Sliding-window decode attention with GQA in float64 over a rolling-buffer cache. */
export function slidingWindowReference(p: WindowParams, q: Float32Array, kCache: Float32Array, vCache: Float32Array, positions: Uint32Array): Float64Array {
  const { B, Hq, Hkv, D, scale } = p;
  const group = Hq / Hkv;
  const out = new Float64Array(B * Hq * D);
  for (let b = 0; b < B; b++) {
    const slots = windowSlots(p.W, positions[b]);
    const s = new Float64Array(slots.length);
    for (let h = 0; h < Hq; h++) {
      const g = Math.floor(h / group);
      const qo = (b * Hq + h) * D;
      let m = -Infinity;
      slots.forEach((slot, i) => {
        const ko = windowRow(p, b, slot, g);
        let dot = 0;
        for (let d = 0; d < D; d++) dot += q[qo + d] * kCache[ko + d];
        s[i] = dot * scale;
        if (s[i] > m) m = s[i];
      });
      let l = 0;
      const acc = new Float64Array(D);
      slots.forEach((slot, i) => {
        const w = Math.exp(s[i] - m);
        l += w;
        const vo = windowRow(p, b, slot, g);
        for (let d = 0; d < D; d++) acc[d] += w * vCache[vo + d];
      });
      for (let d = 0; d < D; d++) out[qo + d] = acc[d] / l;
    }
  }
  return out;
}

/** Largest scale * q.k over the slots in each window (where exp would overflow without the max). */
export function maxWindowScore(p: WindowParams, q: Float32Array, kCache: Float32Array, positions: Uint32Array): number {
  const group = p.Hq / p.Hkv;
  let best = 0;
  for (let b = 0; b < p.B; b++)
    for (const slot of windowSlots(p.W, positions[b]))
      for (let h = 0; h < p.Hq; h++) {
        const ko = windowRow(p, b, slot, Math.floor(h / group));
        let dot = 0;
        for (let d = 0; d < p.D; d++) dot += q[(b * p.Hq + h) * p.D + d] * kCache[ko + d];
        best = Math.max(best, dot * p.scale);
      }
  return best;
}
