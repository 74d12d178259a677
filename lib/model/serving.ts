import type { Deployment } from "./deployment";
import { stepCost, type PassCost, type StepShape } from "./inference";
import { memoryPlan, type MemoryPlan } from "./memory";
import { est, fmtBytes, fmtSeconds, trim, type Estimate } from "./explain";

/** Why the in-flight batch is as large as it is. */
export type BatchLimit = "kv-cache" | "max-batch-size" | "max-num-tokens";

export interface MaxThroughputEstimate {
  fits: boolean;
  /** When it does not fit: why, in words a person can act on. */
  reason: string | null;
  /** Sequences in flight at steady state. */
  batch: number;
  limitedBy: BatchLimit;
  /** Each limit's own bound on the batch, so the UI can show the others. */
  limits: Record<BatchLimit, number>;
  kvTokensPerSequence: number;
  step: PassCost | null;
  /** Time between two tokens of one sequence at steady state (s). */
  interTokenS: number;
  outputTokensPerSecond: Estimate;
  outputTokensPerSecondPerGpu: Estimate;
  memory: MemoryPlan;
}

/** The steady-state step of in-flight batching at `batch` sequences: each decodes, and B / output new prompts are prefilled per step. */
export function steadyShape(batch: number, input: number, output: number): StepShape {
  return { decodeSeqs: batch, decodeContext: input + output / 2, prefillSeqs: batch / output, prefillTokens: input, prefillCached: 0 };
}

/**
 * In-flight batching at maximum load ("max throughput", how TensorRT-LLM, vLLM and SGLang publish
 * throughput): requests of `input` prompt and `output` generated tokens queue without end; the engine
 * keeps as many in flight as its KV budget, max_batch_size and max_num_tokens allow. At steady state
 * a sequence finishes every output/batch steps, so each step decodes `batch` tokens and prefills
 * batch * input / output prompt tokens in the same forward pass.
 */
export function maxThroughput(d: Deployment, input: number, output: number): MaxThroughputEstimate {
  const k = d.knobs;
  const gpus = d.tp * d.pp;
  const plan = memoryPlan(d, 1, input + output, input);
  const window = d.model.slidingWindow;
  const reserve = input + k.kvReserveOutputFraction * output;
  const kvTokensPerSequence = Math.ceil(window == null ? reserve : Math.min(reserve, window));
  const limits: Record<BatchLimit, number> = {
    "kv-cache": Math.floor(plan.kvCapacityTokens / kvTokensPerSequence),
    "max-batch-size": k.maxBatchSize,
    // Decoding sequences take one token each of a pass's budget; the prompts that replace finished
    // sequences need input/output more per sequence. Past this the prefill cannot keep up.
    "max-num-tokens": Math.max(1, Math.floor(k.prefillChunkTokens / (1 + input / output))),
  };
  const limitedBy = (Object.entries(limits) as [BatchLimit, number][]).reduce((a, b) => (b[1] < a[1] ? b : a))[0];
  const batch = limits[limitedBy];
  const empty = est(0, "tokens/s", "does not fit", "");
  if (limits["kv-cache"] < 1) {
    const free = plan.capacityPerGpu - plan.weightsPerGpu.value - plan.runtimeOverheadPerGpu.value;
    const reason =
      free <= 0
        ? `weights (${fmtBytes(plan.weightsPerGpu.value)}) and runtime (${fmtBytes(plan.runtimeOverheadPerGpu.value)}) need more than the ${fmtBytes(plan.capacityPerGpu)} of one GPU; add GPUs (tp or pp) or quantize`
        : `the KV cache budget per GPU holds ${plan.kvCapacityTokens} tokens but one sequence needs ${kvTokensPerSequence}; add GPUs, shorten the sequence or quantize the KV cache`;
    return { fits: false, reason, batch: 0, limitedBy: "kv-cache", limits, kvTokensPerSequence, step: null, interTokenS: NaN, outputTokensPerSecond: empty, outputTokensPerSecondPerGpu: empty, memory: plan };
  }
  const step = stepCost(d, steadyShape(batch, input, output));
  const tps = batch / step.timeS;
  const why = `batch ${batch} = min(KV budget ${plan.kvCapacityTokens} tokens / ${kvTokensPerSequence} per sequence = ${limits["kv-cache"]}, max batch ${limits["max-batch-size"]}, token budget ${k.prefillChunkTokens} / (1 + ${input}/${output}) = ${limits["max-num-tokens"]}); limited by ${limitedBy}`;
  const outputTokensPerSecond = est(tps, "tokens/s", "batch / steady-state step (each step decodes the batch and prefills batch * input / output prompt tokens)", `${batch} / ${fmtSeconds(step.timeS)}\n${why}\n${step.explanation.substituted}`, { bound: step.bound });
  return {
    fits: true, reason: null, batch, limitedBy, limits, kvTokensPerSequence, step, interTokenS: step.timeS,
    outputTokensPerSecond,
    outputTokensPerSecondPerGpu: est(tps / gpus, "tokens/s", "output tokens/s / GPUs", `${trim(tps)} / ${gpus}`, { bound: step.bound }),
    memory: memoryPlan(d, batch, input + output, input),
  };
}

/** Steady-state output tokens/s of in-flight batching with `batch` sequences in flight (whether or not they fit), for sweeps. */
export function steadyThroughput(d: Deployment, batch: number, input: number, output: number): number {
  return batch / stepCost(d, steadyShape(batch, input, output)).timeS;
}
