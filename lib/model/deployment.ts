import { z } from "zod";
import { GpuIdSchema, getGpu, type Gpu } from "./gpus";
import { ModelIdSchema, getModel, type Model } from "./models";
import { PrecisionSchema, type Precision } from "./precision";
import { KnobsOverrideSchema, resolveKnobs, type Knobs } from "./knobs";

/** Where and how a model runs: the input every inference estimate starts from. */
export const DeploymentInputSchema = z.object({
  gpu: GpuIdSchema,
  model: ModelIdSchema,
  precision: PrecisionSchema.default("bf16"),
  /** KV cache precision; defaults to the weight precision (int4 weights keep a 16-bit cache). */
  kvPrecision: PrecisionSchema.optional(),
  tp: z.number().int().min(1).max(64).default(1),
  pp: z.number().int().min(1).max(64).default(1),
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
  knobs: Knobs;
}

export function resolveDeployment(input: DeploymentInput): Deployment {
  const d = DeploymentInputSchema.parse(input);
  const model = getModel(d.model);
  if (d.pp > model.layers) throw new Error(`pp=${d.pp} exceeds the model's ${model.layers} layers; use pp <= ${model.layers}`);
  const kv = d.kvPrecision ?? (d.precision === "int4" ? "fp16" : d.precision);
  return { gpu: getGpu(d.gpu), model, weights: d.precision, kv, tp: d.tp, pp: d.pp, knobs: resolveKnobs(d.knobs) };
}

export function gpuCount(d: Deployment): number {
  return d.tp * d.pp;
}
