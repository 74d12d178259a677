import {
  gpuIds, modelIds, precisions, presetIds, defaultPresetId, knobRanges, presetKnobs, getModel, getGpu, modelFromHfConfig, HfConfigError, checkParallelism, DeploymentError,
  type Gpu, type Knobs, type Model, type Precision, type EnginePresetId,
} from "@/lib/model";
import { CUSTOM, LABELS, rawField, type FieldError } from "./sandbox-fields";

export { CUSTOM, LABELS, type FieldError };

/**
 * The sandbox's state lives in the URL query. Every field is read from it as typed, checked once, and
 * reported with its label and allowed range when wrong: nothing is silently replaced by a default, so
 * the form (which shows the raw URL value) and the URL always agree.
 */
export interface SandboxConfig {
  tab: "inference" | "simulator" | "training";
  preset: EnginePresetId;
  gpu: Gpu;
  gpuId: string;
  model: Model;
  modelId: string;
  precision: Precision;
  kv: Precision | undefined;
  tp: number;
  pp: number;
  ep: number;
  replicateKv: boolean;
  mode: "static" | "max-throughput";
  batch: number;
  input: number;
  output: number;
  price: number | undefined;
  knobs: Partial<Knobs>;
}

export const DEFAULTS: Record<string, string> = {
  tab: "inference", preset: defaultPresetId, gpu: "h100-sxm", model: "llama-3.1-8b", precision: "bf16", tp: "1", pp: "1", ep: "1",
  mode: "static", batch: "16", input: "1024", output: "256",
};


/** The raw string the form shows for a field: the URL's value, or the default when the URL has none. */
export function raw(q: URLSearchParams, key: string): string {
  return rawField(q, key, DEFAULTS);
}

function intField(q: URLSearchParams, key: string, min: number, max: number, errors: FieldError[]): number {
  const s = raw(q, key);
  const v = Number(s);
  if (s.trim() === "" || !Number.isInteger(v) || v < min || v > max) {
    errors.push({ field: key, message: `${LABELS[key]}: must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")} (got "${s}")` });
    return NaN;
  }
  return v;
}

function numField(q: URLSearchParams, key: string, min: number, max: number, errors: FieldError[], label = LABELS[key]): number {
  const s = raw(q, key);
  const v = Number(s);
  if (s.trim() === "" || !Number.isFinite(v) || v < min || v > max) {
    errors.push({ field: key, message: `${label}: must be a number from ${min} to ${max} (got "${s}")` });
    return NaN;
  }
  return v;
}

function oneOf<T extends string>(q: URLSearchParams, key: string, values: readonly T[], errors: FieldError[]): T {
  const s = raw(q, key);
  if (!(values as readonly string[]).includes(s)) {
    errors.push({ field: key, message: `${LABELS[key] ?? key}: "${s}" is not one of ${values.join(", ")}` });
    return values[0];
  }
  return s as T;
}

export function parseSandbox(q: URLSearchParams): { cfg: SandboxConfig; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const tab = oneOf(q, "tab", ["inference", "simulator", "training"] as const, errors);
  const preset = oneOf(q, "preset", presetIds, errors);
  const precision = oneOf(q, "precision", precisions, errors);
  const kvRaw = q.get("kv");
  const kv = kvRaw == null || kvRaw === "" ? undefined : oneOf(q, "kv", precisions, errors);
  const mode = oneOf(q, "mode", ["static", "max-throughput"] as const, errors);

  const gpuId = oneOf(q, "gpu", [...gpuIds, CUSTOM], errors);
  let gpu: Gpu = getGpu("h100-sxm");
  if (gpuId === CUSTOM) {
    const tf = numField(q, "g.bf16", 1, 100_000, errors);
    const f8s = q.get("g.fp8");
    const f8 = f8s == null || f8s === "" ? null : numField(q, "g.fp8", 1, 200_000, errors);
    const mem = numField(q, "g.mem", 1, 10_000, errors);
    const bw = numField(q, "g.bw", 1, 100_000, errors);
    const link = numField(q, "g.link", 1, 100_000, errors);
    const name = (q.get("g.name") ?? "").trim() || "Custom GPU";
    gpu = {
      id: CUSTOM, name: name.slice(0, 60),
      peak: { fp32: null, tf32: null, bf16: tf * 1e12, fp8: f8 == null ? null : f8 * 1e12, int8: f8 == null ? null : f8 * 1e12 },
      memoryBytes: mem * 1024 ** 3, usableMemoryBytes: mem * 1024 ** 3, memoryKind: "custom", memoryBandwidth: bw * 1e9,
      interconnect: "custom link", interconnectBandwidthPerDirection: link * 1e9, tdpWatts: 700, unverified: ["all figures entered by hand"],
    };
  } else if (!errors.some((e) => e.field === "gpu")) gpu = getGpu(gpuId);

  const modelId = oneOf(q, "model", [...modelIds, CUSTOM], errors);
  let model: Model = getModel("llama-3.1-8b");
  if (modelId === CUSTOM) {
    const text = q.get("cfg") ?? "";
    if (!text.trim()) errors.push({ field: "cfg", message: "config.json: paste the model's Hugging Face config.json" });
    else {
      try {
        model = modelFromHfConfig(text, "Custom model");
      } catch (e) {
        errors.push({ field: "cfg", message: e instanceof HfConfigError ? e.message : String(e) });
      }
    }
  } else if (!errors.some((e) => e.field === "model")) model = getModel(modelId);

  const tp = intField(q, "tp", 1, 64, errors);
  const pp = intField(q, "pp", 1, 64, errors);
  const ep = intField(q, "ep", 1, 64, errors);
  const replicateKv = q.get("rkv") === "1";
  const batch = intField(q, "batch", 1, 4096, errors);
  const input = intField(q, "input", 1, 1_000_000, errors);
  const output = intField(q, "output", 1, 1_000_000, errors);
  const priceRaw = q.get("price");
  const price = priceRaw == null || priceRaw === "" ? undefined : numField(q, "price", 0.01, 1000, errors);

  if (Number.isInteger(tp) && Number.isInteger(pp) && Number.isInteger(ep) && !errors.some((e) => e.field === "model" || e.field === "cfg")) {
    try {
      checkParallelism(model, tp, pp, ep, replicateKv);
    } catch (e) {
      if (e instanceof DeploymentError) errors.push({ field: e.field, message: `${LABELS[e.field]}: ${e.message}` });
    }
  }
  if (Number.isInteger(input) && Number.isInteger(output) && input + output > model.maxContext) {
    errors.push({ field: "input", message: `Input + output tokens: ${(input + output).toLocaleString("en-US")} exceeds ${model.name}'s context limit of ${model.maxContext.toLocaleString("en-US")}; shorten the prompt or the output` });
  }

  // Knob overrides: k.<name>=value, each within its range.
  const base = presetKnobs(preset);
  const knobs: Partial<Knobs> = {};
  for (const name of Object.keys(knobRanges) as (keyof Knobs)[]) {
    const s = q.get(`k.${name}`);
    if (s == null || s === "") continue;
    const r = knobRanges[name];
    const v = Number(s);
    const integer = name === "prefillChunkTokens" || name === "maxBatchSize" || name === "gpusPerNode" || name === "int4GroupSize";
    if (!Number.isFinite(v) || v < r.min || v > r.max || (integer && !Number.isInteger(v)) || (v === 0 && r.min === 0.01)) {
      errors.push({ field: `k.${name}`, message: `Knob ${name}: must be ${integer ? "a whole number" : "a number"} from ${r.min} to ${r.max} (got "${s}")` });
    } else if (v !== base[name]) knobs[name] = v;
  }

  return { cfg: { tab, preset, gpu, gpuId, model, modelId, precision, kv, tp, pp, ep, replicateKv, mode, batch, input, output, price, knobs }, errors };
}
