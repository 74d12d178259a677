import { describe, expect, it } from "vitest";
import { calibrationPoints, decodeStep, predictPoint, prefill, resolveDeployment, runInference, summarize, softMax } from "./index";

describe("roofline engine", () => {
  it("softMax is between max and sum", () => {
    expect(softMax(3, 4, 64)).toBe(4);
    expect(softMax(3, 4, 1)).toBeCloseTo(7);
    expect(softMax(3, 4, 2)).toBeCloseTo(5);
  });

  it("decode at batch 1 is memory-bound and prefill of a long prompt compute-bound", () => {
    const d = resolveDeployment({ gpu: "h100-sxm", model: "llama-3-8b" });
    expect(decodeStep(d, 1, 512).bound).toBe("memory");
    expect(prefill(d, 1, 4096).bound).toBe("compute");
  });

  it("decode time grows with context, and batch raises throughput until compute binds", () => {
    const d = resolveDeployment({ gpu: "a100-sxm-80gb", model: "llama-2-7b", precision: "fp16" });
    expect(decodeStep(d, 8, 4000).timeS).toBeGreaterThan(decodeStep(d, 8, 100).timeS);
    const t1 = 1 / decodeStep(d, 1, 256).timeS;
    const t32 = 32 / decodeStep(d, 32, 256).timeS;
    expect(t32).toBeGreaterThan(10 * t1);
  });

  it("batch-1 decode is weights / achieved bandwidth plus fixed per-layer overhead", () => {
    const d = resolveDeployment({ gpu: "h100-sxm", model: "llama-2-7b" });
    const ideal = 13.48e9 / 3.35e12;
    const p = decodeStep(d, 1, 1);
    expect(p.timeS).toBeGreaterThan(ideal);
    expect(p.memoryS).toBeCloseTo(ideal / d.knobs.bandwidthEfficiency, 3);
    expect(p.timeS).toBeLessThan(p.memoryS * 1.05 + p.overheadS);
  });

  it("MoE decode reads only the experts the batch touches", () => {
    const d = resolveDeployment({ gpu: "h100-sxm", model: "mixtral-8x7b", tp: 2 });
    const b1 = decodeStep(d, 1, 1);
    const b64 = decodeStep(d, 64, 1);
    expect(b1.weightBytes).toBeLessThan(b64.weightBytes * 0.4);
  });

  it("tensor parallel adds communication and cuts per-GPU memory time", () => {
    const d1 = resolveDeployment({ gpu: "h100-sxm", model: "llama-3-70b", precision: "fp8", tp: 1 });
    const d4 = resolveDeployment({ gpu: "h100-sxm", model: "llama-3-70b", precision: "fp8", tp: 4 });
    expect(decodeStep(d1, 8, 1000).commS).toBe(0);
    expect(decodeStep(d4, 8, 1000).commS).toBeGreaterThan(0);
    expect(decodeStep(d4, 8, 1000).memoryS).toBeLessThan(decodeStep(d1, 8, 1000).memoryS / 3);
  });

  it("a run explains itself", () => {
    const r = runInference(resolveDeployment({ gpu: "h100-sxm", model: "llama-3-8b" }), { batch: 16, input: 512, output: 128 });
    expect(r.outputTokensPerSecond.formula).toContain("prefill");
    expect(r.prefill.explanation.substituted).toMatch(/compute =/);
    expect(["compute", "memory", "communication", "overhead"]).toContain(r.bound);
  });

  it("meets the calibration target (median <= 15%, max <= 35%)", () => {
    const s = summarize(calibrationPoints.map((p) => predictPoint(p)));
    expect(s.medianAbsPct).toBeLessThan(15);
    expect(s.maxAbsPct).toBeLessThan(35);
  });
});
