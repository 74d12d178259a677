import { describe, expect, it } from "vitest";
import { readKernelFile } from "@/kernels/files";
import { gradeKernel } from "./kernel";

const scenario = { id: "k", kind: "kernel", problem: "kv-cache-append", title: "Append", difficulty: "medium", prompt: "", tags: [], source: { seed: "", point: "" } } as never;

// Real harness in headless Chromium on SwiftShader (the CI machine has no GPU).
describe("kernel round grading through the headless harness", () => {
  it("scores a correct kernel on correctness alone on SwiftShader (speed not measured on a GPU, score rescaled), and records the harness result", async () => {
    const g = await gradeKernel(scenario, { source: readKernelFile("kv-cache-append", "fast.wgsl") });
    expect(g.items.find((i) => i.id === "correctness")!.hit).toBe(true);
    const speed = g.items.find((i) => i.id === "speed")!;
    expect(speed.maxPoints).toBe(0);
    expect(speed.note).toMatch(/not measured on a GPU/);
    expect(g.score).toBe(100);
    const data = g.data as { verdict: string; timing: { measuredOn: string; rounds: number; speedupCi: unknown } };
    expect(data.verdict).toBe("pass");
    // Timed all the same, interleaved with the naive reference, with a confidence interval.
    expect(data.timing.measuredOn).toBe("software");
    expect(data.timing.rounds).toBeGreaterThanOrEqual(5);
    expect(data.timing.speedupCi).not.toBeNull();
  }, 180_000);

  it("scores the unmodified starter below the bar and an empty source at zero", async () => {
    const g = await gradeKernel(scenario, { source: readKernelFile("kv-cache-append", "starter.wgsl") });
    expect(g.items.find((i) => i.id === "correctness")!.hit).toBe(false);
    expect(g.score!).toBeLessThan(40);
    expect(g.decision).toBe("Strong No");
    expect((await gradeKernel(scenario, { source: "  " })).score).toBe(0);
  }, 180_000);
});
