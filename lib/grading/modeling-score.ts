import type { ResolvedModelingQuestion } from "@/lib/scenarios/schema";
import { formatQuantity, toBase, type BaseUnit } from "@/lib/units";
import type { ModelingValue } from "./answers";

type GradedQuestion = Pick<ResolvedModelingQuestion, "expected" | "unit" | "tolerance">;

export type QuestionScore = {
  /** 0..1 */
  credit: number;
  /** What the candidate gave, as typed ("90-130 ms", "0.12 fraction"), or null. */
  given: string | null;
  /** The same in the question's base unit, for the debrief's picture. */
  base: { low: number; high: number } | null;
  note: string;
};

const fmt = (x: number, unit: string) => formatQuantity(x, unit as BaseUnit);
const num = (x: number) => x.toLocaleString("en-US", { maximumSignificantDigits: 6 });

export function givenText(a: ModelingValue | undefined): string | null {
  if (!a) return null;
  if (a.mode === "range") {
    if (a.low === null || a.low === undefined || a.high === null || a.high === undefined) return null;
    return `${num(a.low)}–${num(a.high)} ${a.unit}`.trim();
  }
  return a.value === null || a.value === undefined ? null : `${num(a.value)} ${a.unit}`.trim();
}

/**
 * One numeric answer against its expected value and band (relative tolerance t around E).
 * A value: full credit inside the band, none outside. A range [lo, hi] in any unit of the dimension:
 * when it contains E, credit in proportion to how tight it is (the band's width / the range's width,
 * at most 1); when it lies wholly inside the band, full credit (every value in it would pass as a
 * point); otherwise none: a range that excludes the answer is wrong, however narrow.
 */
export function scoreModelingQuestion(q: GradedQuestion, a: ModelingValue | undefined): QuestionScore {
  const E = q.expected;
  const t = q.tolerance.relative;
  const expectedText = `${fmt(E, q.unit)} ± ${Math.round(t * 100)}%`;
  const given = givenText(a);
  if (!a || given === null) {
    const partial = a?.mode === "range" && (a.low != null || a.high != null);
    return { credit: 0, given: null, base: null, note: `${partial ? "range incomplete (give both ends)" : "no answer"}; expected ${expectedText}` };
  }
  const half = E === 0 ? t : t * Math.abs(E);
  const bandLo = E - half;
  const bandHi = E + half;
  if (a.mode === "range") {
    const l = toBase(a.low!, a.unit, q.unit);
    const h = toBase(a.high!, a.unit, q.unit);
    if (l === null || h === null) return { credit: 0, given, base: null, note: `unit "${a.unit}" does not measure ${q.unit}; expected ${expectedText}` };
    const lo = Math.min(l, h);
    const hi = Math.max(l, h);
    const base = { low: lo, high: hi };
    if (lo <= E && E <= hi) {
      const width = hi - lo;
      const credit = width <= 2 * half ? 1 : (2 * half) / width;
      return {
        credit,
        given,
        base,
        note:
          `expected ${expectedText}; your range contains it` +
          (credit === 1 ? " and is no wider than the band (full credit)" : ` and is ${(width / (2 * half)).toFixed(1)}x as wide as the band: ${Math.round(credit * 100)}% credit`),
      };
    }
    if (lo >= bandLo && hi <= bandHi) return { credit: 1, given, base, note: `expected ${expectedText}; your whole range lies inside the band (full credit)` };
    const side = hi < E ? "below" : "above";
    return { credit: 0, given, base, note: `expected ${expectedText}; your range lies ${side} it and excludes it (no credit, however narrow)` };
  }
  const v = toBase(a.value!, a.unit, q.unit);
  if (v === null) return { credit: 0, given, base: null, note: `unit "${a.unit}" does not measure ${q.unit}; expected ${expectedText}` };
  const err = E === 0 ? Math.abs(v) : Math.abs(v - E) / Math.abs(E);
  const ok = err <= t;
  return {
    credit: ok ? 1 : 0,
    given,
    base: { low: v, high: v },
    note: `expected ${expectedText}; off by ${(err * 100).toFixed(1)}%` + (ok ? " (within the band)" : " (outside the band: a point estimate earns nothing there; a range would have shown your uncertainty)"),
  };
}
