import { est, fmtCount, fmtFlops, fmtSeconds, trim, type Estimate } from "./explain";

/** Training FLOPs ~ 6 * N * D (forward 2ND + backward 4ND); full activation recompute adds a forward: 8ND. */
export function trainingFlops(params: number, tokens: number, fullRecompute = false): Estimate {
  const c = fullRecompute ? 8 : 6;
  return est(c * params * tokens, "FLOP", `${c} * params * tokens${fullRecompute ? " (full recompute)" : ""}`, `${c} * ${fmtCount(params)} * ${fmtCount(tokens)}`);
}

/** Wall-clock time = FLOPs / (GPUs * peak * MFU). */
export function trainingTime(flops: number, gpus: number, peakFlops: number, mfu: number): Estimate {
  return est(flops / (gpus * peakFlops * mfu), "s", "FLOPs / (GPUs * peak FLOP/s * MFU)", `${fmtFlops(flops)} / (${gpus} * ${fmtFlops(peakFlops)}/s * ${mfu})`, { bound: "compute" });
}

/** MFU = achieved model FLOP/s / peak FLOP/s (model FLOPs exclude recompute). */
export function mfu(params: number, tokensPerSecond: number, gpus: number, peakFlops: number): Estimate {
  return est((6 * params * tokensPerSecond) / (gpus * peakFlops), "fraction", "6 * params * tokens/s / (GPUs * peak)", `6 * ${fmtCount(params)} * ${trim(tokensPerSecond)} / (${gpus} * ${fmtFlops(peakFlops)}/s)`);
}

/** Pipeline bubble fraction for GPipe / 1F1B: (p - 1) / (m + p - 1), m micro-batches, p stages. */
export function pipelineBubbleFraction(stages: number, microBatches: number): Estimate {
  return est((stages - 1) / (microBatches + stages - 1), "fraction", "(p - 1) / (m + p - 1)", `(${stages} - 1) / (${microBatches} + ${stages} - 1)`);
}

/** Gradient accumulation steps = global batch / (micro-batch * data-parallel ranks). */
export function gradientAccumulationSteps(globalBatch: number, microBatch: number, dataParallel: number): Estimate {
  const v = globalBatch / (microBatch * dataParallel);
  const notes = Number.isInteger(v) ? [] : ["not an integer: the global batch is not divisible by micro-batch * DP"];
  return est(v, "count", "global_batch / (micro_batch * dp)", `${globalBatch} / (${microBatch} * ${dataParallel})`, { notes });
}

/** MTBF of a job on N GPUs when failures are independent: per-GPU MTBF / N. */
export function jobMtbf(gpuMtbfS: number, gpus: number): Estimate {
  return est(gpuMtbfS / gpus, "s", "MTBF_gpu / N", `${fmtSeconds(gpuMtbfS)} / ${gpus}`);
}

/** Young's optimal checkpoint interval: sqrt(2 * save_time * MTBF). */
export function youngCheckpointInterval(saveTimeS: number, mtbfS: number): Estimate {
  return est(Math.sqrt(2 * saveTimeS * mtbfS), "s", "sqrt(2 * save_time * MTBF)", `sqrt(2 * ${trim(saveTimeS)} s * ${trim(mtbfS)} s)`);
}

/**
 * Fraction of time lost to checkpointing and to recomputing work lost at a failure:
 * save / interval + interval / (2 * MTBF) (first-order, Young 1974).
 */
export function checkpointOverheadFraction(saveTimeS: number, intervalS: number, mtbfS: number): Estimate {
  return est(saveTimeS / intervalS + intervalS / (2 * mtbfS), "fraction", "save / interval + interval / (2 * MTBF)", `${trim(saveTimeS)} / ${trim(intervalS)} + ${trim(intervalS)} / (2 * ${trim(mtbfS)})`);
}

/** Chance a job on N GPUs sees at least one failure in `durationS`: 1 - exp(-N * T / MTBF_gpu). */
export function failureProbability(gpus: number, durationS: number, gpuMtbfS: number): Estimate {
  return est(1 - Math.exp((-gpus * durationS) / gpuMtbfS), "fraction", "1 - exp(-N * T / MTBF_gpu)", `1 - exp(-${gpus} * ${fmtSeconds(durationS)} / ${fmtSeconds(gpuMtbfS)})`);
}
