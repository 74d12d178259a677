import { decisionForScore, round1, roundBar, type Decision } from "./types";

export type RoundOutcome = { title: string; kind: string; score: number | null; decision: Decision | null };

export type LoopDecision = {
  decision: Decision | null;
  overallScore: number | null;
  advances: boolean;
  reasons: string[];
  bar: string;
};

export const committeeBar =
  "The committee advances only Strong Yes, and only when at least two rounds (or the only round) were rated Strong Yes independently " +
  "and no round fell below Yes. A Yes is a rejection in this loop: it is a bench, not a starting lineup. " +
  roundBar;

/**
 * The hiring decision from per-round outcomes. Rounds without an automatic score (ungraded kinds)
 * are listed but do not vote.
 */
export function decideLoop(rounds: RoundOutcome[]): LoopDecision {
  const graded = rounds.filter((r): r is RoundOutcome & { score: number } => r.score !== null);
  const reasons: string[] = [];
  for (const r of rounds.filter((r) => r.score === null)) reasons.push(`${r.title} (${r.kind}) has no automatic score and does not vote.`);
  if (graded.length === 0) return { decision: null, overallScore: null, advances: false, reasons: [...reasons, "No graded round: no decision."], bar: committeeBar };

  const mean = graded.reduce((s, r) => s + r.score, 0) / graded.length;
  const per = graded.map((r) => decisionForScore(r.score));
  const count = (d: Decision) => per.filter((x) => x === d).length;
  const strongYesNeeded = Math.min(2, graded.length);
  let decision: Decision;
  if (count("Strong Yes") >= strongYesNeeded && count("No") + count("Strong No") === 0 && mean >= 80) {
    decision = "Strong Yes";
    reasons.push(`${count("Strong Yes")} round(s) rated Strong Yes, none below Yes, mean ${round1(mean)}.`);
  } else if (mean < 40 || count("Strong No") * 2 >= graded.length) {
    decision = "Strong No";
    reasons.push(`Mean ${round1(mean)}; ${count("Strong No")} of ${graded.length} round(s) rated Strong No.`);
  } else if (mean >= 65 && count("Strong No") === 0 && count("No") <= 1) {
    decision = "Yes";
    reasons.push(
      `Mean ${round1(mean)} with ${count("No")} No; short of Strong Yes because ` +
        (count("Strong Yes") < strongYesNeeded ? `only ${count("Strong Yes")} round(s) reached Strong Yes (need ${strongYesNeeded}).` : "a round fell below Yes or the mean is under 80."),
    );
  } else {
    decision = "No";
    reasons.push(`Mean ${round1(mean)}; ${count("No") + count("Strong No")} round(s) below Yes.`);
  }
  for (const r of graded) reasons.push(`${r.title}: ${round1(r.score)} → ${decisionForScore(r.score)}.`);
  return { decision, overallScore: round1(mean), advances: decision === "Strong Yes", reasons, bar: committeeBar };
}
