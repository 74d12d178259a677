import { describe, expect, it } from "vitest";
import { gradeModeling } from "@/lib/grading/modeling";
import type { ModelingAnswer } from "@/lib/grading/answers";
import { loadScenarioLibrary, type ResolvedModelingScenario } from "./index";

const lib = loadScenarioLibrary();
const modeling = lib.scenarios.filter((s): s is ResolvedModelingScenario & { file: string } => s.kind === "modeling");
const byId = (id: string) => modeling.find((s) => s.id === id)!;

describe("live modeling scenarios", () => {
  it("every modeling scenario lists the assumptions an interviewer wants stated", () => {
    for (const s of modeling) expect(s.assumptions.length, s.id).toBeGreaterThanOrEqual(4);
  });

  it("at least four are simulation exercises, with a starter scratchpad and bands from their own spread", () => {
    const live = modeling.filter((s) => s.questions.some((q) => q.simulated));
    expect(live.map((s) => s.id).sort()).toEqual(["gpu-queue-overprovisioning", "inference-cost-variable-load", "network-jitter-convergence", "training-failure-probability"]);
    for (const s of live) {
      expect(s.scratchpad?.starter, s.id).toMatch(/import random/);
      for (const q of s.questions.filter((x) => x.simulated)) {
        expect(q.tolerance.relative, `${s.id}/${q.id}`).toBeGreaterThanOrEqual(q.simulated!.floor);
        expect(q.derivation).toMatch(/Reference simulation\W+\(seed \d+/);
      }
    }
  });

  it("the TPM technical screen plays the live jitter exercise", () => {
    const loop = lib.loops.find((l) => l.id === "tpm-technical-screen")!;
    expect(loop.rounds).toEqual([expect.objectContaining({ kind: "modeling", scenario: "network-jitter-convergence" })]);
    expect(byId("network-jitter-convergence").questions.filter((q) => q.simulated).length).toBeGreaterThanOrEqual(3);
  });

  it("on the jitter exercise, a simulated answer with stated assumptions is Strong Yes; the no-stall closed form is not", () => {
    const s = byId("network-jitter-convergence");
    const exact = Object.fromEntries(s.questions.map((q) => [q.id, { value: q.expected, unit: q.unit }]));
    const assumptions =
      "Jitter is exponential with a 20 ms mean, independent across GPUs and steps. A GPU stalls for 400 ms in 1 of 1,000 GPU-steps. " +
      "The all-reduce overlaps with compute, so only the jitter shows. My Monte Carlo of 2,000 steps has a standard error of about 1%. " +
      "I leave out thermal throttling and compute variance between GPUs.";
    const strong = gradeModeling(s, { values: exact, assumptions } as ModelingAnswer);
    expect(strong.decision).toBe("Strong Yes");
    // H_N without stalls: 108.7 ms, and everything derived from it.
    const naive = { ...exact, "slowest-delay": { value: 108.7, unit: "ms" }, slowdown: { value: 0.02497, unit: "fraction" }, "extra-time": { value: 54331, unit: "s" }, "p99-delay": { value: 200, unit: "ms" } };
    const g = gradeModeling(s, { values: naive, assumptions } as ModelingAnswer);
    expect(g.items.filter((i) => ["q:slowest-delay", "q:slowdown", "q:extra-time"].includes(i.id)).map((i) => i.points)).toEqual([0, 0, 0]);
    expect(g.score!).toBeLessThan(strong.score!);
  });
});
