import { describe, expect, it } from "vitest";
import { decodeStep, maxThroughput, measurementsFor, predictPoint, prefill, resolveDeployment, runInference, summarize, softMax } from "./index";

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

  it("TensorRT-LLM 0.6 preset meets its calibration target on its fit and held-out points (median <= 15%, max <= 35%)", () => {
    for (const split of ["fit", "holdout"]) {
      const s = summarize(measurementsFor("trtllm-0.6").filter((p) => p.split === split).map((p) => predictPoint(p)));
      expect(s.medianAbsPct).toBeLessThan(15);
      expect(s.maxAbsPct).toBeLessThan(35);
    }
  });

  it("no configuration that ran in a published benchmark is reported as not fitting", () => {
    for (const engine of ["trtllm", "trtllm-0.6", "vllm"] as const) {
      const dnf = measurementsFor(engine).map((p) => predictPoint(p)).filter((r) => r.doesNotFit);
      expect(dnf.map((r) => r.point.id)).toEqual([]);
    }
  });

  it("max-throughput mode runs the largest batch the KV budget, max batch and token budget allow", () => {
    const d = resolveDeployment({ gpu: "h100-sxm", model: "llama-3.1-70b", precision: "fp8", tp: 1 });
    const r = maxThroughput(d, 2048, 2048);
    expect(r.fits).toBe(true);
    expect(r.limitedBy).toBe("kv-cache");
    expect(r.batch).toBe(Math.floor(r.memory.kvCapacityTokens / 4096));
    const big = maxThroughput(resolveDeployment({ gpu: "h100-sxm", model: "llama-3.1-8b", precision: "fp8" }), 128, 128);
    expect(big.batch).toBeGreaterThan(r.batch * 10);
    const none = maxThroughput(resolveDeployment({ gpu: "l4", model: "llama-3.1-70b", precision: "bf16" }), 128, 128);
    expect(none.fits).toBe(false);
    expect(none.reason).toMatch(/weights/);
  });

  it("TP must divide the heads; KV heads may be replicated only when asked", () => {
    expect(() => resolveDeployment({ gpu: "h100-sxm", model: "llama-3.1-70b", tp: 3 })).toThrow(/tp=3 does not divide .* 64 attention heads/);
    expect(() => resolveDeployment({ gpu: "h100-sxm", model: "llama-3.1-70b", tp: 16 })).toThrow(/replicate KV heads/);
    expect(resolveDeployment({ gpu: "h100-sxm", model: "llama-3.1-70b", tp: 16, replicateKvHeads: true }).tp).toBe(16);
    expect(() => resolveDeployment({ gpu: "h100-sxm", model: "mixtral-8x7b", tp: 4, ep: 3 })).toThrow(/ep=3/);
  });

  it("expert parallelism swaps the FFN all-reduce for all-to-alls; multi-node TP crosses InfiniBand", () => {
    const tp = resolveDeployment({ gpu: "h100-sxm", model: "mixtral-8x7b", tp: 8 });
    const ep = resolveDeployment({ gpu: "h100-sxm", model: "mixtral-8x7b", tp: 8, ep: 8 });
    expect(decodeStep(ep, 256, 1000).commS).not.toBeCloseTo(decodeStep(tp, 256, 1000).commS, 6);
    expect(decodeStep(ep, 256, 1000).explanation.substituted).toMatch(/all-to-all/);
    const one = resolveDeployment({ gpu: "h100-sxm", model: "llama-3.1-70b", tp: 8 });
    const two = resolveDeployment({ gpu: "h100-sxm", model: "llama-3.1-70b", tp: 16, replicateKvHeads: true });
    expect(decodeStep(two, 64, 1000).commS).toBeGreaterThan(decodeStep(one, 64, 1000).commS * 1.5);
    expect(decodeStep(two, 64, 1000).explanation.substituted).toMatch(/InfiniBand/);
  });

  it("pipeline parallel: a static prefill of m sequences pays (p - 1) / (m + p - 1) of bubble", () => {
    const d = resolveDeployment({ gpu: "h100-sxm", model: "llama-3.1-70b", tp: 2, pp: 4, knobs: { stepOverheadS: 0, collectiveLatencyS: 0, interNodeLatencyS: 0 } });
    const p = prefill(d, 8, 1024);
    expect(p.explanation.substituted).toMatch(/bubble 27\.27%/);
  });
});
