import { z } from "zod";
import { binomialSmallP, maxOfExponentials, mean, quantile } from "./sampling";
import { simulation } from "./types";

const args = z.object({
  gpus: z.number().int().positive(),
  /** Each GPU's part of the collective finishes late by Exp(mean) every step. */
  meanJitterMs: z.number().positive(),
  /** Now and then a GPU also stalls (a retransmit, a noisy neighbour): probability per GPU per step... */
  stallProbability: z.number().min(0).max(1).default(0),
  /** ...and how long that stall adds. */
  stallMs: z.number().min(0).default(0),
  /** Compute time of one step without jitter, for the slowdown. */
  stepComputeS: z.number().positive(),
  /** Steps in the run, for the extra wall-clock time. */
  steps: z.number().positive(),
});

/**
 * Network jitter in a synchronous data-parallel step: the step waits for the slowest GPU. One trial is
 * one step. The maximum over GPUs is drawn exactly (order statistics), not GPU by GPU: the stalled GPUs
 * are a Binomial count, the maximum of the others' exponentials is inverted from its CDF, so a
 * 100,000-step reference costs milliseconds. A test checks it against a GPU-by-GPU simulation.
 */
export const stragglerJitter = simulation({
  args,
  describe: (a) =>
    `each of ${a.gpus} GPUs finishes late by an exponential delay (mean ${a.meanJitterMs} ms)` +
    (a.stallProbability > 0 ? `, plus ${a.stallMs} ms with probability ${a.stallProbability} per GPU per step` : "") +
    `; a step waits for the slowest GPU. One trial is one step.`,
  outputs: {
    slowestDelayMs: { unit: "ms", label: "expected delay of the slowest GPU per step" },
    p99DelayMs: { unit: "ms", label: "99th percentile of the slowest GPU's delay" },
    slowdownFraction: { unit: "fraction", label: "expected slowdown of a step" },
    extraRunTimeS: { unit: "s", label: "extra wall-clock time over the run" },
    stallStepFraction: { unit: "fraction", label: "fraction of steps with at least one stalled GPU" },
  },
  trials: { candidate: 2_000, batches: 16 },
  estimate(a, rng, trials) {
    const delays = new Float64Array(trials);
    let stalledSteps = 0;
    for (let t = 0; t < trials; t++) {
      const k = binomialSmallP(rng, a.gpus, a.stallProbability);
      const others = maxOfExponentials(rng, a.gpus - k, a.meanJitterMs);
      const stalled = k > 0 ? a.stallMs + maxOfExponentials(rng, k, a.meanJitterMs) : 0;
      if (k > 0) stalledSteps++;
      delays[t] = Math.max(others, stalled);
    }
    const m = mean(delays);
    return {
      slowestDelayMs: m,
      p99DelayMs: quantile(delays, 0.99),
      slowdownFraction: m / 1000 / a.stepComputeS,
      extraRunTimeS: (a.steps * m) / 1000,
      stallStepFraction: stalledSteps / trials,
    };
  },
});
