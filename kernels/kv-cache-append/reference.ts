export type AppendParams = { B: number; Hkv: number; D: number; block_size: number; max_blocks: number };

/**
 * The caches after the append, with a mask of the elements the append writes; every other element
 * must come back bit-identical. (A copy needs no float64: the expected values are the inputs.)
 */
export function kvCacheAppendReference(
  p: AppendParams,
  kNew: Float32Array,
  vNew: Float32Array,
  table: Uint32Array,
  positions: Uint32Array,
  kCache: Float32Array,
  vCache: Float32Array,
): { k: Float64Array; v: Float64Array; written: Uint8Array } {
  const k = Float64Array.from(kCache);
  const v = Float64Array.from(vCache);
  const written = new Uint8Array(kCache.length);
  for (let b = 0; b < p.B; b++) {
    const pos = positions[b];
    const blk = table[b * p.max_blocks + Math.floor(pos / p.block_size)];
    for (let h = 0; h < p.Hkv; h++) {
      const dst = ((blk * p.block_size + (pos % p.block_size)) * p.Hkv + h) * p.D;
      const src = (b * p.Hkv + h) * p.D;
      for (let d = 0; d < p.D; d++) {
        k[dst + d] = kNew[src + d];
        v[dst + d] = vNew[src + d];
        written[dst + d] = 1;
      }
    }
  }
  return { k, v, written };
}
