import type { KernelScenario } from "@/lib/scenarios/schema";
import type { KernelResult } from "@/lib/gpu/result";
import type { KernelAnswer } from "./answers";
import { decisionForScore, round1, type Grade, type RubricItem } from "./types";

const CORRECTNESS = 60;
const SPEED = 40;

/** Speed tiers relative to the problem's naive reference, measured on the same device in the same run. */
export const speedTiers = [
  { min: 2, share: 1, label: "2x or more over naive" },
  { min: 1.5, share: 0.8, label: "1.5x-2x over naive" },
  { min: 1.1, share: 0.6, label: "1.1x-1.5x over naive" },
  { min: 0.9, share: 0.4, label: "on par with naive" },
  { min: 0, share: 0.2, label: "slower than naive" },
] as const;

/**
 * Scores a harness result: correctness first (a kernel that fails any case earns at most a fraction of
 * the correctness points for the cases it got right, and no speed points), then a speed tier. A timing
 * flagged impossible (above the device roofline) earns no speed points.
 */
export function scoreKernelResult(result: KernelResult): Grade {
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
    note: `${passed}/${total} cases passed on ${result.backend} (${result.adapter.description || result.adapter.vendor || "unknown adapter"}${result.adapter.isFallbackAdapter ? ", software fallback" : ""})`,
  });
  for (const c of result.cases.filter((c) => !c.pass).slice(0, 5)) {
    items.push({ id: `case:${c.name}`, label: `Case ${c.name}`, points: 0, maxPoints: 0, hit: false, evidence: `max abs error ${c.maxAbsError}, rel L2 ${c.relL2}`, note: "failed" });
  }
  const t = result.timing;
  const speedup = t?.speedupOverNaive ?? null;
  let speedPoints = 0;
  let note = "no timing (the kernel must pass first)";
  if (correct && t) {
    if (t.impossible) note = "timing is above this device's measured roofline: flagged, not ranked";
    else if (speedup === null) note = "speedup over naive was not measured";
    else {
      const tier = speedTiers.find((s) => speedup >= s.min)!;
      speedPoints = SPEED * tier.share;
      note = `${speedup.toFixed(2)}x over naive (${tier.label})` + (t.rooflineFraction !== null ? `; ${(t.rooflineFraction * 100).toFixed(1)}% of this device's roofline` : "");
    }
  }
  items.push({
    id: "speed",
    label: "Speed relative to the naive reference",
    points: speedPoints,
    maxPoints: SPEED,
    hit: speedPoints >= SPEED * 0.6,
    evidence: t ? `median ${t.medianMs.toFixed(3)} ms, ${t.gflops.toFixed(2)} GFLOP/s, ${t.gbps.toFixed(2)} GB/s (${t.method})` : null,
    note,
  });
  const score = round1(items.reduce((s, i) => s + i.points, 0));
  for (const i of items) i.points = round1(i.points);
  return { kind: "kernel", score, decision: decisionForScore(score), items, summary: `${result.verdict} — ${passed}/${total} cases${speedup !== null && correct ? `, ${speedup.toFixed(2)}x over naive` : ""}.`, data: result };
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
    return scoreKernelResult(result);
  } catch (err) {
    return { kind: "kernel", score: null, decision: null, items: [], summary: `Not graded: the kernel harness could not run here (${(err as Error).message}).` };
  }
}
