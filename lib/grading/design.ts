import type { DesignScenario, Estimate } from "@/lib/scenarios/schema";
import type { DesignAnswer } from "./answers";
import { diagramParts } from "./diagram";
import { followupItems } from "./followups";
import { analyzeProse, scaleItems, scoreProse, type ProseAnalysis, type ProseInput } from "./prose-score";
import type { TextPart } from "./sentences";
import { decisionForScore, round1, type Grade } from "./types";

/** Follow-ups: each answered or asked follow-up is worth up to 5 points, 20 at most in all. */
export const FOLLOWUP_POINTS = 5;
export const FOLLOWUP_MAX_SHARE = 20;

type DesignLike = Pick<DesignScenario, "sections" | "rubric" | "prompt"> & Partial<Pick<DesignScenario, "followups" | "modelAnswer">>;

function estimatesOf(s: DesignLike): Estimate[] {
  // Sessions snapshotted before estimates were structured hold strings here.
  return (s.rubric.numbers as unknown[]).filter((n): n is Estimate => !!n && typeof n === "object" && "cues" in n && typeof (n as Estimate).value === "number");
}

export function designInput(scenario: DesignLike, answer: DesignAnswer | null): ProseInput {
  const sections = answer?.sections ?? {};
  const extra: TextPart[] = [...diagramParts(answer?.diagram?.elements)];
  for (const f of answer?.followups ?? []) if (f.answer?.trim()) extra.push({ id: `followup:${f.id}`, text: f.answer, source: "followup" });
  const concepts = scenario.rubric.concepts;
  const misconceptions = scenario.rubric.misconceptions ?? [];
  const estimates = estimatesOf(scenario);
  return {
    kind: "design",
    concepts,
    misconceptions,
    estimates,
    parts: scenario.sections.map((s) => ({ id: s.id, label: s.title, text: sections[s.id] ?? "", minWords: 30 })),
    extraParts: extra,
    weights: { concepts: 55, estimates: 15, figures: 10, structure: 20, ownership: 0 },
    figureTarget: 5,
    copySources: [scenario.prompt, ...scenario.sections.map((s) => `${s.title}. ${s.hint ?? ""}`), ...(scenario.followups ?? []).map((f) => f.question), ...(answer?.followups ?? []).map((f) => f.question)],
    topicDocs: [
      scenario.prompt,
      scenario.modelAnswer ?? "",
      ...concepts.map((c) => [c.label, ...c.synonyms, c.probe ?? ""].join(". ")),
      ...estimates.map((e) => [e.quantity, ...e.cues, e.derivation ?? ""].join(". ")),
      ...misconceptions.map((m) => `${m.claim}. ${m.correction}`),
      ...(scenario.followups ?? []).map((f) => f.question),
    ],
  };
}

/** The evidence the probe picker reads (no scoring). */
export function analyzeDesign(scenario: DesignLike, answer: DesignAnswer | null): ProseAnalysis {
  return analyzeProse(designInput(scenario, answer));
}

/**
 * System design: concepts 55, key estimates 15, figures 10, sections 20, minus wrong claims; capped at No
 * for a mostly-fragment answer, a severe wrong claim, or no core mechanism. Follow-ups asked during the
 * round take up to 5 points each (20 at most), the main answer the rest.
 */
export function gradeDesign(scenario: DesignLike, answer: DesignAnswer | null): Grade {
  const main = scoreProse(designInput(scenario, answer));
  const { analysis: _a, ...grade } = main;
  const followups = answer?.followups ?? [];
  if (!followups.length) return grade;
  const each = Math.min(FOLLOWUP_POINTS, FOLLOWUP_MAX_SHARE / followups.length);
  const fItems = followupItems(scenario, followups, each);
  const share = 100 - each * followups.length;
  const items = [...scaleItems(grade.items, share / 100), ...fItems.map((i) => ({ ...i, points: round1(i.points), maxPoints: round1(i.maxPoints) }))];
  const score = round1(Math.max(0, Math.min(100, (grade.score ?? 0) * (share / 100) + fItems.reduce((a, i) => a + i.points, 0))));
  const closed = fItems.filter((i) => i.hit).length;
  return { ...grade, score, decision: decisionForScore(score), items, summary: `${grade.summary.replace(/\.$/, "")}, ${closed}/${fItems.length} follow-ups answered.` };
}
