import { z } from "zod";
import { GpuIdSchema, getGpu, effectivePeak } from "./gpus";
import { ModelIdSchema, getModel } from "./models";
import { PrecisionSchema, bytesPerElement, mathRateFor } from "./precision";
import { KnobsOverrideSchema } from "./knobs";
import { resolveDeployment } from "./deployment";
import { paramBreakdown, totalParams, activeParams, matmulParamsPerToken } from "./params";
import { kvBytesPerToken, kvCacheBytes, weightsBytes, memoryPlan, cachedTokens } from "./memory";
import { decodeStep, prefill, runInference } from "./inference";
import { costPerMillionTokens, energyPerToken } from "./cost";
import * as training from "./training";
import { est, fmtBytes, fmtFlops, trim, type Estimate, type Unit } from "./explain";

/**
 * Named quantities a modeling scenario can ask the engine for:
 *   expected: { compute: { fn: "kvBytesPerToken", args: { model: "mistral-7b-v0.1", kvPrecision: "bf16" } } }
 * Each answers in a base unit (B, s, ms, tokens/s, FLOP, FLOP/s, USD, fraction, count, W, J); the
 * loop converts what the candidate types. Times in seconds keep unit "s" even when named in days.
 */
export type ScenarioUnit = Exclude<Unit, "B/s">;

interface Quantity<S extends z.ZodType> {
  description: string;
  unit: ScenarioUnit;
  args: S;
  compute: (a: z.output<S>) => Estimate;
}

function q<S extends z.ZodType>(x: Quantity<S>): Quantity<S> {
  return x;
}

const pos = z.number().positive();
const posInt = z.number().int().positive();
const frac = z.number().gt(0).max(1);

const deploymentArgs = {
  gpu: GpuIdSchema,
  model: ModelIdSchema,
  precision: PrecisionSchema.default("bf16"),
  kvPrecision: PrecisionSchema.optional(),
  tp: posInt.default(1),
  pp: posInt.default(1),
  knobs: KnobsOverrideSchema.optional(),
};

/** Either a catalog model or a raw parameter count. */
const paramsArgs = { model: ModelIdSchema.optional(), params: pos.optional() };
function paramsOf(a: { model?: string; params?: number }): { n: number; label: string } {
  if (a.params != null) return { n: a.params, label: `${a.params}` };
  if (a.model != null) return { n: paramBreakdown(getModel(a.model)).total, label: `params(${a.model})` };
  throw new Error("give either args.model (a catalog id) or args.params (a parameter count)");
}
const needParams = (a: { model?: string; params?: number }) => a.model != null || a.params != null;
const paramsMsg = { message: "give args.model (a catalog id) or args.params (a number)" };

const withMs = (e: Estimate): Estimate => ({ ...e, value: e.value * 1e3, unit: "ms", substituted: `${e.substituted} (x 1000 ms/s)` });

/** Textbook roofline with peak numbers and no efficiency knobs: what an interview answer computes. */
function rooflineDecode(a: { gpu: string; model: string; precision: z.infer<typeof PrecisionSchema>; kvPrecision?: z.infer<typeof PrecisionSchema>; batch: number; context: number; tp: number }): Estimate {
  const g = getGpu(a.gpu);
  const m = getModel(a.model);
  const kvp = a.kvPrecision ?? (a.precision === "int4" ? "fp16" : a.precision);
  const active = paramBreakdown(m).active;
  const peak = effectivePeak(g, mathRateFor(a.precision)).flops;
  const expertsRead = Math.min(m.experts, a.batch * m.topK);
  const p = paramBreakdown(m);
  const weightParams = p.total - m.layers * p.expertPerLayer * (m.experts - expertsRead);
  const wBytes = weightParams * bytesPerElement[a.precision];
  const kv = kvCacheBytes(m, kvp, a.batch, a.context).value;
  const c = (2 * active * a.batch) / (peak * a.tp);
  const mem = (wBytes + kv) / (g.memoryBandwidth * a.tp);
  const t = Math.max(c, mem);
  return est(t, "s", "max(2 * active_params * batch / peak_flops, (weight_bytes + kv_bytes) / bandwidth), per TP group", `max(2 * ${trim(active)} * ${a.batch} / (${fmtFlops(peak)}/s * ${a.tp}), (${fmtBytes(wBytes)} + ${fmtBytes(kv)}) / (${fmtBytes(g.memoryBandwidth)}/s * ${a.tp}))`, { bound: c >= mem ? "compute" : "memory" });
}

const rooflineArgs = z.strictObject({ gpu: GpuIdSchema, model: ModelIdSchema, precision: PrecisionSchema.default("bf16"), kvPrecision: PrecisionSchema.optional(), batch: posInt.default(1), context: z.number().int().min(0).default(0), tp: posInt.default(1) });

export const scenarioQuantities = {
  totalParams: q({ description: "total parameters of a catalog model", unit: "count", args: z.strictObject({ model: ModelIdSchema }), compute: (a) => totalParams(getModel(a.model)) }),
  activeParams: q({ description: "parameters used per token (MoE: top-k experts)", unit: "count", args: z.strictObject({ model: ModelIdSchema }), compute: (a) => activeParams(getModel(a.model)) }),
  kvBytesPerToken: q({
    description: "KV cache bytes per token (all layers)",
    unit: "B",
    args: z.strictObject({ model: ModelIdSchema, kvPrecision: PrecisionSchema.optional(), precision: PrecisionSchema.optional() }),
    compute: (a) => kvBytesPerToken(getModel(a.model), a.kvPrecision ?? a.precision ?? "bf16"),
  }),
  kvCacheBytes: q({
    description: "KV cache bytes for batch x min(context, window)",
    unit: "B",
    args: z.strictObject({ model: ModelIdSchema, kvPrecision: PrecisionSchema.optional(), precision: PrecisionSchema.optional(), batch: posInt.default(1), context: posInt }),
    compute: (a) => kvCacheBytes(getModel(a.model), a.kvPrecision ?? a.precision ?? "bf16", a.batch, a.context),
  }),
  weightsBytes: q({ description: "bytes of all weights", unit: "B", args: z.strictObject({ model: ModelIdSchema, precision: PrecisionSchema.default("bf16") }), compute: (a) => weightsBytes(getModel(a.model), a.precision) }),
  memoryPerGpuBytes: q({
    description: "weights + KV + activations + runtime per GPU",
    unit: "B",
    args: z.strictObject({ ...deploymentArgs, batch: posInt.default(1), context: posInt }),
    compute: (a) => memoryPlan(resolveDeployment(a), a.batch, a.context).totalPerGpu,
  }),
  maxBatch: q({
    description: "largest batch whose KV cache fits at this context",
    unit: "count",
    args: z.strictObject({ ...deploymentArgs, context: posInt }),
    compute: (a) => {
      const plan = memoryPlan(resolveDeployment(a), 1, a.context);
      return est(plan.maxBatch, "count", "floor((capacity - weights - runtime - activations) / (min(context, window) * kv_per_token_per_gpu + logits))", `capacity ${fmtBytes(plan.capacityPerGpu)}, weights ${fmtBytes(plan.weightsPerGpu.value)}`);
    },
  }),
  maxContext: q({
    description: "largest context per sequence that fits at this batch",
    unit: "count",
    args: z.strictObject({ ...deploymentArgs, batch: posInt.default(1) }),
    compute: (a) => {
      const plan = memoryPlan(resolveDeployment(a), a.batch, 1);
      return est(plan.maxContext, "count", "floor((capacity - weights - runtime - activations) / (batch * kv_per_token_per_gpu)), capped at the model's context", `capacity ${fmtBytes(plan.capacityPerGpu)}, weights ${fmtBytes(plan.weightsPerGpu.value)}, batch ${a.batch}`);
    },
  }),
  moeExpertsRead: q({
    description: "experts whose weights a decode step reads: min(E, batch * k)",
    unit: "count",
    args: z.strictObject({ model: ModelIdSchema, batch: posInt }),
    compute: (a) => {
      const m = getModel(a.model);
      return est(Math.min(m.experts, a.batch * m.topK), "count", "min(E, batch * k)", `min(${m.experts}, ${a.batch} * ${m.topK})`);
    },
  }),
  prefillFlops: q({
    description: "FLOPs of a prefill: 2 * active * tokens + causal attention",
    unit: "FLOP",
    args: z.strictObject({ model: ModelIdSchema, batch: posInt.default(1), input: posInt }),
    compute: (a) => {
      const m = getModel(a.model);
      const active = paramBreakdown(m).active;
      const attn = (a.batch * 4 * m.layers * a.input * cachedTokens(m, a.input) * m.queryHeads * m.headDim) / 2;
      return est(2 * active * a.batch * a.input + attn, "FLOP", "2 * active_params * tokens + 4 * layers * tokens^2 * heads * head_dim / 2", `2 * ${trim(active)} * ${a.batch * a.input} + ${a.batch} * 4 * ${m.layers} * ${a.input}^2 * ${m.queryHeads} * ${m.headDim} / 2`);
    },
  }),
  peakFlops: q({
    description: "dense tensor peak of a GPU at the precision's math rate",
    unit: "FLOP/s",
    args: z.strictObject({ gpu: GpuIdSchema, precision: PrecisionSchema.default("bf16") }),
    compute: (a) => {
      const p = effectivePeak(getGpu(a.gpu), mathRateFor(a.precision));
      return est(p.flops, "FLOP/s", "datasheet dense peak", `${a.gpu} ${p.rate}${p.fellBack ? " (no native rate; fallback)" : ""}`);
    },
  }),
  rooflineDecodeStepMs: q({ description: "textbook decode step: max(compute, memory) at peak, no efficiencies", unit: "ms", args: rooflineArgs, compute: (a) => withMs(rooflineDecode(a)) }),
  rooflineDecodeTokensPerSecond: q({
    description: "batch / textbook decode step (peak numbers)",
    unit: "tokens/s",
    args: rooflineArgs,
    compute: (a) => {
      const s = rooflineDecode(a);
      return est(a.batch / s.value, "tokens/s", "batch / decode_step", `${a.batch} / ${trim(s.value)} s  [${s.substituted}]`, { bound: s.bound });
    },
  }),
  decodeTimePerTokenMs: q({
    description: "engine estimate of one decode step (with efficiency knobs)",
    unit: "ms",
    args: z.strictObject({ ...deploymentArgs, batch: posInt.default(1), context: z.number().int().min(0) }),
    compute: (a) => withMs(decodeStep(resolveDeployment(a), a.batch, a.context).explanation),
  }),
  decodeTokensPerSecond: q({
    description: "engine estimate of decode tokens/s (all sequences, all GPUs) at a context",
    unit: "tokens/s",
    args: z.strictObject({ ...deploymentArgs, batch: posInt.default(1), context: z.number().int().min(0) }),
    compute: (a) => {
      const p = decodeStep(resolveDeployment(a), a.batch, a.context);
      return est(a.batch / p.timeS, "tokens/s", "batch / decode_step_time", `${a.batch} / ${trim(p.timeS)} s\n${p.explanation.substituted}`, { bound: p.bound });
    },
  }),
  timeToFirstTokenMs: q({
    description: "engine estimate of prefill time (TTFT) for a batch",
    unit: "ms",
    args: z.strictObject({ ...deploymentArgs, batch: posInt.default(1), input: posInt }),
    compute: (a) => withMs(prefill(resolveDeployment(a), a.batch, a.input).explanation),
  }),
  outputTokensPerSecond: q({
    description: "whole-run output tokens/s (prefill + growing decode), all GPUs",
    unit: "tokens/s",
    args: z.strictObject({ ...deploymentArgs, batch: posInt, input: posInt, output: posInt }),
    compute: (a) => runInference(resolveDeployment(a), a).outputTokensPerSecond,
  }),
  costPerMillionTokens: q({
    description: "$ per 1M tokens; give tokensPerSecond, or a deployment to estimate it",
    unit: "USD",
    args: z
      .strictObject({
        dollarsPerGpuHour: pos,
        gpus: posInt.optional(),
        tokensPerSecond: pos.optional(),
        gpu: GpuIdSchema.optional(),
        model: ModelIdSchema.optional(),
        precision: PrecisionSchema.default("bf16"),
        kvPrecision: PrecisionSchema.optional(),
        tp: posInt.default(1),
        pp: posInt.default(1),
        batch: posInt.optional(),
        input: posInt.optional(),
        output: posInt.optional(),
      })
      .refine((a) => a.tokensPerSecond != null || (a.gpu && a.model && a.batch && a.input && a.output), { message: "give args.tokensPerSecond (and gpus), or gpu, model, batch, input and output to estimate it" }),
    compute: (a) => {
      if (a.tokensPerSecond != null) return costPerMillionTokens(a.tokensPerSecond, a.gpus ?? 1, a.dollarsPerGpuHour);
      const d = resolveDeployment({ gpu: a.gpu!, model: a.model!, precision: a.precision, kvPrecision: a.kvPrecision, tp: a.tp, pp: a.pp });
      const r = runInference(d, { batch: a.batch!, input: a.input!, output: a.output! });
      return costPerMillionTokens(r.outputTokensPerSecond.value, a.tp * a.pp, a.dollarsPerGpuHour);
    },
  }),
  energyPerTokenJ: q({
    description: "J per token = GPUs * TDP * power fraction / tokens/s",
    unit: "J",
    args: z.strictObject({ tokensPerSecond: pos, gpus: posInt.default(1), gpu: GpuIdSchema.optional(), tdpWatts: pos.optional(), powerFraction: z.number().gt(0).max(1.2).default(1) }).refine((a) => a.gpu || a.tdpWatts, { message: "give args.gpu (a catalog id) or args.tdpWatts" }),
    compute: (a) => energyPerToken(a.tokensPerSecond, a.gpus, a.tdpWatts ?? getGpu(a.gpu!).tdpWatts, a.powerFraction),
  }),
  allReduceBytesPerGpu: q({
    description: "bytes each GPU sends in a ring all-reduce: 2 (N-1)/N * size",
    unit: "B",
    args: z.strictObject({ bytes: pos, gpus: posInt }),
    compute: (a) => est((2 * (a.gpus - 1) * a.bytes) / a.gpus, "B", "2 * (N - 1) / N * bytes", `2 * (${a.gpus} - 1) / ${a.gpus} * ${a.bytes}`),
  }),
  tpAllReduceBytesPerLayer: q({
    description: "TP payload per layer: 2 all-reduces of batch * tokens * hidden * bytes",
    unit: "B",
    args: z.strictObject({ model: ModelIdSchema, batch: posInt.default(1), tokens: posInt, bytesPerElement: pos.default(2) }),
    compute: (a) => {
      const h = getModel(a.model).hidden;
      return est(2 * a.batch * a.tokens * h * a.bytesPerElement, "B", "2 * batch * tokens * hidden * bytes", `2 * ${a.batch} * ${a.tokens} * ${h} * ${a.bytesPerElement}`);
    },
  }),
  trainingFlops: q({
    description: "6 * params * tokens (8x with full recompute)",
    unit: "FLOP",
    args: z.strictObject({ ...paramsArgs, tokens: pos, fullRecompute: z.boolean().default(false) }).refine(needParams, paramsMsg),
    compute: (a) => training.trainingFlops(paramsOf(a).n, a.tokens, a.fullRecompute),
  }),
  trainingTimeS: q({
    description: "6ND / (GPUs * peak * MFU), in seconds",
    unit: "s",
    args: z.strictObject({ ...paramsArgs, tokens: pos, gpus: posInt, gpu: GpuIdSchema, precision: PrecisionSchema.default("bf16"), mfu: frac.default(0.4), fullRecompute: z.boolean().default(false) }).refine(needParams, paramsMsg),
    compute: (a) => {
      const f = training.trainingFlops(paramsOf(a).n, a.tokens, a.fullRecompute).value;
      return training.trainingTime(f, a.gpus, effectivePeak(getGpu(a.gpu), mathRateFor(a.precision)).flops, a.mfu);
    },
  }),
  trainingDays: q({
    description: "same as trainingTimeS (answered in seconds; the loop accepts days)",
    unit: "s",
    args: z.strictObject({ ...paramsArgs, tokens: pos, gpus: posInt, gpu: GpuIdSchema, precision: PrecisionSchema.default("bf16"), mfu: frac.default(0.4), fullRecompute: z.boolean().default(false) }).refine(needParams, paramsMsg),
    compute: (a) => {
      const f = training.trainingFlops(paramsOf(a).n, a.tokens, a.fullRecompute).value;
      const t = training.trainingTime(f, a.gpus, effectivePeak(getGpu(a.gpu), mathRateFor(a.precision)).flops, a.mfu);
      return { ...t, notes: [`= ${trim(t.value / 86400)} days`] };
    },
  }),
  mfu: q({
    description: "model FLOPs utilization: 6 * params * tokens/s / (GPUs * peak)",
    unit: "fraction",
    args: z.strictObject({ ...paramsArgs, tokensPerSecond: pos, gpus: posInt, gpu: GpuIdSchema, precision: PrecisionSchema.default("bf16") }).refine(needParams, paramsMsg),
    compute: (a) => training.mfu(paramsOf(a).n, a.tokensPerSecond, a.gpus, effectivePeak(getGpu(a.gpu), mathRateFor(a.precision)).flops),
  }),
  pipelineBubbleFraction: q({ description: "(p - 1) / (m + p - 1)", unit: "fraction", args: z.strictObject({ stages: posInt, microBatches: posInt }), compute: (a) => training.pipelineBubbleFraction(a.stages, a.microBatches) }),
  gradientAccumulationSteps: q({
    description: "global batch / (micro-batch * DP)",
    unit: "count",
    args: z.strictObject({ globalBatch: posInt, microBatch: posInt, dataParallel: posInt }),
    compute: (a) => training.gradientAccumulationSteps(a.globalBatch, a.microBatch, a.dataParallel),
  }),
  youngCheckpointIntervalS: q({
    description: "sqrt(2 * save_time * MTBF); give mtbfS, or gpuMtbfHours and gpus",
    unit: "s",
    args: z.strictObject({ saveTimeS: pos, mtbfS: pos.optional(), gpuMtbfHours: pos.optional(), gpus: posInt.optional() }).refine((a) => a.mtbfS != null || (a.gpuMtbfHours != null && a.gpus != null), { message: "give args.mtbfS (job MTBF in seconds), or args.gpuMtbfHours and args.gpus" }),
    compute: (a) => {
      const mtbf = a.mtbfS ?? training.jobMtbf(a.gpuMtbfHours! * 3600, a.gpus!).value;
      return training.youngCheckpointInterval(a.saveTimeS, mtbf);
    },
  }),
  checkpointOverheadFraction: q({
    description: "save / interval + interval / (2 MTBF); interval defaults to Young's",
    unit: "fraction",
    args: z.strictObject({ saveTimeS: pos, mtbfS: pos, intervalS: pos.optional() }),
    compute: (a) => training.checkpointOverheadFraction(a.saveTimeS, a.intervalS ?? training.youngCheckpointInterval(a.saveTimeS, a.mtbfS).value, a.mtbfS),
  }),
  jobMtbfS: q({ description: "per-GPU MTBF / N", unit: "s", args: z.strictObject({ gpuMtbfHours: pos, gpus: posInt }), compute: (a) => training.jobMtbf(a.gpuMtbfHours * 3600, a.gpus) }),
  jobFailureProbability: q({
    description: "1 - exp(-N * T / MTBF_gpu)",
    unit: "fraction",
    args: z.strictObject({ gpus: posInt, durationHours: pos, gpuMtbfHours: pos }),
    compute: (a) => training.failureProbability(a.gpus, a.durationHours * 3600, a.gpuMtbfHours * 3600),
  }),
  matmulFlopsPerToken: q({
    description: "2 * matmul params (forward, no attention)",
    unit: "FLOP",
    args: z.strictObject({ model: ModelIdSchema }),
    compute: (a) => {
      const n = matmulParamsPerToken(getModel(a.model));
      return est(2 * n, "FLOP", "2 * (active params - input embedding)", `2 * ${n}`);
    },
  }),
} as const;

export type ScenarioQuantityName = keyof typeof scenarioQuantities;
export const scenarioQuantityNames = Object.keys(scenarioQuantities) as ScenarioQuantityName[];

function describeIssues(fn: string, err: z.ZodError): string {
  return err.issues
    .map((i) => {
      const path = i.path.length ? `args.${i.path.join(".")}` : "args";
      if (i.code === "unrecognized_keys") return `${path}: unknown key(s) ${i.keys.map((k) => `"${k}"`).join(", ")}; remove them (${fn} accepts: ${Object.keys(argShape(fn)).join(", ")})`;
      return `${path}: ${i.message}`;
    })
    .join("; ");
}

function argShape(fn: string): Record<string, unknown> {
  let s: z.ZodType = scenarioQuantities[fn as ScenarioQuantityName].args;
  // Refined objects keep their shape on the inner schema.
  const anyS = s as unknown as { shape?: Record<string, unknown>; def?: { in?: z.ZodType; schema?: z.ZodType } };
  if (anyS.shape) return anyS.shape;
  s = (anyS.def?.in ?? anyS.def?.schema ?? s) as z.ZodType;
  return ((s as unknown as { shape?: Record<string, unknown> }).shape ?? {}) as Record<string, unknown>;
}

/**
 * Entry point for the scenario loader: computes a named quantity, in its base unit, with a
 * derivation a reviewer can read. Throws an Error naming the bad fn or arg and the fix.
 */
export function computeScenarioQuantity(fn: string, args: Record<string, unknown>): { value: number; unit: string; explanation: string } {
  if (!Object.hasOwn(scenarioQuantities, fn)) {
    throw new Error(`unknown quantity "${fn}": use one of ${scenarioQuantityNames.join(", ")}`);
  }
  const qd = scenarioQuantities[fn as ScenarioQuantityName] as Quantity<z.ZodType>;
  const parsed = qd.args.safeParse(args ?? {});
  if (!parsed.success) throw new Error(`quantity "${fn}": ${describeIssues(fn, parsed.error)}`);
  let e: Estimate;
  try {
    e = qd.compute(parsed.data);
  } catch (err) {
    throw new Error(`quantity "${fn}": ${(err as Error).message}`);
  }
  if (!Number.isFinite(e.value)) throw new Error(`quantity "${fn}": the result is not a finite number (${e.value}); check the args`);
  const explanation = [`${e.formula}`, e.substituted, e.bound ? `bound: ${e.bound}` : "", ...(e.notes ?? [])].filter(Boolean).join("\n");
  return { value: e.value, unit: qd.unit, explanation };
}
