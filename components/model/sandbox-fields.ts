/**
 * What the sandbox's client components need to draw the form, with no engine code: labels, the option
 * lists the server fills in (FormOptions), and how a field's raw URL value is read. Importing the engine
 * (lib/model, with its zod schemas) from here would put it back into the page's JavaScript.
 */
export const CUSTOM = "custom";

export const LABELS: Record<string, string> = {
  preset: "Engine preset", gpu: "GPU", model: "Model", precision: "Weight precision", kv: "KV cache precision", tp: "Tensor parallel",
  pp: "Pipeline stages", ep: "Expert parallel", mode: "Batching", batch: "Batch (concurrent sequences)", input: "Input tokens", output: "Output tokens",
  price: "$ per GPU-hour", cfg: "config.json", "g.name": "GPU name", "g.bf16": "BF16 dense TFLOP/s", "g.fp8": "FP8 dense TFLOP/s", "g.mem": "Memory (GB)",
  "g.bw": "Memory bandwidth (GB/s)", "g.link": "Scale-up link, one direction (GB/s)",
};

export interface FieldError {
  field: string;
  message: string;
}

export type KnobRange = { min: number; max: number; step: number; unit: string };

/** The catalogs and defaults the form shows, built on the server (form-options.ts). */
export interface FormOptions {
  defaults: Record<string, string>;
  presets: { id: string; name: string; description: string; status: string }[];
  gpus: { id: string; name: string; unverified: boolean }[];
  models: { id: string; name: string }[];
  precisions: string[];
  knobRanges: Record<string, KnobRange>;
  knobDescriptions: Record<string, string>;
  /** Every preset's knob values, by preset id. */
  presetKnobs: Record<string, Record<string, number>>;
  /** Default $ per GPU-hour, by GPU id. */
  prices: Record<string, number>;
}

/** The raw string the form shows for a field: the URL's value, or the default when the URL has none. */
export function rawField(q: URLSearchParams, key: string, defaults: Record<string, string>): string {
  return q.get(key) ?? defaults[key] ?? "";
}

/** The knobs by what they model, so a long list reads as a few short ones. */
export const KNOB_GROUPS: [string, string[]][] = [
  ["Efficiency", ["bandwidthEfficiency", "computeEfficiency", "computeEfficiency8bit", "overlapExponent"]],
  ["Fixed overheads", ["layerOverheadS", "stepOverheadS"]],
  ["Communication", ["commEfficiency", "pcieCommEfficiency", "collectiveLatencyS", "interNodeBandwidth", "interNodeLatencyS", "gpusPerNode", "expertImbalance"]],
  ["Attention", ["gqaKvSharing", "gqaKvSharingWindowed"]],
  ["Scheduler and memory", ["prefillChunkTokens", "maxBatchSize", "kvCacheMemoryFraction", "kvReserveOutputFraction", "activationMemoryFactor", "runtimeOverheadBytes", "int4GroupSize"]],
  ["Energy", ["powerFractionOfTdp"]],
];
