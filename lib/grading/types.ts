export const decisions = ["Strong Yes", "Yes", "No", "Strong No"] as const;
export type Decision = (typeof decisions)[number];

/** One line of an explained grade: what was looked for, whether it was found, and the proof. */
export type RubricItem = {
  id: string;
  label: string;
  points: number;
  maxPoints: number;
  hit: boolean;
  /** Quoted from the answer when hit; null when missed. */
  evidence: string | null;
  note: string;
  /** What kind of line this is (prose rounds): concept, estimate, misconception, structure, figures, ownership, followup, cap, penalty. */
  kind?: "concept" | "estimate" | "misconception" | "structure" | "figures" | "ownership" | "followup" | "cap" | "penalty";
  /** Why it counted or not, as a state: mechanism, named, fragment, negated, dismissed, copied, absent, within, off, ... */
  status?: string;
  /** Misconceptions: what is true instead. */
  correction?: string;
  /** Estimates: the candidate's figure, the expected one and its derivation. */
  given?: string;
  expected?: string;
  derivation?: string;
  /** Follow-ups: the question asked and the candidate's answer. */
  question?: string;
};

export type Grade = {
  kind: string;
  /** 0..100, or null when this round kind is not auto-graded. */
  score: number | null;
  decision: Decision | null;
  items: RubricItem[];
  summary: string;
  /** Machine-readable detail for the review pages (a kernel round's harness result). */
  data?: unknown;
};

/** Per-round bar, the same for every kind so rounds compare. */
export function decisionForScore(score: number): Decision {
  if (score >= 80) return "Strong Yes";
  if (score >= 65) return "Yes";
  if (score >= 40) return "No";
  return "Strong No";
}

export const roundBar = "Per round: 80+ Strong Yes, 65-79 Yes, 40-64 No, below 40 Strong No.";

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
