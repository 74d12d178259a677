import { describe, expect, it } from "vitest";
import { models, paramBreakdown, kvBytesPerToken, getModel, type Model } from "./index";

// Expected values computed by hand from each config: 2 * layers * kv_heads * head_dim * 2 B (bf16).
const kvBf16: Record<string, number> = {
  "mistral-7b-v0.1": 131072,
  "mixtral-8x7b": 131072,
  "mixtral-8x22b": 2 * 56 * 8 * 128 * 2,
  "mistral-large-2": 2 * 88 * 8 * 128 * 2,
  "codestral-22b": 2 * 56 * 8 * 128 * 2,
  "mistral-nemo-12b": 2 * 40 * 8 * 128 * 2,
  "llama-2-7b": 524288,
  "llama-2-13b": 2 * 40 * 40 * 128 * 2,
  "llama-2-70b": 327680,
  "llama-3-8b": 131072,
  "llama-3-70b": 327680,
};

describe("parameter counts match the published totals within 1%", () => {
  it.each(models.map((m) => [m.id, m] as [string, Model]))("%s", (_id, m) => {
    const p = paramBreakdown(m);
    expect(Math.abs(p.total / m.referenceParams.total - 1)).toBeLessThan(0.01);
    expect(Math.abs(p.active / m.referenceParams.active - 1)).toBeLessThan(0.01);
  });

  it("pins exact counts for well-known configs", () => {
    expect(paramBreakdown(getModel("mistral-7b-v0.1")).total).toBe(7_241_732_096);
    expect(paramBreakdown(getModel("llama-2-7b")).total).toBe(6_738_415_616);
    expect(paramBreakdown(getModel("mixtral-8x7b")).total).toBe(46_702_792_704);
    expect(paramBreakdown(getModel("mixtral-8x7b")).active).toBe(12_879_925_248);
  });
});

describe("KV cache bytes per token", () => {
  it.each(Object.entries(kvBf16))("%s in bf16", (id, bytes) => {
    expect(kvBytesPerToken(getModel(id), "bf16").value).toBe(bytes);
  });

  it("Mistral 7B in BF16 is 128 KiB per token (reference formula)", () => {
    const e = kvBytesPerToken(getModel("mistral-7b-v0.1"), "bf16");
    expect(e.value).toBe(128 * 1024);
    expect(e.substituted).toContain("2 * 32 * 8 * 128 * 2");
  });

  it("scales with the KV precision", () => {
    const m = getModel("llama-3-70b");
    expect(kvBytesPerToken(m, "fp8").value).toBe(163840);
    expect(kvBytesPerToken(m, "int4").value).toBe(81920);
    expect(kvBytesPerToken(m, "fp32").value).toBe(655360);
  });

  it("uses head_dim from the config, not hidden / heads (Mistral NeMo)", () => {
    const m = getModel("mistral-nemo-12b");
    expect(m.headDim).toBe(128);
    expect(m.hidden / m.queryHeads).toBe(160);
  });
});
