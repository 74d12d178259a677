import type { Concept, ResolvedModelingQuestion } from "@/lib/scenarios/schema";
import { pythonComments } from "@/lib/scratchpad/comments";
import { formatQuantity, toBase, type BaseUnit } from "@/lib/units";
import type { ModelingAnswer, ModelingValue } from "./answers";
import { findAssumptionEvidence } from "./assumptions";
import { findQuantities, wordCount } from "./text-match";
import { decisionForScore, round1, type Grade, type RubricItem } from "./types";

/** With a list of assumptions to state (every library scenario): numbers 70, assumptions 30. */
const QUESTIONS_SHARE = 70;
const ASSUMPTIONS_SHARE = 30;
/** Rounds snapshotted before scenarios listed their assumptions keep the old split. */
const LEGACY_QUESTIONS_SHARE = 90;
const LEGACY_ASSUMPTIONS_SHARE = 10;

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

type ModelingScenarioLike = { questions: ResolvedModelingQuestion[]; assumptions?: Concept[]; prompt?: string };

/**
 * Cost-latency and simulation rounds: each numeric answer (value or range) against its expected value
 * (70 points), and each assumption the scenario lists, found at sentence level in the assumptions and
 * the scratchpad's comments (30 points). Seed 004: judged on clarity of assumptions and explicit
 * uncertainty bounds, so an honest range and stated assumptions carry a round where exact math does not.
 */
export function gradeModeling(scenario: ModelingScenarioLike, answer: ModelingAnswer | null): Grade {
  const listed = scenario.assumptions ?? [];
  const qShare = listed.length ? QUESTIONS_SHARE : LEGACY_QUESTIONS_SHARE;
  const items: RubricItem[] = [];
  const totalWeight = scenario.questions.reduce((s, q) => s + q.weight, 0);
  let inBand = 0;
  let ranges = 0;
  for (const q of scenario.questions) {
    const max = (qShare * q.weight) / totalWeight;
    const a = answer?.values?.[q.id];
    const r = scoreModelingQuestion(q, a);
    if (r.credit === 1) inBand++;
    if (a?.mode === "range" && r.given) ranges++;
    items.push({
      id: `q:${q.id}`,
      label: q.prompt,
      points: max * r.credit,
      maxPoints: max,
      hit: r.credit === 1,
      evidence: r.given ? `${r.given}${a?.from ? ` (from the scratchpad: ${a.from})` : ""}` : null,
      note: r.note,
    });
  }
  if (listed.length) items.push(...assumptionItems(listed, answer, scenario.prompt ?? ""));
  else items.push(legacyAssumptionItem(answer));
  const score = round1(items.reduce((s, i) => s + i.points, 0));
  for (const i of items) (i.points = round1(i.points)), (i.maxPoints = round1(i.maxPoints));
  const stated = items.filter((i) => i.id.startsWith("assumption:") && i.hit).length;
  const summary =
    `${inBand}/${scenario.questions.length} answers within their band` +
    (ranges ? ` (${ranges} given as ranges)` : "") +
    (listed.length ? `; ${stated}/${listed.length} assumptions stated.` : ".");
  return { kind: "modeling", score, decision: decisionForScore(score), items, summary };
}

function assumptionItems(listed: Concept[], answer: ModelingAnswer | null, prompt: string): RubricItem[] {
  const total = listed.reduce((s, c) => s + c.weight, 0);
  const sources = [
    { label: "assumptions", text: answer?.assumptions ?? "" },
    { label: "scratchpad comments", text: pythonComments(answer?.scratchpad?.code ?? "") },
  ];
  return listed.map((c) => {
    const ev = findAssumptionEvidence({ concept: c, sources, prompt });
    const max = (ASSUMPTIONS_SHARE * c.weight) / total;
    return {
      id: `assumption:${c.id}`,
      label: `Assumption stated: ${c.label}`,
      points: ev.hit ? max : 0,
      maxPoints: max,
      hit: ev.hit,
      evidence: ev.quote,
      note: ev.note,
    };
  });
}

function legacyAssumptionItem(answer: ModelingAnswer | null): RubricItem {
  const assumptions = answer?.assumptions ?? "";
  const stated = wordCount(assumptions) >= 15;
  const quantified = findQuantities(assumptions).length > 0;
  return {
    id: "assumptions",
    label: "Assumptions stated, with numbers",
    points: stated ? (quantified ? LEGACY_ASSUMPTIONS_SHARE : LEGACY_ASSUMPTIONS_SHARE / 2) : 0,
    maxPoints: LEGACY_ASSUMPTIONS_SHARE,
    hit: stated && quantified,
    evidence: stated ? assumptions.trim().slice(0, 160) : null,
    note: stated ? (quantified ? "stated and quantified" : "stated, but no number with a unit") : "fewer than 15 words of assumptions",
  };
}
