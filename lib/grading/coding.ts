import { getGradingRunner, type CaseResult, type RunResult } from "@/lib/runner";
import type { CodingScenario } from "@/lib/scenarios/schema";
import { codingScenarioSchema } from "@/lib/scenarios/kinds/coding";
import type { CodingAnswer } from "./answers";
import { decisionForScore, round1, type Grade, type RubricItem } from "./types";

/**
 * Coding rounds: the visible and hidden tests run on the server (Node worker threads, lib/runner), so
 * a round submitted at its deadline with the tab closed is graded the same way. The score is the
 * hidden-test pass rate; failing hidden tests are named, never shown with their data.
 */
export async function gradeCoding(scenario: CodingScenario, answer: CodingAnswer | null): Promise<Grade> {
  // Rounds snapshot their scenario; one saved before tests existed parses with no tests.
  const parsed = codingScenarioSchema.safeParse(scenario);
  if (!parsed.success || parsed.data.tests.length === 0) {
    return { kind: "coding", score: null, decision: null, items: [], summary: "This coding scenario has no tests, so the round is kept for review and not auto-graded." };
  }
  const s = parsed.data;
  const visible = s.tests.filter((t) => !t.hidden);
  const hidden = s.tests.filter((t) => t.hidden);
  const zero = (summary: string): Grade => ({
    kind: "coding",
    score: 0,
    decision: decisionForScore(0),
    items: hidden.map((t) => hiddenItem(t.name, hidden.length, null, "Not run: " + summary)),
    summary,
  });
  if (!answer || !answer.code.trim()) return zero("No code was submitted.");
  const entry = s.entry[answer.language];
  if (!s.languages.includes(answer.language) || !entry) return zero(`This round does not take ${answer.language}; write it in ${s.languages.join(" or ")}.`);

  let result: RunResult;
  try {
    result = await getGradingRunner().run({ language: answer.language, code: answer.code, entry: entry.function, tests: [...visible, ...hidden], checker: s.checker, limits: s.limits });
  } catch (err) {
    result = { language: answer.language, status: "infra-error", loadError: { kind: "crash", type: "RunnerError", message: (err as Error).message, line: null }, loadStdout: "", cases: [], passed: 0, total: 0, durationMs: 0, restarts: 0 };
  }
  if (result.status === "infra-error") {
    // Not the candidate's fault: leave the round ungraded rather than score it 0.
    return { kind: "coding", score: null, decision: null, items: [], summary: `The tests could not be run on the server (${result.loadError?.message ?? "runner unavailable"}); the code is kept for review. Re-grade it once the runner works.` };
  }
  if (result.status === "load-error") {
    const e = result.loadError;
    return zero(`The code did not load${e ? `: ${e.type}${e.line ? ` at line ${e.line}` : ""}: ${e.message}` : ""}.`);
  }

  const hiddenCases = result.cases.filter((c) => c.hidden);
  const visibleCases = result.cases.filter((c) => !c.hidden);
  const passedHidden = hiddenCases.filter((c) => c.status === "pass").length;
  const passedVisible = visibleCases.filter((c) => c.status === "pass").length;
  const score = round1((100 * passedHidden) / hiddenCases.length);
  const failing = hiddenCases.filter((c) => c.status !== "pass").map((c) => c.name);
  const items: RubricItem[] = [
    ...hiddenCases.map((c) => hiddenItem(c.name, hiddenCases.length, c, failureNote(c, s.limits.timeMs, false))),
    ...visibleCases.map(
      (c): RubricItem => ({
        id: `visible-${slug(c.name)}`,
        label: `Visible test: ${c.name}`,
        points: 0,
        maxPoints: 0,
        hit: c.status === "pass",
        evidence: c.status === "pass" ? `passed in ${c.durationMs} ms` : null,
        note: c.status === "pass" ? "Passed (visible tests do not count toward the score)." : `${failureNote(c, s.limits.timeMs, true)}${c.mismatch ? ` (${c.mismatch})` : ""}`,
      }),
    ),
  ];
  return {
    kind: "coding",
    score,
    decision: decisionForScore(score),
    items,
    summary:
      `Passed ${passedHidden}/${hiddenCases.length} hidden tests (${passedVisible}/${visibleCases.length} visible) in ${answer.language}; the score is the hidden pass rate.` +
      (failing.length ? ` Failing hidden tests: ${failing.join(", ")}.` : ""),
  };
}

function hiddenItem(name: string, n: number, c: CaseResult | null, note: string): RubricItem {
  const max = round1(100 / n);
  const hit = c?.status === "pass";
  return { id: `hidden-${slug(name)}`, label: `Hidden test: ${name}`, points: hit ? max : 0, maxPoints: max, hit, evidence: hit ? `passed in ${c!.durationMs} ms` : null, note: hit ? "Passed." : note };
}

/** Why a case failed. For hidden cases, without the error's message: it could carry the case's data. */
function failureNote(c: CaseResult, timeMs: number, showMessage: boolean): string {
  if (c.status === "fail") return "Wrong answer.";
  if (c.status === "not-run") return c.error ? `Not run (${c.error.message}).` : "Not run.";
  const e = c.error;
  if (!e) return "Failed.";
  const at = e.line ? ` at line ${e.line}` : "";
  switch (e.kind) {
    case "timeout":
      return `Time limit exceeded (${timeMs} ms).`;
    case "recursion":
      return `Recursion too deep (${e.type})${at}.`;
    case "memory":
      return `Out of memory${at}.`;
    case "output-limit":
      return "Printed more than the output limit.";
    default:
      return showMessage ? `${e.type}${at}: ${e.message.split("\n")[0].slice(0, 200)}` : `${e.type}${at}.`;
  }
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "test";
}
