import { z } from "zod";
import { exponential, lognormal } from "./sampling";
import { simulation } from "./types";

const args = z.object({
  nodes: z.number().int().positive(),
  arrivalsPerHour: z.number().positive(),
  meanServiceHours: z.number().positive(),
  /** Coefficient of variation of job length: 1 is exponential (M/M/c); otherwise lognormal with this CV. */
  serviceCv: z.number().positive().default(1),
  /** Jobs per simulated run, and how many at the start are dropped while the queue fills (warm-up). */
  jobs: z.number().int().positive().default(50_000),
  warmupJobs: z.number().int().min(0).default(1_000),
});

/** A binary min-heap of the times each node becomes free, replaced in place (FCFS dispatch to the earliest-free node). */
function earliestFree(nodes: number) {
  const h = new Float64Array(nodes);
  return {
    top: () => h[0],
    replaceTop(v: number) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= nodes) break;
        const r = l + 1;
        const c = r < nodes && h[r] < h[l] ? r : l;
        if (h[c] >= v) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = v;
    },
  };
}

/**
 * A GPU pool as a multi-server FCFS queue (M/G/c): Poisson arrivals, each job takes one node for an
 * exponential or lognormal time. One trial is one simulated run of `jobs` jobs after a warm-up;
 * outputs are averaged over trials. With exponential lengths it reproduces Erlang C (a test checks).
 */
export const gpuQueue = simulation({
  args,
  describe: (a) =>
    `Poisson arrivals at ${a.arrivalsPerHour} jobs/h onto ${a.nodes} nodes, first come first served; job lengths ` +
    (a.serviceCv === 1 ? `exponential with mean ${a.meanServiceHours} h` : `lognormal with mean ${a.meanServiceHours} h and coefficient of variation ${a.serviceCv}`) +
    `. One trial is a run of ${a.jobs.toLocaleString("en-US")} jobs after ${a.warmupJobs.toLocaleString("en-US")} warm-up jobs.`,
  outputs: {
    meanWaitS: { unit: "s", label: "mean wait in the queue" },
    waitProbability: { unit: "fraction", label: "probability that a job waits" },
    utilisation: { unit: "fraction", label: "utilisation of the pool" },
  },
  trials: { candidate: 1, batches: 8 },
  estimate(a, rng, trials) {
    const meanS = a.meanServiceHours * 3600;
    const gapS = 3600 / a.arrivalsPerHour;
    const out = { meanWaitS: 0, waitProbability: 0, utilisation: 0 };
    for (let t = 0; t < trials; t++) {
      const heap = earliestFree(a.nodes);
      let now = 0;
      let busy = 0;
      let waited = 0;
      let waitSum = 0;
      let startAt = 0;
      for (let j = -a.warmupJobs; j < a.jobs; j++) {
        now += exponential(rng, gapS);
        if (j === 0) startAt = now;
        const free = heap.top();
        const start = free > now ? free : now;
        const service = a.serviceCv === 1 ? exponential(rng, meanS) : lognormal(rng, meanS, a.serviceCv);
        heap.replaceTop(start + service);
        if (j >= 0) {
          waitSum += start - now;
          if (start > now) waited++;
          busy += service;
        }
      }
      out.meanWaitS += waitSum / a.jobs / trials;
      out.waitProbability += waited / a.jobs / trials;
      out.utilisation += busy / (a.nodes * (now - startAt)) / trials;
    }
    return out;
  },
});
