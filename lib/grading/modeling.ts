import type { Concept, ResolvedModelingQuestion } from "@/lib/scenarios/schema";
import { pythonComments } from "@/lib/scratchpad/comments";
import type { ModelingAnswer } from "./answers";
import { findAssumptionEvidence } from "./assumptions";
import { scoreModelingQuestion } from "./modeling-score";
import { findQuantities, wordCount } from "./text-match";
import { decisionForScore, round1, type Grade, type RubricItem } from "./types";

/** With a list of assumptions to state (every library scenario): numbers 70, assumptions 30. */
const QUESTIONS_SHARE = 70;
const ASSUMPTIONS_SHARE = 30;
/** Rounds snapshotted before scenarios listed their assumptions keep the old split. */
const LEGACY_QUESTIONS_SHARE = 90;
const LEGACY_ASSUMPTIONS_SHARE = 10;

export { scoreModelingQuestion, givenText, type QuestionScore } from "./modeling-score";

type ModelingScenarioLike = { questions: ResolvedModelingQuestion[]; assumptions?: Concept[]; prompt?: string; scratchpad?: { starter: string } };

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
  // Text the candidate was given (prompt, starter code) is not evidence of stating anything.
  const given = [scenario.prompt ?? "", pythonComments(scenario.scratchpad?.starter ?? "")].join("\n");
  if (listed.length) items.push(...assumptionItems(listed, answer, given));
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

function assumptionItems(listed: Concept[], answer: ModelingAnswer | null, given: string): RubricItem[] {
  const total = listed.reduce((s, c) => s + c.weight, 0);
  const parts = [
    { id: "assumptions", text: answer?.assumptions ?? "" },
    { id: "scratchpad comments", text: pythonComments(answer?.scratchpad?.code ?? "") },
  ];
  const evidence = findAssumptionEvidence(parts, listed, { acceptOmissions: true, context: [given] });
  return listed.map((c, i) => {
    const ev = evidence[i];
    const max = (ASSUMPTIONS_SHARE * c.weight) / total;
    const hit = ev.credit > 0;
    return {
      id: `assumption:${c.id}`,
      label: `Assumption stated: ${c.label}`,
      points: max * ev.credit,
      maxPoints: max,
      hit,
      evidence: hit ? ev.quote : null,
      note: hit ? `${ev.reason} (in the ${ev.part})` : ev.quote ? `found in the ${ev.part} but ${ev.reason}: "${ev.quote}"` : "not stated in the assumptions or the scratchpad's comments",
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
