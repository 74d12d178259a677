import type { CalibrationPoint } from "./calibration";
import { resolveDeployment } from "./deployment";
import { prefill, runInference } from "./inference";
import type { KnobsOverride } from "./knobs";

export interface PointResult {
  point: CalibrationPoint;
  predicted: number;
  /** (predicted - measured) / measured. */
  error: number;
}

/** Predict one published measurement with the given knobs. */
export function predictPoint(p: CalibrationPoint, knobs: KnobsOverride = {}): PointResult {
  const d = resolveDeployment({ gpu: p.gpu as never, model: p.model as never, precision: p.precision, tp: p.tp, knobs });
  const predicted =
    p.metric === "timeToFirstTokenMs"
      ? prefill(d, p.batch, p.input).timeS * 1e3
      : runInference(d, { batch: p.batch, input: p.input, output: p.output ?? 1 }).outputTokensPerSecondPerGpu.value;
  return { point: p, predicted, error: (predicted - p.measured) / p.measured };
}

export function summarize(results: PointResult[]): { medianAbsPct: number; maxAbsPct: number } {
  const a = results.map((r) => Math.abs(r.error) * 100).sort((x, y) => x - y);
  const mid = a.length / 2;
  const median = a.length === 0 ? 0 : a.length % 2 ? a[Math.floor(mid)] : (a[mid - 1] + a[mid]) / 2;
  return { medianAbsPct: median, maxAbsPct: a[a.length - 1] ?? 0 };
}
