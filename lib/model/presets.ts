import { z } from "zod";
import { baseKnobs, KnobsSchema, type Knobs, type KnobsOverride } from "./knobs";
import type { EnginePresetId } from "./measurements";

/**
 * Serving-engine presets: each is a small set of physically meaningful knobs. Values marked "fitted"
 * were chosen by `npm run bench:model -- --fit` (coordinate descent on mean |log error| over the
 * preset's `fit` measurements in measurements.ts); every other value comes from the engine's defaults
 * or documentation, cited beside it. docs/modeling.md lists each value with its source.
 */
export interface EnginePreset {
  id: EnginePresetId;
  name: string;
  description: string;
  /** Knobs this preset sets (the rest are baseKnobs). */
  knobs: KnobsOverride;
  /** Which of `knobs` were fitted to measurements (the others are engine defaults). */
  fitted: (keyof Knobs)[];
  /** Why each value is what it is. */
  notes: Partial<Record<keyof Knobs, string>>;
  /**
   * How far published measurements back this preset, in words the UI shows beside it: "validated"
   * (fitted and checked on a held-out part; the note says how well), "partly validated" (few points,
   * or knobs learned from one table), "not validated" (engine defaults only, no measurement).
   */
  validation: { status: "validated" | "partly validated" | "not validated"; note: string };
}

export const presets: EnginePreset[] = [
  {
    id: "trtllm",
    name: "TensorRT-LLM 0.9+",
    description: "TensorRT-LLM from v0.9 on: XQA grouped-query decode kernel on by default, in-flight batching, CUDA graphs, custom all-reduce.",
    knobs: {
      bandwidthEfficiency: 0.75,
      computeEfficiency: 0.65,
      computeEfficiency8bit: 0.6,
      overlapExponent: 1.25,
      layerOverheadS: 40e-6,
      stepOverheadS: 0.5e-3,
      commEfficiency: 0.5,
      pcieCommEfficiency: 0.4,
      collectiveLatencyS: 50e-6,
      gqaKvSharing: 1,
      gqaKvSharingWindowed: 0.75,
      prefillChunkTokens: 8192,
      maxBatchSize: 1024,
      kvCacheMemoryFraction: 0.9,
      kvReserveOutputFraction: 1,
      activationMemoryFactor: 4,
      runtimeOverheadBytes: 1 * 1024 ** 3,
    },
    fitted: ["bandwidthEfficiency", "computeEfficiency", "computeEfficiency8bit", "overlapExponent", "layerOverheadS", "stepOverheadS", "commEfficiency", "pcieCommEfficiency", "collectiveLatencyS", "maxBatchSize", "activationMemoryFactor", "runtimeOverheadBytes", "gqaKvSharingWindowed", "kvCacheMemoryFraction"],
    notes: {
      gqaKvSharing: "1: the XQA kernel reads each KV head once per query group (default since v0.8)",
      prefillChunkTokens: "8192: trtllm-bench's max_num_tokens default",
      kvCacheMemoryFraction: "0.9: kv_cache_free_gpu_mem_fraction default",
      kvReserveOutputFraction: "1: the GUARANTEED_NO_EVICT capacity scheduler (default) reserves a request's whole output",
      commEfficiency: "0.8: NCCL bus bandwidth on NVLink is 70-85% of the link",
    },
    validation: { status: "validated", note: "509 points from TensorRT-LLM 0.9, 0.14 and 1.0 (H100, H200, A100, L40S); held-out H200 and L40S: median within 10%, largest misses above 25% (docs/modeling.md)" },
  },
  {
    id: "trtllm-0.6",
    name: "TensorRT-LLM 0.5–0.6",
    description: "TensorRT-LLM of late 2023: static batching benchmarks, masked-MHA decode that re-reads a KV head for each query head of its group (XQA experimental, off by default).",
    knobs: {
      bandwidthEfficiency: 0.95,
      computeEfficiency: 0.75,
      computeEfficiency8bit: 0.55,
      overlapExponent: 1.25,
      layerOverheadS: 80e-6,
      stepOverheadS: 1e-3,
      commEfficiency: 0.8,
      collectiveLatencyS: 30e-6,
      gqaKvSharing: 0.5,
      gqaKvSharingWindowed: 0.5,
      prefillChunkTokens: 8192,
      kvReserveOutputFraction: 1,
      runtimeOverheadBytes: 2 * 1024 ** 3,
    },
    fitted: ["bandwidthEfficiency", "computeEfficiency", "overlapExponent", "layerOverheadS", "stepOverheadS", "collectiveLatencyS", "gqaKvSharing"],
    notes: {
      gqaKvSharing: "fitted: half of a group's re-reads hit L2, the rest HBM (no XQA by default)",
      computeEfficiency8bit: "0.55: not fitted (no FP8 point in the fit part; H100 FP8 rows are held out)",
      commEfficiency: "0.8: NCCL bus bandwidth on NVLink is 70-85% of the link",
    },
    validation: { status: "validated", note: "29 points from TensorRT-LLM 0.5 and 0.6.1; held-out H100 FP8 and L40S: median 7%, max 17%" },
  },
  {
    id: "vllm",
    name: "vLLM (early 2024)",
    description: "vLLM of December 2023 to April 2024: CUDA graphs, its one-shot custom all-reduce (PR 2192), the first fused-MoE Triton kernel, paged KV allocated as tokens arrive.",
    knobs: {
      bandwidthEfficiency: 0.8,
      computeEfficiency: 0.25,
      computeEfficiency8bit: 0.45,
      overlapExponent: 2,
      layerOverheadS: 10e-6,
      stepOverheadS: 8e-3,
      commEfficiency: 0.8,
      pcieCommEfficiency: 0.3,
      collectiveLatencyS: 9e-6,
      gqaKvSharing: 1,
      prefillChunkTokens: 8192,
      maxBatchSize: 256,
      kvCacheMemoryFraction: 0.9,
      kvReserveOutputFraction: 0.5,
      runtimeOverheadBytes: 3 * 1024 ** 3,
    },
    fitted: ["stepOverheadS", "computeEfficiency"],
    notes: {
      stepOverheadS: "fitted (PRs 2192 and 2542): 8 ms of host work per step, vLLM of late 2023 / early 2024; later versions cut it (v0.6.0's async output processing)",
      computeEfficiency: "fitted to 0.25 (the grid's floor), driven by PR 2542's Mixtral prefills: vLLM's first fused-MoE Triton kernel of January 2024; leaving that table out of the fit misses it by ~50%, so it is one table's value",
      bandwidthEfficiency: "0.8 and computeEfficiency8bit 0.45: assumed, TensorRT-LLM's order of magnitude; no vLLM FP8 or in-flight-batching table with fixed lengths was found to fit them",
      collectiveLatencyS: "9 us: vLLM's custom all-reduce on H100, 512 B to 32 KiB, TP 2-8 (sglang PR 2904 microbenchmark table)",
      maxBatchSize: "256: max_num_seqs default",
      kvCacheMemoryFraction: "0.9: gpu_memory_utilization default",
      kvReserveOutputFraction: "0.5: PagedAttention allocates blocks as tokens are generated (preempting on shortage)",
      gqaKvSharing: "1: FlashAttention / FlashInfer decode read each KV head once per group",
      prefillChunkTokens: "8192: max_num_batched_tokens with chunked prefill on H100-class GPUs",
    },
    validation: { status: "partly validated", note: "14 batch-latency points from three vLLM pull requests (Llama 2 70B, Mixtral 8x7B, Mixtral 8x22B on A100 and H100), 2023-12 to 2024-04; its compute efficiency is learned from one table; no in-flight-batching throughput measured" },
  },
  {
    id: "sglang",
    name: "SGLang",
    description: "SGLang runtime: FlashInfer attention, CUDA graphs, its own custom all-reduce, paged (radix) KV cache.",
    knobs: {
      bandwidthEfficiency: 0.8,
      computeEfficiency: 0.6,
      computeEfficiency8bit: 0.45,
      overlapExponent: 2,
      layerOverheadS: 10e-6,
      stepOverheadS: 1.5e-3,
      commEfficiency: 0.8,
      pcieCommEfficiency: 0.3,
      collectiveLatencyS: 5e-6,
      gqaKvSharing: 1,
      prefillChunkTokens: 8192,
      maxBatchSize: 1024,
      kvCacheMemoryFraction: 0.88,
      kvReserveOutputFraction: 0.5,
      runtimeOverheadBytes: 3 * 1024 ** 3,
    },
    fitted: [],
    notes: {
      collectiveLatencyS: "5 us: SGLang's custom all-reduce on H100, 512 B to 32 KiB, TP 2-8 (sglang PR 2904 microbenchmark table)",
      kvCacheMemoryFraction: "0.88: mem_fraction_static default on 80 GB GPUs",
      prefillChunkTokens: "8192: chunked_prefill_size default on H100-class GPUs",
      gqaKvSharing: "1: FlashInfer decode reads each KV head once per group",
      kvReserveOutputFraction: "0.5: KV pages allocated as tokens are generated (retracting on shortage)",
    },
    validation: { status: "not validated", note: "no published fixed-length SGLang measurement with a stated GPU was found; the values are engine defaults and one all-reduce microbenchmark" },
  },
];

export const presetIds = presets.map((p) => p.id) as [EnginePresetId, ...EnginePresetId[]];
export const PresetIdSchema = z.enum(presetIds, { error: (iss) => `unknown engine preset "${String(iss.input)}"; valid presets: ${presetIds.join(", ")}` });
export const defaultPresetId: EnginePresetId = "trtllm";

export function getPreset(id: string): EnginePreset {
  const p = presets.find((x) => x.id === id);
  if (!p) throw new Error(`unknown engine preset "${id}"; valid presets: ${presetIds.join(", ")}`);
  return p;
}

/** A preset's full knob set: baseKnobs, then the preset's values. */
export function presetKnobs(id: string): Knobs {
  return KnobsSchema.parse({ ...baseKnobs, ...getPreset(id).knobs });
}

/** Knobs a caller gets with no preset named: the default preset's. */
export const defaultKnobs: Knobs = presetKnobs(defaultPresetId);
