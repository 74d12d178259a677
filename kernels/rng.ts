/** Small seeded generators for test inputs; deterministic across node and browsers. */

export function mixSeed(a: number, b: number): number {
  let h = (a ^ Math.imul(b ^ 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A float in [0, 1) per call (mulberry32, shared with the loop's seeded draw). */
export { mulberry32 as makeRng } from "@/lib/random";

/** Uniform in [-1, 1), as float32. */
export function uniformTensor(n: number, rng: () => number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng() * 2 - 1;
  return a;
}

/** A random permutation of 0..n-1 (Fisher-Yates). */
export function permutation(n: number, rng: () => number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

export const UNUSED_BLOCK = 0xffffffff;

/**
 * A shuffled block table: sequence b needs blocksNeeded[b] blocks; physical ids are a random permutation of
 * 0..numBlocks-1 (numBlocks = total needed + spare), unused entries hold 0xFFFFFFFF.
 */
export function shuffledBlockTable(
  blocksNeeded: number[],
  maxBlocks: number,
  spare: number,
  rng: () => number,
): { table: Uint32Array; numBlocks: number } {
  const total = blocksNeeded.reduce((a, b) => a + b, 0);
  const numBlocks = total + spare;
  const perm = permutation(numBlocks, rng);
  const table = new Uint32Array(blocksNeeded.length * maxBlocks).fill(UNUSED_BLOCK);
  let next = 0;
  blocksNeeded.forEach((n, b) => {
    for (let i = 0; i < n; i++) table[b * maxBlocks + i] = perm[next++];
  });
  return { table, numBlocks };
}
