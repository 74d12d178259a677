import { describe, expect, it } from "vitest";
import { IMPOSSIBLE_FACTOR, throughput } from "./metrics";

const roofline = { gbps: 1000, gflops: 50_000, method: "test" };

describe("throughput against the measured roofline", () => {
  it("reports a memory-bound kernel's share of the bandwidth", () => {
    // 1 GB moved in 2 ms = 500 GB/s, half of a 1,000 GB/s roofline.
    const t = throughput({ flops: 0, bytes: 1e9 }, 2, roofline);
    expect(t.gbps).toBeCloseTo(500);
    expect(t.rooflineFraction).toBeCloseTo(0.5);
    expect(t.impossible).toBe(false);
  });
  it("uses the attainable rate min(peak, intensity x bandwidth) for a kernel that computes", () => {
    // Intensity 10 FLOP/B: attainable 10,000 GFLOP/s; 1e10 FLOP in 2 ms = 5,000 GFLOP/s.
    const t = throughput({ flops: 1e10, bytes: 1e9 }, 2, roofline);
    expect(t.rooflineFraction).toBeCloseTo(0.5);
  });
  it(`flags a time more than ${IMPOSSIBLE_FACTOR}x beyond the roofline, and a zero time, as impossible`, () => {
    expect(throughput({ flops: 0, bytes: 1e9 }, 0.6, roofline).impossible).toBe(true); // 1,667 GB/s
    expect(throughput({ flops: 0, bytes: 1e9 }, 0.7, roofline).impossible).toBe(false); // 1,429 GB/s
    expect(throughput({ flops: 0, bytes: 1e9 }, 0, roofline).impossible).toBe(true);
  });
  it("has no share and no flag without a roofline (the CPU fallback)", () => {
    const t = throughput({ flops: 0, bytes: 1e9 }, 2, null);
    expect(t.rooflineFraction).toBeNull();
    expect(t.impossible).toBe(false);
  });
});
