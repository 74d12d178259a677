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
}

export const presets: EnginePreset[] = [
  {
    id: "trtllm",
    name: "TensorRT-LLM (0.9+, grouped-query decode kernel)",
    description: "TensorRT-LLM from v0.9 on: XQA grouped-query decode kernel on by default, in-flight batching, CUDA graphs, custom all-reduce.",
    knobs: {
      bandwidthEfficiency: 0.75,
      computeEfficiency: 0.6,
      computeEfficiency8bit: 0.55,
      overlapExponent: 1.25,
      layerOverheadS: 40e-6,
      stepOverheadS: 0,
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
  },
  {
    id: "trtllm-0.6",
    name: "TensorRT-LLM 0.5-0.6 (before the GQA kernel)",
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
  },
  {
    id: "vllm",
    name: "vLLM (CUDA graphs, custom all-reduce, FlashAttention/FlashInfer)",
    description: "vLLM with CUDA graphs and its one-shot custom all-reduce (PR 2192), paged KV allocated as tokens arrive, chunked prefill.",
    knobs: {
      bandwidthEfficiency: 0.8,
      computeEfficiency: 0.6,
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
    fitted: ["stepOverheadS"],
    notes: {
      stepOverheadS: "fitted to the only vLLM measurement found (PR 2192, Llama 2 70B on 4 A100): 8 ms of host work per step, vLLM of late 2023; later versions cut it (v0.6.0's async output processing)",
      bandwidthEfficiency: "0.8, computeEfficiency 0.6, computeEfficiency8bit 0.45: assumed like TensorRT-LLM's order of magnitude; no fixed-length vLLM throughput table was found to fit them",
      collectiveLatencyS: "9 us: vLLM's custom all-reduce on H100, 512 B to 32 KiB, TP 2-8 (sglang PR 2904 microbenchmark table)",
      maxBatchSize: "256: max_num_seqs default",
      kvCacheMemoryFraction: "0.9: gpu_memory_utilization default",
      kvReserveOutputFraction: "0.5: PagedAttention allocates blocks as tokens are generated (preempting on shortage)",
      gqaKvSharing: "1: FlashAttention / FlashInfer decode read each KV head once per group",
      prefillChunkTokens: "8192: max_num_batched_tokens with chunked prefill on H100-class GPUs",
    },
  },
  {
    id: "sglang",
    name: "SGLang (FlashInfer, radix cache, custom all-reduce)",
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
