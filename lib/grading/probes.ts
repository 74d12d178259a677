import type { DesignScenario } from "@/lib/scenarios/schema";
import type { DesignAnswer, FollowupAnswer } from "./answers";
import { analyzeDesign } from "./design";

/**
 * The interviewer's next question (BRIEF contract 2), deterministic: the same answer, asked list and
 * index always give the same question. Rules, in order:
 *   1. A misconception found in one of the candidate's sentences (severe ones first, then scenario
 *      order), quoted back: `You wrote: "…". <probe>`.
 *   2. The heaviest core concept still missing (credit below 1/2), scenario order among equals: its probe.
 *   3. A key estimate not yet given, or given outside twice its tolerance: its probe.
 *   4. The scripted question for this moment (`followups[index]`), else the next scripted one not asked.
 * An answer under 40 words has nothing to probe yet: the scripted question comes first. A question
 * already asked (same id) is never asked again; null when nothing is left.
 */
export type FollowupPick = {
  id: string;
  question: string;
  source: "scripted" | "probe";
  target?: string;
  quote?: string;
};

type PickScenario = Pick<DesignScenario, "sections" | "rubric" | "prompt" | "followups"> & Partial<Pick<DesignScenario, "modelAnswer">>;

export function pickFollowup({ scenario, answer, asked, index }: { scenario: PickScenario; answer: DesignAnswer | null; asked: Pick<FollowupAnswer, "id">[]; index: number }): FollowupPick | null {
  const askedIds = new Set(asked.map((a) => a.id));
  const scripted = (): FollowupPick | null => {
    const list = scenario.followups ?? [];
    const order = [...list.slice(Math.max(0, index)), ...list.slice(0, Math.max(0, index))];
    const f = order.find((x) => !askedIds.has(x.id));
    return f ? { id: f.id, question: f.question, source: "scripted" } : null;
  };
  const words = Object.values(answer?.sections ?? {}).join(" ").split(/\s+/).filter(Boolean).length;
  if (words < 40) return scripted();

  const a = analyzeDesign(scenario, answer);
  const severity = (id: string) => (scenario.rubric.misconceptions.find((m) => m.id === id)?.severity === "severe" ? 0 : 1);
  const hits = [...a.misconceptions].sort((x, y) => severity(x.id) - severity(y.id));
  for (const h of hits) {
    const m = scenario.rubric.misconceptions.find((x) => x.id === h.id);
    const id = `probe:misconception:${h.id}`;
    if (!m || askedIds.has(id)) continue;
    const quote = h.quote.replace(/^(diagram|follow-up): /, "");
    return { id, question: `You wrote: "${quote}" ${m.probe ?? `Is that right? ${m.correction}`}`, source: "probe", target: h.id, quote };
  }
  const missing = a.concepts
    .filter(({ concept, evidence }) => evidence.credit < 0.5 && concept.probe)
    .sort((x, y) => y.concept.weight - x.concept.weight);
  for (const { concept } of missing) {
    const id = `probe:concept:${concept.id}`;
    if (!askedIds.has(id)) return { id, question: concept.probe!, source: "probe", target: concept.id };
  }
  for (const { estimate, check } of a.estimates) {
    const id = `probe:estimate:${estimate.id}`;
    if (check.credit > 0 || !estimate.probe || askedIds.has(id)) continue;
    return { id, question: estimate.probe, source: "probe", target: estimate.id };
  }
  return scripted();
}
