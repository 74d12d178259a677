import { describe, expect, it } from "vitest";
import recorded from "./fixtures/aa-samples-cpu.json";
import { median, medianCi, pairedRatio, sampleStats } from "./stats";

// The statistics behind every speed figure, on data: exact cases, a synthetic slow minority, and raw samples
// recorded on a busy shared machine (a fixture, so this cannot flake however busy the test machine is).
describe("timing statistics", () => {
  it("medianCi: order statistics with their binomial coverage", () => {
    const xs = Array.from({ length: 25 }, (_, i) => i + 1);
    const ci = medianCi(xs);
    expect(median(xs)).toBe(13);
    // n = 25: [x(8), x(18)] covers the median with probability 0.957.
    expect([ci.lo, ci.hi]).toEqual([8, 18]);
    expect(ci.level).toBeCloseTo(0.9567, 3);
    // Too few samples for 95%: the whole range, with its real coverage.
    expect(medianCi([3, 1, 2, 5, 4])).toEqual({ lo: 1, hi: 5, level: 0.9375 });
    expect(medianCi([7]).level).toBe(0);
  });

  it("sampleStats reports the median, the spread (p10, p90, cv) and the median's interval", () => {
    const s = sampleStats([1, 1.1, 0.9, 1.05, 0.95, 1.02, 0.98, 3, 1.01, 0.99]);
    expect(s.medianMs).toBeCloseTo(1.005, 6);
    expect(s.p10Ms).toBeLessThan(s.medianMs);
    expect(s.p90Ms).toBeGreaterThan(s.medianMs);
    expect(s.ciLowMs).toBeLessThanOrEqual(s.medianMs);
    expect(s.ciHighMs).toBeGreaterThanOrEqual(s.medianMs);
    expect(s.cv).toBeGreaterThan(0.3); // the 3 ms outlier shows in the spread, not in the median
  });

  it("a paired ratio shrugs off a slow minority that a ratio of means does not (the H100's 3x-slow samples)", () => {
    // 25 interleaved rounds of the same kernel; 5 rounds of A and 4 of B were 3x slower (clock changes).
    const a = Array.from({ length: 25 }, (_, i) => (i % 5 === 2 ? 3 : 1) * (1 + 0.01 * Math.sin(i)));
    const b = Array.from({ length: 25 }, (_, i) => (i % 6 === 1 ? 3 : 1) * (1 + 0.01 * Math.cos(i)));
    const r = pairedRatio(a, b);
    expect(Math.abs(r.median - 1)).toBeLessThan(0.02);
    expect(r.lo).toBeLessThanOrEqual(1);
    expect(r.hi).toBeGreaterThanOrEqual(1);
    const mean = (x: number[]) => x.reduce((p, q) => p + q, 0) / x.length;
    expect(Math.abs(mean(a) / mean(b) - 1)).toBeGreaterThan(0.05);
  });

  for (const id of ["attention-prefill", "paged-decode-attention"] as const) {
    it(`recorded on a busy machine (${id}): the same kernel timed twice agrees within 10% in interleaved rounds`, () => {
      const x = recorded[id];
      const r = pairedRatio(x.interleavedA, x.interleavedB);
      expect(r.rounds).toBeGreaterThanOrEqual(15);
      expect(Math.abs(r.median - 1)).toBeLessThanOrEqual(0.1);
      expect(r.lo).toBeLessThanOrEqual(1);
      expect(r.hi).toBeGreaterThanOrEqual(1);
      // The medians of the two copies agree too; the raw means do not (preempted runs), nor did the samples
      // spread less than 10x: the agreement comes from the method, not from a quiet machine.
      expect(Math.abs(median(x.interleavedA) / median(x.interleavedB) - 1)).toBeLessThanOrEqual(0.1);
      expect(Math.max(...x.first) / Math.min(...x.first)).toBeGreaterThan(10);
    });
  }
});
