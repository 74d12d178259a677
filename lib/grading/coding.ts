import { getGradingRunner, type CaseResult, type RunResult, type RunnerTest, type TestRunner } from "@/lib/runner";
import type { CodingScenario } from "@/lib/scenarios/schema";
import { codingScenarioSchema, runnerTests, type CodingLanguage, type CodingScenarioSpec } from "@/lib/scenarios/kinds/coding";
import type { CodingAnswer } from "./answers";
import { decisionForScore, round1, type Grade, type RubricItem } from "./types";

/**
 * Coding rounds: the visible and hidden tests run on the server (lib/runner), so a round submitted at
 * its deadline with the tab closed is graded the same way.
 *
 * The score says whether the program is right, not how many cases it happens to get right: a program
 * that is wrong on some valid input is wrong. All hidden cases passing (performance cases within their
 * limit) scores 100; anything less scores at most 60 ("No"), scaled by the hidden pass rate, so a wrong
 * algorithm that passes most cases is "No" and one that passes few is "Strong No". Failing hidden
 * cases are named with their category, never shown with their data.
 *
 * Performance cases are timed against the reference solution in the same language, run in the same
 * grading run on the same machine: limit = perf.factor x reference time + perf.floorMs. A slow machine
 * slows both, so it does not fail honest solutions.
 */
export const WRONG_CAP = 60;

/** The reference's time and answer on each perf case, measured in this grading run. */
export type ReferenceRun = { language: CodingLanguage; cases: Map<string, { ms: number; actual: unknown }>; error: string | null };

export type PerfNote = { name: string; category: string; ms: number; limitMs: number; referenceMs: number; killed: boolean; ok: boolean };

export type CodingGradeData = {
  language: CodingLanguage;
  complexity: string | null;
  editorial: string | null;
  reference: string | null;
  /** Categories of failing hidden cases, with how many failed (never their data). */
  failedCategories: { category: string; failed: number; total: number }[];
  perf: PerfNote[];
};

/** Hard stop for a perf case: long enough to say by how much a slow solution misses, short enough to keep grading quick. */
export const hardCapMs = (limitMs: number) => Math.min(10_000, Math.max(1_000, Math.round(2 * limitMs)));

/** Runs the reference on the scenario's perf cases, for their time limits and expected values. */
export async function runReference(s: CodingScenarioSpec, language: CodingLanguage, runner: TestRunner = getGradingRunner()): Promise<ReferenceRun> {
  const tests = runnerTests(s, language, "perf");
  const cases = new Map<string, { ms: number; actual: unknown }>();
  if (!tests.length) return { language, cases, error: null };
  const code = s.reference[language];
  const entry = s.entry[language];
  if (!code || !entry) return { language, cases, error: `no ${language} reference` };
  try {
    const r = await runner.run({ language, code, entry: entry.function, tests: tests.map((t) => ({ ...t, expected: null, checker: undefined, timeMs: 10_000 })), checker: { kind: "exact" }, limits: s.limits, trusted: true });
    if (r.status !== "ok") return { language, cases, error: r.loadError?.message ?? r.status };
    for (const c of r.cases) {
      // The checker compared against null; a reference that returned is what counts here.
      if (c.status === "error" || c.status === "not-run") return { language, cases, error: `the reference failed on ${c.name}: ${c.error?.message ?? c.status}` };
      cases.set(c.name, { ms: c.durationMs, actual: c.actual });
    }
    return { language, cases, error: null };
  } catch (err) {
    return { language, cases, error: (err as Error).message };
  }
}

export async function gradeCoding(
  scenario: CodingScenario | CodingScenarioSpec,
  answer: CodingAnswer | null,
  opts: { runner?: TestRunner; reference?: ReferenceRun } = {},
): Promise<Grade> {
  // Rounds snapshot their scenario; one saved before tests existed parses with no tests.
  const parsed = codingScenarioSchema.safeParse(scenario);
  if (!parsed.success || parsed.data.tests.length === 0) {
    return { kind: "coding", score: null, decision: null, items: [], summary: "This coding scenario has no tests, so the round is kept for review and not auto-graded." };
  }
  const s = parsed.data;
  const runner = opts.runner ?? getGradingRunner();
  const lang = answer && s.languages.includes(answer.language) ? answer.language : s.languages[0];
  const all = runnerTests(s, lang);
  const visible = all.filter((t) => !t.hidden);
  const hidden = all.filter((t) => t.hidden);
  const zero = (summary: string): Grade => ({
    kind: "coding",
    score: 0,
    decision: decisionForScore(0),
    items: hidden.map((t) => hiddenItem(t, hidden.length, null, "Not run: " + summary)),
    summary,
  });
  if (!answer || !answer.code.trim()) return zero("No code was submitted.");
  const entry = s.entry[answer.language];
  if (!s.languages.includes(answer.language) || !entry) return zero(`This round does not take ${answer.language}; write it in ${s.languages.join(" or ")}.`);

  // Perf limits from the reference, measured now, in this language, on this machine.
  const ref = hidden.some((t) => t.perf) ? (opts.reference?.language === answer.language ? opts.reference : await runReference(s, answer.language, runner)) : null;
  const limits = new Map<string, { limitMs: number; referenceMs: number }>();
  const tests: RunnerTest[] = [...visible, ...hidden].map((t) => {
    if (!t.perf) return t;
    const r = ref?.cases.get(t.name);
    // Without a reference time (it failed to run), the scenario's own limit is the perf limit.
    const limitMs = r ? Math.round(s.perf.factor * r.ms + s.perf.floorMs) : s.limits.timeMs;
    limits.set(t.name, { limitMs, referenceMs: r?.ms ?? 0 });
    return { ...t, expected: t.expected ?? r?.actual ?? null, timeMs: hardCapMs(limitMs) };
  });

  let result: RunResult;
  try {
    result = await runner.run({ language: answer.language, code: answer.code, entry: entry.function, tests, checker: s.checker, limits: s.limits });
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

  const byName = new Map(tests.map((t) => [t.name, t]));
  const hiddenCases = result.cases.filter((c) => c.hidden);
  const visibleCases = result.cases.filter((c) => !c.hidden);
  const perf: PerfNote[] = [];
  const passes = (c: CaseResult): boolean => {
    const t = byName.get(c.name)!;
    if (!t.perf) return c.status === "pass";
    const l = limits.get(c.name)!;
    const killed = c.status === "error" && c.error?.kind === "timeout";
    const ok = c.status === "pass" && c.durationMs <= l.limitMs;
    if (c.status === "pass" || killed) perf.push({ name: c.name, category: t.category ?? "performance", ms: c.durationMs, limitMs: l.limitMs, referenceMs: l.referenceMs, killed, ok });
    return ok;
  };
  const verdict = new Map(hiddenCases.map((c) => [c.name, passes(c)]));
  const passedHidden = [...verdict.values()].filter(Boolean).length;
  const passedVisible = visibleCases.filter((c) => c.status === "pass").length;
  const allPass = passedHidden === hiddenCases.length;
  const score = allPass ? 100 : round1((WRONG_CAP * passedHidden) / hiddenCases.length);
  const failing = hiddenCases.filter((c) => !verdict.get(c.name));

  const categories = new Map<string, { failed: number; total: number }>();
  for (const c of hiddenCases) {
    const k = byName.get(c.name)!.category ?? "general";
    const e = categories.get(k) ?? { failed: 0, total: 0 };
    e.total++;
    if (!verdict.get(c.name)) e.failed++;
    categories.set(k, e);
  }
  const failedCategories = [...categories].filter(([, v]) => v.failed > 0).map(([category, v]) => ({ category, ...v }));
  const slow = perf.filter((p) => !p.ok);

  const items: RubricItem[] = [
    ...hiddenCases.map((c) => {
      const p = perf.find((x) => x.name === c.name);
      return hiddenItem(byName.get(c.name)!, hiddenCases.length, { ...c, status: verdict.get(c.name) ? "pass" : c.status }, p && !p.ok ? slowNote(p) : failureNote(c, byName.get(c.name)!.timeMs ?? s.limits.timeMs, false), p);
    }),
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
  const data: CodingGradeData = {
    language: answer.language,
    complexity: s.complexity ?? null,
    editorial: s.editorial ?? null,
    reference: s.reference[answer.language] ?? null,
    failedCategories,
    perf,
  };
  const correctButSlow = slow.length > 0 && failing.every((c) => byName.get(c.name)!.perf && perf.some((p) => p.name === c.name));
  return {
    kind: "coding",
    score,
    decision: decisionForScore(score),
    items,
    data,
    summary:
      `Passed ${passedHidden}/${hiddenCases.length} hidden tests (${passedVisible}/${visibleCases.length} visible) in ${answer.language}.` +
      (allPass ? " Every hidden test passed." : ` A program that is wrong on some valid input scores at most ${WRONG_CAP} (No), scaled by the hidden pass rate.`) +
      (correctButSlow ? ` ${capital(slowNote(slow.reduce((a, b) => (b.ms / b.limitMs > a.ms / a.limitMs ? b : a))))}` : "") +
      (failedCategories.length ? ` Failing categories: ${failedCategories.map((f) => `${f.category} (${f.failed}/${f.total})`).join(", ")}.` : "") +
      (failing.length ? ` Failing hidden tests: ${failing.map((c) => c.name).join(", ")}.` : "") +
      (ref?.error ? ` (The reference could not be timed: ${ref.error}; perf cases used the scenario's ${s.limits.timeMs} ms limit.)` : ""),
  };
}

const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const secs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/** "correct but too slow: 4.2 s vs limit 0.3 s (14x)". */
export function slowNote(p: PerfNote): string {
  const ratio = p.ms / p.limitMs;
  const x = ratio >= 10 ? Math.round(ratio).toString() : ratio.toFixed(1);
  return p.killed
    ? `too slow: stopped after ${secs(p.ms)}, limit ${secs(p.limitMs)} (more than ${x}x; the reference took ${secs(p.referenceMs)}).`
    : `correct but too slow: ${secs(p.ms)} vs limit ${secs(p.limitMs)} (${x}x; the reference took ${secs(p.referenceMs)}).`;
}

function hiddenItem(t: RunnerTest, n: number, c: CaseResult | null, note: string, p?: PerfNote): RubricItem {
  const max = round1(100 / n);
  const hit = c?.status === "pass";
  const cat = t.category && t.category !== "general" ? ` (${t.category})` : "";
  return {
    id: `hidden-${slug(t.name)}`,
    label: `Hidden test: ${t.name}${cat}`,
    points: hit ? max : 0,
    maxPoints: max,
    hit,
    evidence: hit ? `passed in ${c!.durationMs} ms${p ? ` (limit ${secs(p.limitMs)}, reference ${secs(p.referenceMs)})` : ""}` : null,
    note: hit ? "Passed." : note.charAt(0).toUpperCase() + note.slice(1),
    status: p ? (p.ok ? "within" : "slow") : undefined,
  };
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
