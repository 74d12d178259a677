import { z } from "zod";
import { exponential, mean, quantile } from "./sampling";
import { simulation } from "./types";

const args = z.object({
  gpus: z.number().int().positive(),
  gpuMtbfHours: z.number().positive(),
  /** Hours of useful training the run needs. */
  workHours: z.number().positive(),
  /** Work between two checkpoints, in seconds. */
  intervalS: z.number().positive(),
  saveTimeS: z.number().min(0),
  restartS: z.number().min(0),
  /** For the probability of missing a date. */
  deadlineDays: z.number().positive(),
});

/**
 * A long run with checkpoints and independent exponential failures (rate = GPUs / GPU MTBF; any
 * failure stops the job). The run alternates `interval` of work and a save; a failure loses the time
 * since the segment began, then costs a restart. One trial is one whole run. Failures during a restart
 * are not modelled (a restart is minutes against a day-long job MTBF); the last segment also saves.
 * Whole segments between failures are skipped in O(1), so a trial costs one draw per failure.
 */
export const checkpointedRun = simulation({
  args,
  describe: (a) =>
    `${a.gpus} GPUs, each failing at random once per ${a.gpuMtbfHours.toLocaleString("en-US")} h (any failure stops the job); ` +
    `${a.workHours} h of work in segments of ${a.intervalS} s, each followed by a ${a.saveTimeS}-s save; a failure loses the segment so far and costs a ${a.restartS}-s restart. One trial is one whole run.`,
  outputs: {
    meanCompletionS: { unit: "s", label: "expected wall-clock time to finish" },
    p90CompletionS: { unit: "s", label: "90th percentile of the wall-clock time to finish" },
    missProbability: { unit: "fraction", label: "probability of not finishing by the deadline" },
    meanLostS: { unit: "s", label: "expected time lost to failures (lost work and restarts)" },
    meanFailures: { unit: "count", label: "expected number of failures" },
  },
  trials: { candidate: 2_000, batches: 12 },
  estimate(a, rng, trials) {
    const mtbfS = (a.gpuMtbfHours * 3600) / a.gpus;
    const work = a.workHours * 3600;
    const segments = Math.ceil(work / a.intervalS - 1e-9);
    const lastWork = work - (segments - 1) * a.intervalS;
    const seg = a.intervalS + a.saveTimeS;
    const walls = new Float64Array(trials);
    const losts = new Float64Array(trials);
    let failures = 0;
    for (let t = 0; t < trials; t++) {
      let wall = 0;
      let lost = 0;
      let done = 0; // segments completed
      while (done < segments) {
        let x = exponential(rng, mtbfS);
        // Whole segments before the next failure (all but the last have the full length).
        const full = Math.min(Math.floor(x / seg), segments - 1 - done);
        wall += full * seg;
        x -= full * seg;
        done += full;
        const len = done === segments - 1 ? lastWork + a.saveTimeS : seg;
        if (x >= len) {
          wall += len;
          done++;
          // The next failure's time is memoryless: draw afresh.
          continue;
        }
        wall += x + a.restartS;
        lost += x + a.restartS;
        failures++;
      }
      walls[t] = wall;
      losts[t] = lost;
    }
    let late = 0;
    for (const w of walls) if (w > a.deadlineDays * 86400) late++;
    return {
      meanCompletionS: mean(walls),
      p90CompletionS: quantile(walls, 0.9),
      missProbability: late / trials,
      meanLostS: mean(losts),
      meanFailures: failures / trials,
    };
  },
});
