import { describe, expect, it } from "vitest";
import { deviceLabel, kernelMetrics } from "./kernel-metrics";
import { summarizeRun } from "./runs";

describe("run events", () => {
  it("reads tests and counts it recognizes, keeping the raw payload", () => {
    const r = summarizeRun({ language: "python", tests: [{ name: "evicts", pass: true }, { name: "capacity", pass: false, message: "expected 2" }], stdout: "hi" });
    expect([r.passed, r.total, r.output]).toEqual([1, 2, "hi"]);
    expect(r.tests[1]).toEqual({ name: "capacity", pass: false, message: "expected 2" });
    expect(summarizeRun({ passed: 3, failed: 1 }).total).toBe(4);
    expect(summarizeRun("garbage").raw).toBe("garbage");
    // The runner's own RunResult shape.
    const rr = summarizeRun({ language: "python", status: "ok", cases: [{ name: "a", status: "pass" }, { name: "b", status: "fail", mismatch: "at [0]: expected 1, got 2" }], passed: 1, total: 2 });
    expect([rr.passed, rr.total, rr.tests[1].message]).toEqual([1, 2, "at [0]: expected 1, got 2"]);
  });
});

describe("kernel metrics", () => {
  it("flattens a result's timing and cases into labelled rows", () => {
    const m = kernelMetrics({ cases: [{ pass: true, maxAbsError: 1e-6 }, { pass: false, maxAbsError: 0.5 }], timing: { medianMs: 1.23456, gbps: 310.2, rooflineFraction: 0.42, method: "timestamp-query" } });
    const get = (k: string) => m.find((x) => x.key === k)?.value;
    expect(get("cases")).toBe("1 / 2");
    expect(get("maxAbsError")).toBe("5.00e-1");
    expect(get("medianMs")).toBe("1.235 ms");
    expect(get("rooflineFraction")).toBe("42%");
    expect(kernelMetrics(null)).toEqual([]);
    expect(deviceLabel({ label: "SwiftShader (CPU Vulkan)", isFallbackAdapter: true }, "webgpu")).toBe("SwiftShader (CPU Vulkan) (fallback adapter)");
    expect(deviceLabel(null, "cpu")).toBe("cpu");
  });
});
