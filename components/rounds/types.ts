import type { Followup } from "@/lib/grading/answers";
import type { PublicScenario } from "@/lib/loop/public-scenario";

/** Every round kind's component takes the same props, so the loop page can host any of them. */
export type RoundProps<A> = {
  scenario: PublicScenario;
  answer: A;
  onChange: (next: A) => void;
  disabled: boolean;
  /** Where this round lives, for components that log to its event log (coding runs). */
  sessionId: string;
  position: number;
  /** The interviewer (design rounds): questions asked so far, as the server recorded them. */
  interviewer?: Interviewer;
};

export type Interviewer = {
  followups: Followup[];
  /** Questions still to come. */
  left: number;
  /** Milliseconds until the next one is due; null when none is left. */
  nextInMs: number | null;
  /** Asks for the next question now ("I'm ready for a follow-up"). */
  askNow: () => Promise<void>;
  asking: boolean;
};
