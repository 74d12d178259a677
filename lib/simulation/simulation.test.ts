import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/random";
import { simulateScenarioQuantity, simulations } from "./index";
import { exponential } from "./sampling";

const jitter = { gpus: 128, meanJitterMs: 20, stallProbability: 0.001, stallMs: 400, stepComputeS: 4.352, steps: 500_000 };
const harmonic = (n: number) => Array.from({ length: n }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b, 0);

/** Erlang C: probability an arrival waits in M/M/c with offered load a (a < c). */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) (term *= a / k), (sum += term);
  const last = (term * a) / c / (1 - a / c);
  return last / (sum + last);
}

describe("reference simulations", () => {
  it("are deterministic for a seed and differ across seeds", () => {
    const spec = { fn: "stragglerJitter", output: "slowestDelayMs", args: jitter, seed: 7, sigmas: 3 };
    expect(simulateScenarioQuantity(spec, 0.05).value).toBe(simulateScenarioQuantity({ ...spec }, 0.05).value);
    expect(simulateScenarioQuantity({ ...spec, seed: 8 }, 0.05).value).not.toBe(simulateScenarioQuantity(spec, 0.05).value);
  });

  it("straggler jitter: without stalls it is the closed form mean x H_N; with them it matches a GPU-by-GPU simulation", () => {
    const noStalls = simulateScenarioQuantity({ fn: "stragglerJitter", output: "slowestDelayMs", args: { ...jitter, stallProbability: 0 }, seed: 1, sigmas: 3 }, 0.05);
    expect(Math.abs(noStalls.value - 20 * harmonic(128))).toBeLessThan(3 * (noStalls.sd / 4)); // 16 batches: error sd / 4
    // The reference draws the maximum by inverting its CDF; a brute-force loop over GPUs must agree.
    const rng = mulberry32(99);
    const steps = 20_000;
    let sum = 0;
    for (let s = 0; s < steps; s++) {
      let slowest = 0;
      for (let g = 0; g < 128; g++) slowest = Math.max(slowest, exponential(rng, 20) + (rng() < 0.001 ? 400 : 0));
      sum += slowest;
    }
    const brute = sum / steps;
    const ref = simulateScenarioQuantity({ fn: "stragglerJitter", output: "slowestDelayMs", args: jitter, seed: 1, sigmas: 3 }, 0.05);
    expect(Math.abs(brute - ref.value) / ref.value).toBeLessThan(0.03);
    expect(ref.value).toBeGreaterThan(140);
  });

  it("checkpointed run: expected failures and lost time agree with the renewal arithmetic", () => {
    const args = { gpus: 2048, gpuMtbfHours: 50_000, workHours: 720, intervalS: 3248, saveTimeS: 60, restartS: 600, deadlineDays: 31.5 };
    const r = (output: string) => simulateScenarioQuantity({ fn: "checkpointedRun", output, args, seed: 3, sigmas: 3 }, 0.01).value;
    const completion = r("meanCompletionS");
    // Failures arrive at N / MTBF over the whole (longer) wall-clock time.
    expect(r("meanFailures")).toBeCloseTo((completion / 3600) * (2048 / 50_000), 0);
    // Each failure costs the restart plus a bit under half a segment (exponential failures inside a segment).
    const perFailure = r("meanLostS") / r("meanFailures");
    expect(perFailure).toBeGreaterThan(600 + 0.45 * 3308);
    expect(perFailure).toBeLessThan(600 + 0.5 * 3308);
    expect(r("p90CompletionS")).toBeGreaterThan(completion);
  });

  it("GPU queue: with exponential jobs it reproduces Erlang C within its own spread", () => {
    const spec = { fn: "gpuQueue", output: "waitProbability", args: { nodes: 50, arrivalsPerHour: 30, meanServiceHours: 1.5 }, seed: 5, sigmas: 3 };
    const p = simulateScenarioQuantity(spec, 0.1);
    const c = erlangC(50, 45);
    expect(c).toBeCloseTo(0.3639, 3);
    expect(Math.abs(p.value - c)).toBeLessThan(3 * (p.sd / Math.sqrt(8)) + 0.01);
    const w = simulateScenarioQuantity({ ...spec, output: "meanWaitS" }, 0.25);
    expect(Math.abs(w.value - (c / (50 / 1.5 - 30)) * 3600) / 393).toBeLessThan(w.relativeTolerance);
  });

  it("autoscaled serving: noise-free traffic gives the profile's arithmetic exactly", () => {
    const args = { peakRequestsPerS: 40, offPeakRequestsPerS: 5, peakHours: 8, trafficCv: 0, windowMinutes: 5, requestsPerGpuPerS: 10, targetUtilisation: 0.8, minGpus: 1, dollarsPerGpuHour: 2.5 };
    const est = simulations.autoscaledServing.estimate(simulations.autoscaledServing.args.parse(args), mulberry32(1), 3);
    // 16 h x 1 GPU + 8 h x 5 GPUs, but the first peak window is sized for off-peak (1 GPU) and the first off-peak one for peak (5).
    const gpuHours = 16 + 40 - (4 * 5) / 60 + (4 * 5) / 60;
    expect(est.meanDailyCostUsd).toBeCloseTo(gpuHours * 2.5, 6);
    expect(est.sloMissFraction).toBeCloseTo((30 * 300) / (40 * 8 * 3600 + 5 * 16 * 3600), 6);
  });

  it("sets the band from the spread, never below the floor, and says so in the derivation", () => {
    const wide = simulateScenarioQuantity({ fn: "gpuQueue", output: "meanWaitS", args: { nodes: 50, arrivalsPerHour: 30, meanServiceHours: 1.5 }, seed: 5, sigmas: 3 }, 0.05);
    expect(wide.relativeTolerance).toBeCloseTo((3 * wide.sd) / wide.value, 6);
    expect(wide.explanation).toMatch(/3 sd = ±\d+%/);
    const floor = simulateScenarioQuantity({ fn: "checkpointedRun", output: "meanCompletionS", args: { gpus: 2048, gpuMtbfHours: 50_000, workHours: 720, intervalS: 3248, saveTimeS: 60, restartS: 600, deadlineDays: 31.5 }, seed: 3, sigmas: 3 }, 0.01);
    expect(floor.relativeTolerance).toBe(0.01);
    expect(floor.explanation).toMatch(/the floor of ±1\.0%/);
  });

  it("names a bad simulation, output or argument", () => {
    expect(() => simulateScenarioQuantity({ fn: "nope", output: "x", args: {}, seed: 1, sigmas: 3 }, 0.1)).toThrow(/unknown simulation "nope"; use one of stragglerJitter/);
    expect(() => simulateScenarioQuantity({ fn: "gpuQueue", output: "x", args: {}, seed: 1, sigmas: 3 }, 0.1)).toThrow(/no output "x"; use one of meanWaitS/);
    expect(() => simulateScenarioQuantity({ fn: "gpuQueue", output: "meanWaitS", args: { nodes: -1 }, seed: 1, sigmas: 3 }, 0.1)).toThrow(/args\.nodes/);
  });

});
