import { describe, expect, it } from "vitest";
import { decodeStep, getModel, kvCacheBytes, memoryPlan, paramBreakdown, resolveDeployment, weightsBytes } from "./index";

describe("memory", () => {
  it("caps the KV cache at the sliding window", () => {
    const m = getModel("mistral-7b-v0.1");
    expect(kvCacheBytes(m, "bf16", 2, 32768).value).toBe(2 * 4096 * 131072);
    expect(kvCacheBytes(m, "bf16", 2, 1000).value).toBe(2 * 1000 * 131072);
    expect(kvCacheBytes(getModel("llama-3-8b"), "bf16", 1, 8192).value).toBe(8192 * 131072);
  });

  it("weights scale with precision", () => {
    const m = getModel("llama-2-70b");
    const bf16 = weightsBytes(m, "bf16").value;
    expect(weightsBytes(m, "fp8").value).toBe(bf16 / 2);
    expect(weightsBytes(m, "int4").value).toBe(bf16 / 4);
  });

  it("70B in bf16 does not fit one 80 GB GPU, fits on 4 with room for a batch", () => {
    const one = memoryPlan(resolveDeployment({ gpu: "h100-sxm", model: "llama-2-70b", precision: "bf16" }), 1, 4096);
    expect(one.fits).toBe(false);
    expect(one.overBy).toBeGreaterThan(50e9);
    const four = memoryPlan(resolveDeployment({ gpu: "h100-sxm", model: "llama-2-70b", precision: "bf16", tp: 4 }), 64, 4096);
    expect(four.fits).toBe(true);
    expect(four.maxBatch).toBeGreaterThan(64);
  });

  it("splits KV heads across TP ranks and replicates them when TP > kv heads", () => {
    const tp8 = resolveDeployment({ gpu: "h100-sxm", model: "llama-3-70b", tp: 8 });
    const tp16 = resolveDeployment({ gpu: "h100-sxm", model: "llama-3-70b", tp: 16, replicateKvHeads: true });
    expect(memoryPlan(tp8, 1, 1000).kvCachePerGpu.value).toBe(1000 * 327680 / 8);
    expect(memoryPlan(tp16, 1, 1000).kvCachePerGpu.value).toBe(1000 * 327680 / 8);
  });

  it("int4 weights carry their group scales in the engine (0.5 B + 2.5 B per 128 weights), not in the textbook count", () => {
    const m = getModel("mistral-7b-v0.1");
    const p = paramBreakdown(m);
    const vocab = p.embedding + p.head;
    const d = resolveDeployment({ gpu: "rtx-4090", model: "mistral-7b-v0.1", precision: "int4" });
    expect(weightsBytes(m, "int4").value).toBe(p.total * 0.5);
    expect(memoryPlan(d, 1, 100).weightsPerGpu.value).toBeCloseTo((p.total - vocab) * (0.5 + 2.5 / 128) + vocab * 2, 0);
    const noScales = resolveDeployment({ gpu: "rtx-4090", model: "mistral-7b-v0.1", precision: "int4", knobs: { int4GroupSize: 0 } });
    expect(memoryPlan(noScales, 1, 100).weightsPerGpu.value).toBe((p.total - vocab) * 0.5 + vocab * 2);
  });

  it("max batch is consistent with fits", () => {
    const d = resolveDeployment({ gpu: "a100-sxm-80gb", model: "llama-2-7b", precision: "fp16" });
    const plan = memoryPlan(d, 1, 2048);
    expect(memoryPlan(d, plan.maxBatch, 2048).fits).toBe(true);
    expect(memoryPlan(d, plan.maxBatch + 2, 2048).fits).toBe(false);
  });

  it("quantized checkpoints keep the embedding and output head in 16 bit: in memory and in what decode reads", () => {
    const m = getModel("llama-3.1-70b");
    const p = paramBreakdown(m);
    const vocab = p.embedding + p.head;
    const fp8 = resolveDeployment({ gpu: "h200", model: "llama-3.1-70b", precision: "fp8" });
    expect(memoryPlan(fp8, 1, 100).weightsPerGpu.value).toBe((p.total - vocab) * 1 + vocab * 2);
    const bf16 = resolveDeployment({ gpu: "h200", model: "llama-3.1-70b", precision: "bf16" });
    expect(memoryPlan(bf16, 1, 100).weightsPerGpu.value).toBe(p.total * 2);
    // Decode reads every matmul weight once: the 16-bit head adds head params x 1 B over "params x 1 B".
    expect(decodeStep(fp8, 1, 1).weightBytes).toBe(p.total - p.embedding + p.head);
  });
});
