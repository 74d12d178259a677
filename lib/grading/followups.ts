import type { Concept, Estimate, Misconception, ScenarioFollowup } from "@/lib/scenarios/schema";
import type { FollowupAnswer } from "./answers";
import { conceptEvidence, quoteOf } from "./evidence";
import { checkEstimate } from "./estimates";
import { findMisconceptions } from "./misconceptions";
import { contentLemmas, relevanceFactor, topicModel } from "./relevance";
import { buildSentences, copySourceIndex } from "./sentences";
import type { RubricItem } from "./types";

/**
 * Each follow-up answer graded on its own small rubric, 0..1:
 * - a scripted question with a rubric: its concepts (weighted credit, 70%) and expected figure (30%),
 *   minus 0.4 per wrong claim;
 * - a probe at a missing concept: that concept's evidence in the answer;
 * - a probe at a misconception: 0 if the answer repeats it, else 1 with a mechanism on topic (0.5 without);
 * - a probe at an estimate: the figure's credit (within tolerance 1, within twice 0.5);
 * - a scripted question without a rubric: on topic with a mechanism 1, on topic 0.5.
 * `hit` says whether the answer closed the gap (score >= 0.5).
 */
export type FollowupScenario = {
  prompt: string;
  followups?: ScenarioFollowup[];
  rubric: { concepts: Concept[]; misconceptions?: Misconception[]; numbers?: Estimate[] | unknown[] };
};

export type GradedFollowup = { id: string; score: number; hit: boolean; reason: string; quote: string | null; question: string };

function isEstimate(x: unknown): x is Estimate {
  return !!x && typeof x === "object" && "cues" in x;
}

export function gradeFollowup(scenario: FollowupScenario, f: FollowupAnswer): GradedFollowup {
  const sentences = buildSentences([{ id: f.id, text: f.answer ?? "", source: "followup" }], copySourceIndex([f.question, scenario.prompt]));
  const own = sentences.filter((s) => !s.copied);
  const first = own[0] ? quoteOf(own[0]) : null;
  const base = { id: f.id, question: f.question, quote: first };
  if (!own.length) return { ...base, score: 0, hit: false, reason: f.answer?.trim() ? "copied the question back" : "not answered" };

  const generic = (topic: string[], what: string): GradedFollowup => {
    const model = topicModel(topic);
    const r = relevanceFactor(model.similarity(own.flatMap((s) => contentLemmas(s.tokens))));
    const onTopic = r >= 0.5 ? own : [];
    const mech = onTopic.find((s) => !s.fragment && s.signals.length);
    if (mech) return { ...base, quote: quoteOf(mech), score: 1, hit: true, reason: `answers ${what} with a mechanism` };
    if (onTopic.length) return { ...base, quote: quoteOf(onTopic[0]), score: 0.5, hit: true, reason: `on topic, but without how, why or how much` };
    return { ...base, score: 0, hit: false, reason: `does not address ${what}` };
  };

  const [kind, type, target] = f.id.split(":");
  if (kind === "probe") {
    if (type === "concept") {
      const c = scenario.rubric.concepts.find((x) => x.id === target);
      if (c) {
        const ev = conceptEvidence(own, c);
        return { ...base, quote: ev.quote ?? first, score: ev.credit, hit: ev.credit >= 0.5, reason: ev.credit >= 0.5 ? `closed the gap: ${ev.reason}` : `gap still open: ${c.label} (${ev.reason})` };
      }
    }
    if (type === "misconception") {
      const m = scenario.rubric.misconceptions?.find((x) => x.id === target);
      if (m) {
        const again = findMisconceptions(own, [m]);
        if (again.length) return { ...base, quote: again[0].quote, score: 0, hit: false, reason: `repeats the wrong claim; ${m.correction}` };
        const g = generic([m.correction, m.probe ?? "", m.claim], "the correction");
        return { ...g, reason: g.hit ? `closed the gap: ${g.reason}` : `gap still open: ${m.correction}` };
      }
    }
    if (type === "estimate") {
      const e = (scenario.rubric.numbers ?? []).filter(isEstimate).find((x) => x.id === target);
      if (e) {
        const c = checkEstimate(own, e);
        const reason = c.status === "absent" ? `no figure given; expected ${c.expected}` : `${c.given}: ${c.status === "within" ? "within tolerance" : c.miss}; expected ${c.expected}`;
        return { ...base, quote: c.quote ?? first, score: c.credit, hit: c.credit >= 0.5, reason };
      }
    }
    return generic([f.question, scenario.prompt], "the question");
  }

  const scripted = scenario.followups?.find((x) => x.id === f.id) ?? scenario.followups?.find((x) => x.question === f.question);
  const rubric = scripted?.rubric;
  if (!rubric) return generic([f.question], "the question");
  const totalW = rubric.concepts.reduce((a, c) => a + c.weight, 0) || 1;
  const evs = rubric.concepts.map((c) => ({ c, ev: conceptEvidence(own, c) }));
  const conceptScore = evs.reduce((a, { c, ev }) => a + c.weight * ev.credit, 0) / totalW;
  let score = conceptScore;
  const reasons: string[] = [];
  const shown = evs.filter((x) => x.ev.credit >= 0.5).map((x) => x.c.label);
  const missing = evs.filter((x) => x.ev.credit < 0.5).map((x) => x.c.label);
  if (shown.length) reasons.push(`shows ${shown.join("; ")}`);
  if (missing.length) reasons.push(`missing ${missing.join("; ")}`);
  if (rubric.expected) {
    const c = checkEstimate(own, rubric.expected);
    score = 0.7 * conceptScore + 0.3 * c.credit;
    reasons.push(c.status === "absent" ? `no figure; expected ${c.expected}` : `${c.given} (${c.status === "within" ? "within tolerance" : c.miss}; expected ${c.expected})`);
  }
  const wrong = findMisconceptions(own, rubric.misconceptions ?? []);
  for (const m of wrong) reasons.push(`wrong claim: ${m.claim} (${m.correction})`);
  score = Math.max(0, Math.min(1, score - 0.4 * wrong.length));
  const best = evs.filter((x) => x.ev.quote).sort((a, b) => b.ev.credit - a.ev.credit)[0];
  return { ...base, quote: best?.ev.quote ?? first, score, hit: score >= 0.5, reason: reasons.join("; ") || "answered" };
}

export function followupItems(scenario: FollowupScenario, followups: FollowupAnswer[], pointsEach: number): RubricItem[] {
  return followups.map((f) => {
    const g = gradeFollowup(scenario, f);
    return {
      id: `followup:${f.id}`,
      label: `Follow-up: ${f.question.length > 140 ? f.question.slice(0, 137) + "…" : f.question}`,
      points: pointsEach * g.score,
      maxPoints: pointsEach,
      hit: g.hit,
      evidence: g.quote,
      note: g.hit ? g.reason : g.reason,
      kind: "followup" as const,
      status: g.hit ? "closed" : "open",
      question: f.question,
    };
  });
}
