import { resolveDeployment, type Deployment } from "./deployment";
import { prefill, runInference } from "./inference";
import { KnobsSchema, type Knobs, type KnobsOverride } from "./knobs";
import { sourceOf, type EnginePresetId, type Measurement } from "./measurements";
import { presetKnobs } from "./presets";
import { maxThroughput } from "./serving";

export interface PointResult {
  point: Measurement;
  /** NaN when the engine says the configuration does not fit (a failure on a measured point). */
  predicted: number;
  /** (predicted - measured) / measured; +Infinity when predicted "does not fit". */
  error: number;
  doesNotFit: boolean;
}

/** Knobs that turn the engine into a textbook roofline: peak rates, perfect overlap, no overheads, every byte usable. */
export const naiveRooflineKnobs: KnobsOverride = {
  bandwidthEfficiency: 1,
  computeEfficiency: 1,
  computeEfficiency8bit: 1,
  overlapExponent: 64,
  layerOverheadS: 0,
  stepOverheadS: 0,
  commEfficiency: 1,
  pcieCommEfficiency: 1,
  collectiveLatencyS: 0,
  interNodeLatencyS: 0,
  gqaKvSharing: 1,
  prefillChunkTokens: 1_000_000,
  maxBatchSize: 100_000,
  kvCacheMemoryFraction: 1,
  kvReserveOutputFraction: 1,
  expertImbalance: 1,
  activationMemoryFactor: 0,
  runtimeOverheadBytes: 0,
};

function deploymentFor(p: Measurement, knobs: Knobs): Deployment {
  return resolveDeployment({ gpu: p.gpu as never, model: p.model as never, precision: p.precision, kvPrecision: p.kvPrecision, tp: p.tp, knobs });
}

/** Predict one published measurement with a full knob set. */
export function predictWithKnobs(p: Measurement, knobs: Knobs): PointResult {
  const d = deploymentFor(p, knobs);
  let predicted: number;
  let doesNotFit = false;
  if (p.metric === "timeToFirstTokenMs") {
    predicted = prefill(d, p.batch ?? 1, p.input).timeS * 1e3;
  } else if (p.mode === "max-throughput") {
    const r = maxThroughput(d, p.input, p.output);
    doesNotFit = !r.fits;
    predicted = r.fits ? (p.metric === "outputTokensPerSecondPerGpu" ? r.outputTokensPerSecondPerGpu.value : r.outputTokensPerSecond.value) : NaN;
  } else {
    const r = runInference(d, { batch: p.batch ?? 1, input: p.input, output: p.output });
    doesNotFit = !r.memory.fits;
    predicted =
      p.metric === "batchLatencyS" ? r.totalS : p.metric === "outputTokensPerSecondPerGpu" ? r.outputTokensPerSecondPerGpu.value : r.outputTokensPerSecond.value;
  }
  const error = Number.isFinite(predicted) ? (predicted - p.measured) / p.measured : Number.POSITIVE_INFINITY;
  return { point: p, predicted, error, doesNotFit };
}

/** Predict a measurement with its engine's preset (or another), plus optional knob overrides. */
export function predictPoint(p: Measurement, over: KnobsOverride = {}, preset: EnginePresetId = sourceOf(p).engine): PointResult {
  return predictWithKnobs(p, KnobsSchema.parse({ ...presetKnobs(preset), ...over }));
}

/** The textbook roofline's prediction of the same point (same memory model, ideal knobs). */
export function predictNaive(p: Measurement): PointResult {
  return predictPoint(p, naiveRooflineKnobs);
}

export interface ErrorSummary {
  n: number;
  medianAbsPct: number;
  maxAbsPct: number;
  /** Points the engine called "does not fit" although they ran in the benchmark. */
  doesNotFit: number;
}

export function summarize(results: PointResult[]): ErrorSummary {
  const a = results.map((r) => Math.abs(r.error) * 100).sort((x, y) => x - y);
  const mid = a.length / 2;
  const median = a.length === 0 ? 0 : a.length % 2 ? a[Math.floor(mid)] : (a[mid - 1] + a[mid]) / 2;
  return { n: a.length, medianAbsPct: median, maxAbsPct: a[a.length - 1] ?? 0, doesNotFit: results.filter((r) => r.doesNotFit).length };
}
