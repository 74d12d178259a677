import { z } from "zod";
import { GpuIdSchema, GpuSchema, getGpu, type Gpu } from "./gpus";
import { ModelIdSchema, ModelSchema, getModel, type Model } from "./models";
import { PrecisionSchema, type Precision } from "./precision";
import { KnobsOverrideSchema, resolveKnobs, type Knobs } from "./knobs";
import { PresetIdSchema, defaultPresetId, presetKnobs } from "./presets";

/** Where and how a model runs: the input every inference estimate starts from. */
export const DeploymentInputSchema = z.object({
  /** A catalog id, or a custom GPU given as data. */
  gpu: z.union([GpuIdSchema, GpuSchema]),
  /** A catalog id, or a custom model (for example parsed from a Hugging Face config.json). */
  model: z.union([ModelIdSchema, ModelSchema]),
  precision: PrecisionSchema.default("bf16"),
  /** KV cache precision; defaults to the weight precision (int4 weights keep a 16-bit cache). */
  kvPrecision: PrecisionSchema.optional(),
  tp: z.number().int().min(1).max(1024).default(1),
  pp: z.number().int().min(1).max(1024).default(1),
  /** Expert parallelism for MoE layers, inside the TP group: experts split over `ep` ranks, tokens moved by all-to-all. */
  ep: z.number().int().min(1).max(1024).default(1),
  /** Allow TP above the KV-head count by replicating KV heads (each rank then holds whole heads). */
  replicateKvHeads: z.boolean().default(false),
  /** Serving engine whose fitted knobs to start from. */
  preset: PresetIdSchema.default(defaultPresetId),
  knobs: KnobsOverrideSchema.optional(),
});
export type DeploymentInput = z.input<typeof DeploymentInputSchema>;

export interface Deployment {
  gpu: Gpu;
  model: Model;
  weights: Precision;
  kv: Precision;
  tp: number;
  pp: number;
  ep: number;
  preset: string;
  knobs: Knobs;
}

/** A configuration no engine could run, with the field to change. */
export class DeploymentError extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The structural checks a real engine makes before it loads a model. */
export function checkParallelism(model: Model, tp: number, pp: number, ep: number, replicateKvHeads: boolean): void {
  if (model.queryHeads % tp !== 0) {
    const ok = divisors(model.queryHeads).filter((x) => x <= 64);
    throw new DeploymentError("tp", `tp=${tp} does not divide ${model.name}'s ${model.queryHeads} attention heads; use one of ${ok.join(", ")}`);
  }
  if (model.kvHeads % tp !== 0) {
    if (tp % model.kvHeads !== 0) throw new DeploymentError("tp", `tp=${tp} neither divides nor is a multiple of ${model.name}'s ${model.kvHeads} KV heads; use a divisor of ${model.kvHeads} or a multiple of it`);
    if (!replicateKvHeads) throw new DeploymentError("tp", `tp=${tp} is more than ${model.name}'s ${model.kvHeads} KV heads: each rank must hold a replica of a KV head. Turn on "replicate KV heads" to accept that, or use tp <= ${model.kvHeads}`);
  }
  if (pp > model.layers) throw new DeploymentError("pp", `pp=${pp} exceeds the model's ${model.layers} layers; use pp <= ${model.layers}`);
  if (ep > 1) {
    if (model.experts <= 1) throw new DeploymentError("ep", `ep=${ep} needs a mixture-of-experts model; ${model.name} is dense (use ep = 1)`);
    if (tp % ep !== 0) throw new DeploymentError("ep", `ep=${ep} must divide tp=${tp} (experts are spread over ranks of the tensor-parallel group)`);
    if (model.experts % ep !== 0) throw new DeploymentError("ep", `ep=${ep} must divide the ${model.experts} experts; use one of ${divisors(model.experts).join(", ")}`);
  }
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= n; i++) if (n % i === 0) out.push(i);
  return out;
}

export function resolveDeployment(input: DeploymentInput): Deployment {
  const d = DeploymentInputSchema.parse(input);
  const model = getModel(d.model as string | Model);
  checkParallelism(model, d.tp, d.pp, d.ep, d.replicateKvHeads);
  const kv = d.kvPrecision ?? (d.precision === "int4" ? "fp16" : d.precision);
  return { gpu: getGpu(d.gpu as string | Gpu), model, weights: d.precision, kv, tp: d.tp, pp: d.pp, ep: d.ep, preset: d.preset, knobs: resolveKnobs(d.knobs, presetKnobs(d.preset)) };
}

export function gpuCount(d: Deployment): number {
  return d.tp * d.pp;
}
