/**
 * A short, stable fingerprint of a kernel's source (FNV-1a, 32-bit, over UTF-16 code units), the same in the
 * browser and on the server: ties a browser's saved benchmark to the exact source it measured. Not a security
 * measure (a person can forge a result in their own browser anyway); a way to never credit a stale result.
 */
export function sourceHash(source: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) {
    h ^= source.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `fnv1a:${h.toString(16).padStart(8, "0")}:${source.length}`;
}
