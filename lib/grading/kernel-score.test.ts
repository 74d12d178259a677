import { describe, expect, it } from "vitest";
import type { KernelResult, Timing } from "@/lib/gpu/result";
import { sourceHash } from "@/lib/gpu/source-hash";
import { browserBenchmark, scoreKernelResult } from "./kernel";

// Results as the harness returns them (schema-valid), without running a browser: the scoring rules alone.
const swiftshader = { vendor: "google", architecture: "swiftshader", isFallbackAdapter: true, label: "SwiftShader (CPU Vulkan, not a GPU)", timestampQuery: true };
const h100 = { vendor: "nvidia", architecture: "hopper", isFallbackAdapter: false, label: "nvidia hopper", timestampQuery: true };

function timing(over: Partial<Timing>): Timing {
  return {
    case: "timing",
    medianMs: 1,
    p10Ms: 0.9,
    p90Ms: 1.2,
    cv: 0.1,
    samples: 9,
    runsPerSample: 4,
    method: "timestamp-query",
    flops: 1e9,
    bytes: 1e8,
    gflops: 1000,
    gbps: 100,
    arithmeticIntensity: 10,
    rooflineFraction: null,
    impossible: false,
    speedupOverNaive: 0.92,
    speedupCi: { lo: 0.85, hi: 1.01, level: 0.96 },
    rounds: 9,
    ...over,
  };
}

function result(over: Partial<KernelResult>): KernelResult {
  return {
    problem: "attention-prefill",
    backend: "webgpu",
    adapter: swiftshader,
    verdict: "pass",
    message: "All 6 checks passed.",
    profile: "reduced",
    diagnostics: [],
    cases: [{ name: "a", shape: { H: 1 }, maxAbsError: 0, relL2: 0, pass: true }],
    timing: timing({ measuredOn: "software" }),
    roofline: null,
    elapsedMs: 10,
    ...over,
  };
}

describe("kernel round scoring: speed only where the time was measured on a GPU", () => {
  it("on a software renderer a correct kernel scores 100: speed 'not measured on a GPU', score rescaled (the 0.92x that cost 16 points)", () => {
    const g = scoreKernelResult(result({}));
    expect(g.score).toBe(100);
    const speed = g.items.find((i) => i.id === "speed")!;
    expect(speed.maxPoints).toBe(0);
    expect(speed.note).toMatch(/not measured on a GPU/);
    expect(g.summary).toMatch(/speed not measured on a GPU/);
  });

  it("old stored results without measuredOn are judged by their adapter", () => {
    const g = scoreKernelResult(result({ timing: timing({ measuredOn: undefined }) }));
    expect(g.items.find((i) => i.id === "speed")!.maxPoints).toBe(0);
    expect(scoreKernelResult(result({ backend: "cpu", timing: timing({ measuredOn: undefined }), adapter: { ...swiftshader, label: "CPU fallback" } })).items.find((i) => i.id === "speed")!.note).toMatch(/CPU fallback/);
  });

  it("on a GPU the speed tier counts, with its confidence interval in the note", () => {
    const slow = scoreKernelResult(result({ adapter: h100, timing: timing({ measuredOn: "gpu" }) }));
    expect(slow.score).toBe(76);
    expect(slow.items.find((i) => i.id === "speed")!.note).toMatch(/0\.92x over naive \(96% CI 0\.85-1\.01 over 9 interleaved rounds\)/);
    const fast = scoreKernelResult(result({ adapter: h100, timing: timing({ measuredOn: "gpu", speedupOverNaive: 3 }) }));
    expect(fast.score).toBe(100);
    const impossible = scoreKernelResult(result({ adapter: h100, timing: timing({ measuredOn: "gpu", speedupOverNaive: 30, impossible: true }) }));
    expect(impossible.score).toBe(60);
  });

  it("a wrong kernel earns no speed points wherever it ran", () => {
    const g = scoreKernelResult(result({ verdict: "fail-wrong", adapter: h100, cases: [{ name: "a", shape: {}, maxAbsError: 1, relL2: 1, pass: false }], timing: null }));
    expect(g.score).toBeLessThan(40);
  });

  it("uses the candidate's browser GPU measurement when the server has only a software renderer, marked as reported by the browser", () => {
    const source = "// my kernel\n";
    const browser = result({ adapter: h100, timing: timing({ measuredOn: "gpu", speedupOverNaive: 1.6 }) });
    const answer = { source, result: browser, resultSourceHash: sourceHash(source) };
    const picked = browserBenchmark(answer);
    expect(picked?.adapter.label).toBe("nvidia hopper");
    const g = scoreKernelResult(result({}), picked);
    expect(g.score).toBe(92);
    expect(g.items.find((i) => i.id === "speed")!.note).toMatch(/reported by your browser \(nvidia hopper; not verified by the server\)/);
    // A result saved for another source, a software browser, or junk is never credited.
    expect(browserBenchmark({ ...answer, source: source + " " })).toBeNull();
    expect(browserBenchmark({ ...answer, result: { junk: true } })).toBeNull();
    expect(scoreKernelResult(result({}), result({})).items.find((i) => i.id === "speed")!.maxPoints).toBe(0);
  });

  it("the source fingerprint is stable and changes with the source", () => {
    expect(sourceHash("abc")).toBe(sourceHash("abc"));
    expect(sourceHash("abc")).not.toBe(sourceHash("abd"));
  });
});
