import type { KernelScenario } from "@/lib/scenarios/schema";
import { kernelResultSchema, type KernelResult, type MeasuredOn } from "@/lib/gpu/result";
import { sourceHash } from "@/lib/gpu/source-hash";
import type { KernelAnswer } from "./answers";
import { decisionForScore, round1, type Grade, type RubricItem } from "./types";

const CORRECTNESS = 60;
const SPEED = 40;

/** Speed tiers relative to the problem's naive reference, measured on the same device in interleaved rounds. */
export const speedTiers = [
  { min: 2, share: 1, label: "2x or more over naive" },
  { min: 1.5, share: 0.8, label: "1.5x-2x over naive" },
  { min: 1.1, share: 0.6, label: "1.1x-1.5x over naive" },
  { min: 0.9, share: 0.4, label: "on par with naive" },
  { min: 0, share: 0.2, label: "slower than naive" },
] as const;

/** Older stored results carry no measuredOn: derive it from the adapter they name. */
export function timingSource(r: KernelResult): MeasuredOn {
  if (r.timing?.measuredOn) return r.timing.measuredOn;
  if (r.backend === "cpu") return "cpu";
  return r.adapter.isFallbackAdapter || /swiftshader/i.test(r.adapter.label) ? "software" : "gpu";
}

/**
 * A speed measurement the round may score: the server's own run on a real GPU, or, when the server has only a
 * software renderer, the candidate's browser's run of the same source on its GPU (marked as reported by the
 * browser: the server cannot verify it).
 */
export type SpeedSource = { result: KernelResult; reportedBy: "server" | "browser" };

export function pickSpeedSource(server: KernelResult, browser: KernelResult | null): SpeedSource | null {
  if (server.timing && timingSource(server) === "gpu") return { result: server, reportedBy: "server" };
  if (browser && browser.verdict === "pass" && browser.problem === server.problem && browser.timing && timingSource(browser) === "gpu" && browser.timing.speedupOverNaive !== null) {
    return { result: browser, reportedBy: "browser" };
  }
  return null;
}

/**
 * Scores a harness result: correctness first (a kernel that fails any case earns at most a fraction of
 * the correctness points for the cases it got right, and no speed points), then a speed tier, only where the
 * time was measured on a GPU (the server's, or the candidate's browser's, marked so). On a software renderer
 * or the CPU fallback speed is "not measured on a GPU" and the score is out of the correctness points alone,
 * rescaled to 100, so the candidate is not penalised for the machine. A timing flagged impossible (above the
 * device roofline) earns no speed points.
 */
export function scoreKernelResult(result: KernelResult, browser: KernelResult | null = null): Grade {
  const items: RubricItem[] = [];
  const passed = result.cases.filter((c) => c.pass).length;
  const total = result.cases.length;
  const correct = result.verdict === "pass";
  items.push({
    id: "correctness",
    label: "Correct on every case (float64 reference, NaN sentinels, hidden seed)",
    points: correct ? CORRECTNESS : total ? (CORRECTNESS / 3) * (passed / total) : 0,
    maxPoints: CORRECTNESS,
    hit: correct,
    evidence: `${result.verdict}: ${result.message}`.slice(0, 300),
    note: `${passed}/${total} cases passed on ${result.backend} (${result.adapter.label}${result.adapter.isFallbackAdapter ? ", software fallback" : ""})`,
  });
  for (const c of result.cases.filter((c) => !c.pass).slice(0, 5)) {
    items.push({ id: `case:${c.name}`, label: `Case ${c.name}`, points: 0, maxPoints: 0, hit: false, evidence: `max abs error ${c.maxAbsError}, rel L2 ${c.relL2}`, note: "failed" });
  }
  const src = correct ? pickSpeedSource(result, browser) : null;
  const t = src?.result.timing ?? null;
  const speedup = t?.speedupOverNaive ?? null;
  let speedPoints = 0;
  let speedMax = SPEED;
  let note = "no timing (the kernel must pass first)";
  let evidence: string | null = null;
  if (correct && !src) {
    // Nothing measured on a GPU: correctness alone, the score rescaled so the candidate loses nothing.
    speedMax = 0;
    const where = result.timing ? timingSource(result) : null;
    note =
      where === "cpu"
        ? "not measured on a GPU: the CPU fallback interprets the WGSL, so its times say nothing about a GPU; graded on correctness, score rescaled to 100"
        : `not measured on a GPU: ${result.adapter.label} is a software renderer, so its times say nothing about a GPU; graded on correctness, score rescaled to 100`;
  } else if (src && t) {
    const by = src.reportedBy === "browser" ? `reported by your browser (${src.result.adapter.label}; not verified by the server)` : `measured by the server on ${src.result.adapter.label}`;
    evidence = `median ${t.medianMs.toPrecision(3)} ms (p10 ${t.p10Ms.toPrecision(3)}, p90 ${t.p90Ms.toPrecision(3)}), ${t.gflops.toPrecision(3)} GFLOP/s, ${t.gbps.toPrecision(3)} GB/s (${t.method}), ${by}`;
    if (t.impossible) note = "timing is above this device's measured roofline: flagged, not ranked";
    else if (speedup === null) note = "speedup over naive was not measured";
    else {
      const tier = speedTiers.find((s) => speedup >= s.min)!;
      speedPoints = SPEED * tier.share;
      const ci = t.speedupCi ? ` (${Math.round(t.speedupCi.level * 100)}% CI ${t.speedupCi.lo.toFixed(2)}-${t.speedupCi.hi.toFixed(2)} over ${t.rounds ?? "?"} interleaved rounds)` : "";
      note = `${speedup.toFixed(2)}x over naive${ci}: ${tier.label}, ${by}` + (t.rooflineFraction !== null ? `; ${(t.rooflineFraction * 100).toFixed(1)}% of that device's roofline` : "");
    }
  }
  items.push({
    id: "speed",
    // Nothing to earn where nothing was measured on a GPU: not a miss (the review marks misses with a cross).
    label: correct && speedMax === 0 ? "Speed relative to the naive reference: not scored (not measured on a GPU)" : "Speed relative to the naive reference (on a GPU)",
    points: speedPoints,
    maxPoints: speedMax,
    hit: speedMax === 0 ? correct : speedPoints >= speedMax * 0.6,
    evidence,
    note,
  });
  const earned = items.reduce((s, i) => s + i.points, 0);
  const max = CORRECTNESS + speedMax;
  const score = round1((100 * earned) / max);
  for (const i of items) i.points = round1(i.points);
  const speedSummary = !correct ? "" : src && speedup !== null ? `, ${speedup.toFixed(2)}x over naive${src.reportedBy === "browser" ? " (reported by your browser)" : ""}` : speedMax === 0 ? ", speed not measured on a GPU" : "";
  return { kind: "kernel", score, decision: decisionForScore(score), items, summary: `${result.verdict}: ${passed}/${total} cases${speedSummary}.`, data: result };
}

/** The browser's own benchmark saved with the answer, if it is for exactly the submitted source. */
export function browserBenchmark(answer: KernelAnswer): KernelResult | null {
  if (!answer.result || !answer.resultSourceHash || answer.resultSourceHash !== sourceHash(answer.source)) return null;
  const parsed = kernelResultSchema.safeParse(answer.result);
  return parsed.success ? parsed.data : null;
}

/**
 * Kernel rounds are graded on the server with the same headless harness as the CLI, so a round
 * submitted at its deadline with the tab closed is graded too. If the harness itself cannot run
 * (no Chromium on this machine), the round is kept ungraded and says why.
 */
export async function gradeKernel(scenario: KernelScenario, answer: KernelAnswer | null): Promise<Grade> {
  if (!answer?.source?.trim()) {
    return { kind: "kernel", score: 0, decision: "Strong No", items: [], summary: "No kernel source was saved." };
  }
  try {
    const { gradeKernelSubmission } = await import("@/lib/gpu/server");
    const result = await gradeKernelSubmission({ problemId: scenario.problem, source: answer.source, deadlineMs: 150_000 });
    return scoreKernelResult(result, browserBenchmark(answer));
  } catch (err) {
    return { kind: "kernel", score: null, decision: null, items: [], summary: `Not graded: the kernel harness could not run here (${(err as Error).message}).` };
  }
}
