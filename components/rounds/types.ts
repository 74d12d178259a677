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
};
