import type { ReferenceOutput, Tolerance } from "@/kernels/types";

export type Comparison = { pass: boolean; maxAbsError: number; relL2: number; detail?: string };

/**
 * Every written element within atol + rtol * |ref| and the whole output's relative L2 error within
 * tolerance; for in-place outputs, every element the reference does not write bit-identical to before.
 */
export function compareOutput(
  name: string,
  actual: Float32Array,
  ref: ReferenceOutput,
  tol: Tolerance,
  initial?: Float32Array,
): Comparison {
  const e = ref.expected;
  if (actual.length !== e.length) {
    return { pass: false, maxAbsError: Infinity, relL2: Infinity, detail: `${name}: ${actual.length} elements read back, ${e.length} expected` };
  }
  let maxAbs = 0;
  let num = 0;
  let den = 0;
  let firstBad = -1;
  let nan = 0;
  let bad = 0;
  let untouchedChanged = 0;
  let firstChanged = -1;
  const actualBits = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const initialBits = initial ? new Uint32Array(initial.buffer, initial.byteOffset, initial.length) : null;
  for (let i = 0; i < e.length; i++) {
    if (ref.written && !ref.written[i]) {
      if (initialBits && actualBits[i] !== initialBits[i]) {
        untouchedChanged++;
        if (firstChanged < 0) firstChanged = i;
      }
      continue;
    }
    const a = actual[i];
    const x = e[i];
    const err = Math.abs(a - x);
    if (Number.isNaN(a)) nan++;
    if (!(err <= tol.atol + tol.rtol * Math.abs(x))) {
      bad++;
      if (firstBad < 0) firstBad = i;
    }
    if (!(err <= maxAbs)) maxAbs = Number.isNaN(err) ? Infinity : err;
    num += (a - x) * (a - x);
    den += x * x;
  }
  const relL2 = Number.isNaN(num) ? Infinity : den > 0 ? Math.sqrt(num / den) : Math.sqrt(num);
  const parts: string[] = [];
  if (bad > 0) {
    parts.push(
      `${name}: ${bad} element(s) outside tolerance` +
        (nan ? ` (${nan} NaN: never written, or overflowed)` : "") +
        `; first at index ${firstBad}: got ${actual[firstBad]}, expected ${e[firstBad].toPrecision(7)}`,
    );
  }
  if (relL2 > tol.relL2) parts.push(`${name}: relative L2 error ${relL2.toPrecision(3)} > ${tol.relL2}`);
  if (untouchedChanged > 0) {
    parts.push(
      `${name}: ${untouchedChanged} element(s) the kernel must not touch changed; first at index ${firstChanged}: ${actual[firstChanged]} (was ${initial![firstChanged]})`,
    );
  }
  return {
    pass: parts.length === 0,
    maxAbsError: maxAbs,
    relL2: Number.isFinite(relL2) ? relL2 : Infinity,
    detail: parts.length ? parts.join("; ") : undefined,
  };
}
