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
    const data = g.data as { verdict: string; timing: unknown };
    expect(data.verdict).toBe("pass");
    // Not timed at all on a software renderer: it would not count.
    expect(data.timing).toBeNull();
  }, 180_000);

  it("scores the unmodified starter below the bar and an empty source at zero", async () => {
    const g = await gradeKernel(scenario, { source: readKernelFile("kv-cache-append", "starter.wgsl") });
    expect(g.items.find((i) => i.id === "correctness")!.hit).toBe(false);
    expect(g.score!).toBeLessThan(40);
    expect(g.decision).toBe("Strong No");
    expect((await gradeKernel(scenario, { source: "  " })).score).toBe(0);
  }, 180_000);
});
