import type { RuntimeScenario } from "@/lib/scenarios";
import { answerSchemas } from "./answers";
import { gradeBehavioral } from "./behavioral";
import { gradeDesign } from "./design";
import { gradeCoding } from "./coding";
import { gradeKernel } from "./kernel";
import { gradeModeling } from "./modeling";
import type { Grade } from "./types";

export * from "./types";
export * from "./answers";
export * from "./answer-files";
export { decideLoop, committeeBar, type LoopDecision, type RoundOutcome } from "./decision";
export { gradeDesign } from "./design";
export { gradeBehavioral, processWords, starParts } from "./behavioral";
export { gradeModeling } from "./modeling";
export { findQuantities, findPhrase, phraseRegex } from "./text-match";
export { findEvidence, conceptEvidence, type ConceptEvidence, type EvidenceConcept, type EvidenceOptions, type EvidenceStatus } from "./evidence";
export type { TextPart } from "./sentences";
export { pickFollowup, type FollowupPick } from "./probes";
export { gradeFollowup } from "./followups";

/** Grades one round's final answer against its scenario. Deterministic: same input, same grade. */
export async function gradeRound(scenario: RuntimeScenario, rawAnswer: unknown): Promise<Grade> {
  const parsed = answerSchemas[scenario.kind].safeParse(rawAnswer ?? undefined);
  switch (scenario.kind) {
    case "design":
      return gradeDesign(scenario, parsed.success ? (parsed.data as never) : null);
    case "behavioral":
      return gradeBehavioral(scenario, parsed.success ? (parsed.data as never) : null);
    case "modeling":
      return gradeModeling(scenario, parsed.success ? (parsed.data as never) : null);
    case "coding":
      return gradeCoding(scenario, parsed.success ? (parsed.data as never) : null);
    case "kernel":
      return gradeKernel(scenario, parsed.success ? (parsed.data as never) : null);
  }
}
