import type { ResolvedModelingQuestion } from "@/lib/scenarios/schema";
import { formatQuantity, toBase } from "@/lib/units";
import type { ModelingAnswer } from "./answers";
import { findQuantities, wordCount } from "./text-match";
import { decisionForScore, round1, type Grade, type RubricItem } from "./types";

const QUESTIONS_SHARE = 90;
const ASSUMPTIONS_SHARE = 10;

/**
 * Cost-latency modeling: each numeric answer is converted to the question's base unit and compared
 * with the expected value. Within the tolerance band: full credit; within twice the band: half
 * (the method was right, a factor slipped); outside: none. Stated assumptions earn the last 10 points.
 */
export function gradeModeling(scenario: { questions: ResolvedModelingQuestion[] }, answer: ModelingAnswer | null): Grade {
  const items: RubricItem[] = [];
  const totalWeight = scenario.questions.reduce((s, q) => s + q.weight, 0);
  for (const q of scenario.questions) {
    const max = (QUESTIONS_SHARE * q.weight) / totalWeight;
    const a = answer?.values?.[q.id];
    const expectedText = `${formatQuantity(q.expected, q.unit)} ± ${Math.round(q.tolerance.relative * 100)}%`;
    if (!a || a.value === null || a.value === undefined) {
      items.push({ id: `q:${q.id}`, label: q.prompt, points: 0, maxPoints: max, hit: false, evidence: null, note: `no answer; expected ${expectedText}` });
      continue;
    }
    const given = toBase(a.value, a.unit, q.unit);
    if (given === null) {
      items.push({ id: `q:${q.id}`, label: q.prompt, points: 0, maxPoints: max, hit: false, evidence: `${a.value} ${a.unit}`, note: `unit "${a.unit}" does not measure ${q.unit}; expected ${expectedText}` });
      continue;
    }
    const err = q.expected === 0 ? Math.abs(given) : Math.abs(given - q.expected) / Math.abs(q.expected);
    const tol = q.tolerance.relative;
    const credit = err <= tol ? 1 : err <= 2 * tol ? 0.5 : 0;
    items.push({
      id: `q:${q.id}`,
      label: q.prompt,
      points: max * credit,
      maxPoints: max,
      hit: credit === 1,
      evidence: `${a.value} ${a.unit}`.trim(),
      note:
        `expected ${expectedText}; off by ${(err * 100).toFixed(1)}%` +
        (credit === 1 ? " (within the band)" : credit === 0.5 ? " (within twice the band: half credit)" : " (outside the band)"),
    });
  }
  const assumptions = answer?.assumptions ?? "";
  const stated = wordCount(assumptions) >= 15;
  const quantified = findQuantities(assumptions).length > 0;
  const aPoints = stated ? (quantified ? ASSUMPTIONS_SHARE : ASSUMPTIONS_SHARE / 2) : 0;
  items.push({
    id: "assumptions",
    label: "Assumptions stated, with numbers",
    points: aPoints,
    maxPoints: ASSUMPTIONS_SHARE,
    hit: stated && quantified,
    evidence: stated ? assumptions.trim().slice(0, 160) : null,
    note: stated ? (quantified ? "stated and quantified" : "stated, but no number with a unit") : "fewer than 15 words of assumptions",
  });
  const score = round1(items.reduce((s, i) => s + i.points, 0));
  for (const i of items) (i.points = round1(i.points)), (i.maxPoints = round1(i.maxPoints));
  const inBand = items.filter((i) => i.id.startsWith("q:") && i.hit).length;
  return { kind: "modeling", score, decision: decisionForScore(score), items, summary: `${inBand}/${scenario.questions.length} answers within their tolerance band.` };
}
