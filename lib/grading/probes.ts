import type { DesignScenario } from "@/lib/scenarios/schema";
import type { DesignAnswer, Followup } from "./answers";

/**
 * Which question the interviewer asks at a follow-up moment (contract 2 of the team brief).
 *
 * This is the scripted-only version: it returns the scenario's scripted follow-up at `index`. The
 * probing version (a question aimed at the heaviest missing concept, a misconception quoted back, a
 * missing estimate) replaces this file with the same signature; callers do not change.
 */
export type PickFollowupInput = {
  scenario: Pick<DesignScenario, "followups"> & Partial<DesignScenario>;
  /** The answer as last saved (null before the first save). */
  answer: DesignAnswer | null;
  /** Follow-ups already asked in this round, oldest first. */
  asked: Followup[];
  /** Which follow-up moment this is, 0-based. */
  index: number;
};

export type PickedFollowup = { id: string; question: string; source: "scripted" | "probe"; target?: string; quote?: string };

export function pickFollowup({ scenario, index }: PickFollowupInput): PickedFollowup {
  const f = scenario.followups[index];
  if (!f) throw new RangeError(`follow-up moment ${index} does not exist: the scenario has ${scenario.followups.length}`);
  const id = "id" in f && typeof f.id === "string" && f.id ? f.id : `f${index}`;
  return { id, question: f.question, source: "scripted" };
}
