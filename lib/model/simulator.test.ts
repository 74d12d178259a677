import { describe, expect, it } from "vitest";
import { decodeStep, maxThroughput, prefill, resolveDeployment } from "./index";
import { expectedAcceptedTokens, maxRateUnderSlo, simulate, simulateSteady } from "./simulator";

const d = resolveDeployment({ gpu: "h100-sxm", model: "llama-3.1-8b", precision: "fp8", preset: "trtllm" });
const fixed = (value: number) => ({ kind: "fixed" as const, value });

describe("serving simulator", () => {
  it("is deterministic for a seed and changes with it", () => {
    const cfg = { arrivals: { kind: "poisson" as const, rate: 20 }, requests: 200, input: { kind: "lognormal" as const, median: 400, sigma: 0.8, max: 4000 }, output: { kind: "uniform" as const, min: 50, max: 300 }, seed: 7 };
    const a = simulate(d, cfg);
    const b = simulate(d, cfg);
    const c = simulate(d, { ...cfg, seed: 8 });
    expect(b).toEqual(a);
    expect(c.ttftMs.p50).not.toBe(a.ttftMs.p50);
    expect(a.requestsCompleted).toBe(200);
  });

  it("agrees with the engine's steady-state max throughput under saturating load", () => {
    for (const [input, output] of [[512, 256], [128, 1024], [2048, 128]]) {
      const analytic = maxThroughput(d, input, output);
      // Every request queued at t = 0, enough of them that ramp-up and drain are a small share of the run.
      const requests = Math.ceil(analytic.batch * 8 * Math.max(1, 256 / output));
      const r = simulate(d, { arrivals: { kind: "trace", times: Array(requests).fill(0) }, requests, input: fixed(input), output: fixed(output) });
      const ratio = r.outputTokensPerSecond / analytic.outputTokensPerSecond.value;
      expect(ratio, `${input}/${output}: simulated ${r.outputTokensPerSecond.toFixed(0)} vs engine ${analytic.outputTokensPerSecond.value.toFixed(0)} tok/s`).toBeGreaterThan(0.9);
      expect(ratio).toBeLessThan(1.05);
    }
  });

  it("at a trickle, TTFT is one prefill and the inter-token latency one batch-1 decode step", () => {
    const r = simulate(d, { arrivals: { kind: "poisson", rate: 0.2 }, requests: 30, input: fixed(1000), output: fixed(100) });
    const pre = prefill(d, 1, 1000).timeS * 1e3;
    const step = decodeStep(d, 1, 1050).timeS * 1e3;
    expect(r.ttftMs.p50).toBeGreaterThan(pre * 0.9);
    expect(r.ttftMs.p50).toBeLessThan(pre * 1.2);
    expect(r.itlMs.p50).toBeGreaterThan(step * 0.9);
    expect(r.itlMs.p50).toBeLessThan(step * 1.1);
    expect(r.sloAttainment).toBe(1);
  });

  it("prefix-cache hits cut TTFT; speculative decoding with good acceptance cuts the inter-token latency", () => {
    const base = { arrivals: { kind: "poisson" as const, rate: 1 }, requests: 40, input: fixed(4000), output: fixed(200) };
    const cold = simulate(d, base);
    const warm = simulate(d, { ...base, prefixCacheHitRate: 0.8 });
    expect(warm.ttftMs.p50).toBeLessThan(cold.ttftMs.p50 * 0.5);
    const spec = simulate(d, { ...base, speculative: { draftModel: "llama-3.1-8b", draftTokens: 4, acceptanceRate: 0.8 } });
    // A draft as large as the target never pays off; a small one does.
    expect(spec.itlMs.mean).toBeGreaterThan(cold.itlMs.mean);
    const small = { id: "draft-1b", name: "1B draft", layers: 16, hidden: 2048, queryHeads: 32, kvHeads: 8, headDim: 64, ffn: 8192, vocab: 128256, experts: 1, topK: 1, slidingWindow: null, maxContext: 131072, tiedEmbeddings: true, referenceParams: { total: 1.2e9, active: 1.2e9 }, source: "test", unverified: [] };
    const fast = simulate(d, { ...base, speculative: { draftModel: small, draftTokens: 4, acceptanceRate: 0.9 } });
    expect(fast.itlMs.mean).toBeLessThan(cold.itlMs.mean * 0.85);
    expect(expectedAcceptedTokens(4, 0.8)).toBeCloseTo((1 - 0.8 ** 5) / 0.2);
  });

  it("finds the highest rate that meets the SLO, and latency grows with the rate", () => {
    const base = { requests: 300, input: fixed(1000), output: fixed(200), slo: { ttftMs: 500, itlMs: 50 } };
    const { rate } = maxRateUnderSlo(d, base, { hiRate: 200, iterations: 7 });
    expect(rate).toBeGreaterThan(1);
    const at = simulate(d, { ...base, arrivals: { kind: "poisson", rate: rate * 0.9 } });
    const over = simulate(d, { ...base, arrivals: { kind: "poisson", rate: rate * 3 } });
    expect(at.sloAttainment).toBeGreaterThanOrEqual(0.85);
    expect(over.sloAttainment).toBeLessThan(at.sloAttainment);
    expect(over.ttftMs.p99).toBeGreaterThan(at.ttftMs.p99);
  });

  it("measures throughput at steady state: it tracks the offered load below capacity and saturates above it, which is then not 'sustained'", () => {
    // A 70B model on one GPU: a small KV budget, so the batch and the runs stay small and the test fast.
    const big = resolveDeployment({ gpu: "h100-sxm", model: "llama-3.1-70b", precision: "fp8", preset: "trtllm" });
    const input = 1000, output = 200;
    const capacity = maxThroughput(big, input, output).outputTokensPerSecond.value / output;
    const base = { requests: 100, input: fixed(input), output: fixed(output), slo: { ttftMs: 600_000, itlMs: 10_000 } };
    const under = simulateSteady(big, base, capacity * 0.5);
    const over = simulateSteady(big, base, capacity * 2);
    expect(under.steady && over.steady).toBe(true);
    expect(under.sustained).toBe(true);
    // Completions track the arrivals actually drawn (a Poisson sample's rate is within a few % of the nominal one).
    expect(under.requestsPerSecond / under.offeredRate).toBeGreaterThan(0.9);
    expect(under.requestsPerSecond / under.offeredRate).toBeLessThan(1.1);
    // Twice the capacity: the queue grows, completions stay near capacity, and even a lax SLO does not make it a sustainable rate.
    expect(over.sustained).toBe(false);
    expect(over.requestsPerSecond / capacity).toBeGreaterThan(0.85);
    expect(over.requestsPerSecond / capacity).toBeLessThan(1.15);
    const best = maxRateUnderSlo(big, base, { hiRate: capacity * 4, iterations: 7 });
    expect(best.rate).toBeLessThan(capacity * 1.15);
    expect(best.rate).toBeGreaterThan(capacity * 0.6);
  });
});
