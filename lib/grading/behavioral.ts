import type { BehavioralScenario } from "@/lib/scenarios/schema";
import type { BehavioralAnswer } from "./answers";
import { scoreRubric } from "./rubric";
import type { Grade } from "./types";

/**
 * Words the seeds' committees mark down when they stand in for a mechanism
 * ("we facilitated alignment" instead of "I benchmarked both and showed a 2x gap").
 */
export const processWords = [
  "facilitated", "alignment", "aligned", "synergy", "agile", "scrum", "stakeholder management", "consensus", "leveraged", "circle back",
  // Seed 004: RACI charts, Jira migrations, OKRs and sprint rituals cited as evidence of impact.
  "raci", "okrs", "jira", "asana", "sprint", "bridge between teams",
];

export const starParts = [
  { id: "situation", label: "Situation" },
  { id: "task", label: "Task" },
  { id: "action", label: "Action" },
  { id: "result", label: "Result" },
] as const;

/** Behavioral: 55 concepts, 20 STAR structure, 25 quantified results; minus up to 10 for process words. */
export function gradeBehavioral(scenario: Pick<BehavioralScenario, "rubric">, answer: BehavioralAnswer | null): Grade {
  return scoreRubric({
    kind: "behavioral",
    concepts: scenario.rubric.concepts,
    parts: starParts.map((p) => ({ id: p.id, label: p.label, text: answer?.[p.id] ?? "", minWords: p.id === "action" ? 30 : 12 })),
    weights: { concepts: 55, structure: 20, quantities: 25 },
    quantityTarget: 3,
    penalties: { label: "No process words standing in for mechanisms", phrases: processWords, pointsEach: 4, maxPoints: 10 },
  });
}
