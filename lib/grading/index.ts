import type { RuntimeScenario } from "@/lib/scenarios";
import { answerSchemas } from "./answers";
import { gradeBehavioral } from "./behavioral";
import { gradeDesign } from "./design";
import { gradeModeling } from "./modeling";
import type { Grade } from "./types";

export * from "./types";
export * from "./answers";
export { decideLoop, committeeBar, type LoopDecision, type RoundOutcome } from "./decision";
export { gradeDesign } from "./design";
export { gradeBehavioral, processWords, starParts } from "./behavioral";
export { gradeModeling } from "./modeling";
export { findQuantities, findPhrase, phraseRegex } from "./text-match";

/** Grades one round's final answer against its scenario. Deterministic: same input, same grade. */
export function gradeRound(scenario: RuntimeScenario, rawAnswer: unknown): Grade {
  const parsed = answerSchemas[scenario.kind].safeParse(rawAnswer ?? undefined);
  switch (scenario.kind) {
    case "design":
      return gradeDesign(scenario, parsed.success ? (parsed.data as never) : null);
    case "behavioral":
      return gradeBehavioral(scenario, parsed.success ? (parsed.data as never) : null);
    case "modeling":
      return gradeModeling(scenario, parsed.success ? (parsed.data as never) : null);
    case "coding":
      return { kind: "coding", score: null, decision: null, items: [], summary: "Coding rounds are kept for review; automatic test-based grading is not available yet." };
    case "kernel":
      return { kind: "kernel", score: null, decision: null, items: [], summary: "Kernel rounds are kept for review; automatic harness-based grading is not available yet." };
  }
}
