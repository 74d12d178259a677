import { z } from "zod";
import { lognormal, quantile } from "./sampling";
import { simulation } from "./types";

const args = z.object({
  peakRequestsPerS: z.number().positive(),
  offPeakRequestsPerS: z.number().positive(),
  peakHours: z.number().min(0).max(24),
  /** Coefficient of variation of each window's traffic around the daily profile (independent windows). */
  trafficCv: z.number().min(0),
  windowMinutes: z.number().positive(),
  requestsPerGpuPerS: z.number().positive(),
  /** The autoscaler sizes each window for the previous window's traffic at this utilisation. */
  targetUtilisation: z.number().gt(0).max(1),
  minGpus: z.number().int().min(1).default(1),
  dollarsPerGpuHour: z.number().positive(),
});

/**
 * Serving cost under variable load with a reactive autoscaler: the day is cut into windows; each
 * window's traffic is the profile's rate times a lognormal factor (mean 1); the fleet of each window is
 * sized from the previous window's observed traffic, billed per window. Requests above the window's
 * capacity miss the latency SLO. One trial is one day.
 */
export const autoscaledServing = simulation({
  args,
  describe: (a) =>
    `${a.peakHours} peak hours at ${a.peakRequestsPerS} req/s and the rest at ${a.offPeakRequestsPerS} req/s, each ${a.windowMinutes}-minute window ` +
    `scaled by a lognormal factor (mean 1, CV ${a.trafficCv}); each window runs ceil(previous window's rate / (${a.requestsPerGpuPerS} req/s x ${a.targetUtilisation})) GPUs ` +
    `(at least ${a.minGpus}) at ${a.dollarsPerGpuHour} USD/GPU-hour; traffic above capacity misses the SLO. One trial is one day.`,
  outputs: {
    costPer1000Usd: { unit: "USD", label: "GPU cost per 1,000 requests" },
    meanDailyCostUsd: { unit: "USD", label: "expected daily GPU bill" },
    p95DailyCostUsd: { unit: "USD", label: "95th percentile of the daily GPU bill" },
    sloMissFraction: { unit: "fraction", label: "fraction of requests above the window's capacity" },
  },
  trials: { candidate: 150, batches: 10 },
  estimate(a, rng, trials) {
    const windows = Math.round((24 * 60) / a.windowMinutes);
    const windowS = a.windowMinutes * 60;
    const peakStart = Math.round(((12 - a.peakHours / 2) * 60) / a.windowMinutes);
    const peakEnd = peakStart + Math.round((a.peakHours * 60) / a.windowMinutes);
    const perGpu = a.requestsPerGpuPerS * a.targetUtilisation;
    const gpuWindowCost = (a.dollarsPerGpuHour * a.windowMinutes) / 60;
    const daily = new Float64Array(trials);
    let cost = 0;
    let requests = 0;
    let missed = 0;
    for (let t = 0; t < trials; t++) {
      let prev = a.offPeakRequestsPerS; // the night before ran at the off-peak profile
      let dayCost = 0;
      for (let w = 0; w < windows; w++) {
        const profile = w >= peakStart && w < peakEnd ? a.peakRequestsPerS : a.offPeakRequestsPerS;
        const rate = a.trafficCv > 0 ? profile * lognormal(rng, 1, a.trafficCv) : profile;
        const gpus = Math.max(a.minGpus, Math.ceil(prev / perGpu - 1e-9));
        const capacity = gpus * a.requestsPerGpuPerS;
        dayCost += gpus * gpuWindowCost;
        requests += rate * windowS;
        if (rate > capacity) missed += (rate - capacity) * windowS;
        prev = rate;
      }
      daily[t] = dayCost;
      cost += dayCost;
    }
    return {
      costPer1000Usd: (cost / requests) * 1000,
      meanDailyCostUsd: cost / trials,
      p95DailyCostUsd: quantile(daily, 0.95),
      sloMissFraction: missed / requests,
    };
  },
});
