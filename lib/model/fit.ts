import { KnobsSchema, type Knobs } from "./knobs";
import type { Measurement } from "./measurements";
import { predictWithKnobs } from "./evaluate";

/** A knob the fit may move, and the values it may take (physically plausible ranges only). */
export interface FitAxis {
  knob: keyof Knobs;
  values: number[];
}

/** The grid each preset's fitted knobs are searched over. */
export const fitAxes: Record<string, number[]> = {
  bandwidthEfficiency: [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95],
  computeEfficiency: [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8],
  computeEfficiency8bit: [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65],
  overlapExponent: [1, 1.25, 1.5, 2, 3, 4, 8],
  layerOverheadS: [0, 5e-6, 10e-6, 20e-6, 40e-6, 80e-6],
  stepOverheadS: [0, 0.5e-3, 1e-3, 2e-3, 3e-3, 5e-3, 8e-3],
  pcieCommEfficiency: [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6],
  collectiveLatencyS: [5e-6, 10e-6, 20e-6, 30e-6, 50e-6],
  gqaKvSharing: [0, 0.25, 0.5, 0.75, 1],
  gqaKvSharingWindowed: [0, 0.25, 0.5, 0.75, 1],
  maxBatchSize: [256, 512, 1024, 2048, 4096],
  prefillChunkTokens: [4096, 8192, 16384],
  runtimeOverheadBytes: [1, 2, 3, 4, 6, 8, 10].map((g) => g * 1024 ** 3),
  kvCacheMemoryFraction: [0.8, 0.85, 0.9, 0.95],
  commEfficiency: [0.5, 0.6, 0.7, 0.8, 0.9],
  activationMemoryFactor: [1, 2, 4, 6, 8, 12],
};

/** Mean |log(predicted / measured)|; a measured configuration called "does not fit" costs log(10). */
export function fitLoss(points: Measurement[], knobs: Knobs): number {
  let s = 0;
  for (const p of points) {
    const r = predictWithKnobs(p, knobs);
    s += Number.isFinite(r.predicted) && r.predicted > 0 ? Math.abs(Math.log(r.predicted / p.measured)) : Math.log(10);
  }
  return s / Math.max(1, points.length);
}

/**
 * Coordinate descent: for each knob in turn, keep the grid value with the lowest loss; repeat until a
 * full round changes nothing. Deterministic (fixed order, ties keep the current value).
 */
export function fitKnobs(points: Measurement[], start: Knobs, knobs: (keyof Knobs)[], maxRounds = 4): { knobs: Knobs; loss: number; rounds: number } {
  let cur = KnobsSchema.parse(start);
  let best = fitLoss(points, cur);
  let rounds = 0;
  for (; rounds < maxRounds; rounds++) {
    let changed = false;
    for (const k of knobs) {
      const values = fitAxes[k];
      if (!values) throw new Error(`no fit grid for knob ${k}`);
      for (const v of values) {
        if (v === cur[k]) continue;
        const trial = { ...cur, [k]: v } as Knobs;
        const l = fitLoss(points, trial);
        if (l < best - 1e-9) {
          best = l;
          cur = trial;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return { knobs: cur, loss: best, rounds: rounds + 1 };
}
