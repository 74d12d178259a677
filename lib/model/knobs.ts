import { z } from "zod";

/**
 * Efficiency knobs: every gap between a datasheet peak and what a real engine achieves is one of
 * these, named and overridable, never a hidden fudge factor. Each serving engine is a preset
 * (presets.ts): a few of these fitted to that engine's published measurements, the rest from engine
 * defaults and documentation. `npm run bench:model` shows the fit and the held-out error.
 */
export const KnobsSchema = z.object({
  /** Fraction of peak memory bandwidth achieved when streaming weights and KV cache (decode). Reference range 0.6-0.8. */
  bandwidthEfficiency: z.number().gt(0).max(1),
  /** Fraction of the dense 16/32-bit tensor peak achieved by large matmuls (prefill). Reference range 0.5-0.7. */
  computeEfficiency: z.number().gt(0).max(1),
  /**
   * Fraction of the 8-bit peak achieved by fp8/int8 matmuls. 8-bit doubles the math rate but not the
   * data movement, quantize/dequantize and epilogues around it, so engines reach a smaller fraction of
   * that peak than of the 16-bit one (fitted to FP8 measurements at large batch).
   */
  computeEfficiency8bit: z.number().gt(0).max(1),
  /**
   * How well a kernel overlaps its compute with its memory traffic: time = (c^n + m^n)^(1/n).
   * n -> infinity is the ideal roofline max(c, m); n = 1 is no overlap at all (c + m).
   */
  overlapExponent: z.number().min(1).max(64),
  /** Fixed time per layer per forward pass: kernel launches, tails and syncs that no roofline sees (s). */
  layerOverheadS: z.number().min(0),
  /** Fixed time per forward pass: sampling, scheduling, host work (s). */
  stepOverheadS: z.number().min(0),
  /** Fraction of NVLink / Infinity Fabric bandwidth a ring all-reduce achieves. NCCL bus bandwidth on NVLink is typically 70-85% of the link. */
  commEfficiency: z.number().gt(0).max(1),
  /**
   * Fraction of the PCIe x16 line rate an all-reduce achieves between GPUs with no NVLink (A100 PCIe,
   * L40S, L4, RTX 4090): traffic crosses PCIe switches and often the CPU's socket link, far below line rate.
   */
  pcieCommEfficiency: z.number().gt(0).max(1),
  /** Fixed latency per collective inside a node (s); small all-reduces in decode are latency-bound. NCCL: ~10-30 us; custom one-shot all-reduce kernels: ~5-10 us. */
  collectiveLatencyS: z.number().min(0),
  /** Per-GPU bandwidth across nodes, one direction (B/s). InfiniBand NDR 400 Gb/s = 50 GB/s per GPU. */
  interNodeBandwidth: z.number().positive(),
  /** Fixed latency per collective that crosses nodes over InfiniBand (s). */
  interNodeLatencyS: z.number().min(0),
  /**
   * For grouped-query attention in decode: 1 = each KV head is read once for its whole query-head
   * group (XQA, FlashDecoding, FlashInfer kernels); 0 = re-read once per query head (TensorRT-LLM
   * 0.6's default masked-MHA kernel, whose GQA kernel "XQA" was experimental and off by default).
   */
  gqaKvSharing: z.number().min(0).max(1),
  /** gqaKvSharing for models with a sliding window: TensorRT-LLM 0.9's XQA kernel did not take them, so they fell back to masked MHA. */
  gqaKvSharingWindowed: z.number().min(0).max(1),
  /** Most tokens one forward pass processes, decode and prefill chunks together (TRT-LLM max_num_tokens, vLLM max_num_batched_tokens). */
  prefillChunkTokens: z.number().int().positive(),
  /** Most sequences the scheduler runs at once (TRT-LLM max_batch_size, vLLM max_num_seqs, SGLang max_running_requests). */
  maxBatchSize: z.number().int().positive(),
  /** Fraction of the memory left after weights, runtime and activations that becomes KV cache (TRT-LLM kv_cache_free_gpu_mem_fraction, vLLM gpu_memory_utilization). */
  kvCacheMemoryFraction: z.number().gt(0).max(1),
  /**
   * KV a sequence holds when admitted, as input + this fraction of its output: 1 = reserve the whole
   * output up front (TRT-LLM's GUARANTEED_NO_EVICT scheduler), ~0.5 = pages allocated as tokens are
   * generated, so a sequence holds half its output on average (vLLM, SGLang, with preemption).
   */
  kvReserveOutputFraction: z.number().min(0).max(1),
  /** Busiest expert-parallel rank's tokens / the mean (top-k routing is never perfectly balanced). */
  expertImbalance: z.number().min(1).max(4),
  /** int4 weights per quantization group; each group stores an fp16 scale and a 4-bit zero point (AWQ/GPTQ layout), 0 = no scales counted. */
  int4GroupSize: z.number().int().min(0),
  /**
   * Activation memory an engine reserves, in copies of one max_num_tokens forward pass's live
   * activations: TensorRT engines size their activation pool for the whole graph at max_num_tokens,
   * PyTorch engines reuse buffers. Comes out of the KV budget, so it matters most for big models on few GPUs.
   */
  activationMemoryFactor: z.number().min(0).max(64),
  /** Per-GPU memory the runtime keeps for itself: CUDA context, cuBLAS/NCCL workspaces, engine activation buffers (B). */
  runtimeOverheadBytes: z.number().min(0),
  /** Average power draw under load as a fraction of TDP, for energy estimates. Assumption, not fitted. */
  powerFractionOfTdp: z.number().gt(0).max(1.2),
  /** GPUs per node sharing the scale-up link; tensor parallel beyond this crosses InfiniBand. */
  gpusPerNode: z.number().int().positive(),
});
export type Knobs = z.infer<typeof KnobsSchema>;

/** The engine-independent base every preset starts from; the engine-specific values live in presets.ts. */
export const baseKnobs: Knobs = {
  bandwidthEfficiency: 0.85,
  computeEfficiency: 0.7,
  computeEfficiency8bit: 0.55,
  overlapExponent: 1.5,
  layerOverheadS: 80e-6,
  stepOverheadS: 1e-3,
  commEfficiency: 0.8,
  pcieCommEfficiency: 0.4,
  collectiveLatencyS: 30e-6,
  interNodeBandwidth: 50e9,
  interNodeLatencyS: 25e-6,
  gqaKvSharing: 1,
  gqaKvSharingWindowed: 1,
  prefillChunkTokens: 8192,
  maxBatchSize: 2048,
  kvCacheMemoryFraction: 0.9,
  kvReserveOutputFraction: 1,
  expertImbalance: 1.15,
  int4GroupSize: 128,
  activationMemoryFactor: 1,
  runtimeOverheadBytes: 2 * 1024 ** 3,
  powerFractionOfTdp: 0.8,
  gpusPerNode: 8,
};

export const KnobsOverrideSchema = KnobsSchema.partial();
export type KnobsOverride = z.infer<typeof KnobsOverrideSchema>;

export function resolveKnobs(over: KnobsOverride = {}, base: Knobs = baseKnobs): Knobs {
  return KnobsSchema.parse({ ...base, ...over });
}

/** One line per knob for the UI and the CLI's help. */
export const knobDescriptions: Record<keyof Knobs, string> = {
  bandwidthEfficiency: "achieved / peak memory bandwidth when streaming weights and KV cache",
  computeEfficiency: "achieved / peak 16-bit tensor FLOP/s in large matmuls",
  computeEfficiency8bit: "achieved / peak 8-bit tensor FLOP/s (fp8, int8)",
  overlapExponent: "overlap of compute and memory in a kernel: time = (c^n + m^n)^(1/n)",
  layerOverheadS: "fixed time per layer per forward pass (launches, syncs)",
  stepOverheadS: "fixed time per forward pass (sampling, scheduling)",
  commEfficiency: "achieved / peak NVLink bandwidth in all-reduce",
  pcieCommEfficiency: "achieved / PCIe line rate in all-reduce without NVLink",
  collectiveLatencyS: "fixed latency per collective inside a node",
  interNodeBandwidth: "per-GPU bandwidth across nodes (InfiniBand), one direction",
  interNodeLatencyS: "fixed latency per collective across nodes",
  gqaKvSharing: "1 = GQA decode reads each KV head once; 0 = once per query head",
  gqaKvSharingWindowed: "the same, for sliding-window models",
  prefillChunkTokens: "most tokens per forward pass (max_num_tokens)",
  maxBatchSize: "most sequences running at once (max_batch_size / max_num_seqs)",
  kvCacheMemoryFraction: "share of free memory given to the KV cache",
  kvReserveOutputFraction: "output KV reserved per admitted sequence (1 = all up front)",
  expertImbalance: "busiest expert-parallel rank's load / mean",
  int4GroupSize: "int4 weights per scale group (0 = ignore scales)",
  activationMemoryFactor: "activation memory reserved, in copies of one full forward pass",
  runtimeOverheadBytes: "per-GPU memory held by the runtime",
  powerFractionOfTdp: "average power draw / TDP",
  gpusPerNode: "GPUs sharing the scale-up link",
};

/** Allowed range of each knob, for forms and error messages. */
export const knobRanges: Record<keyof Knobs, { min: number; max: number; step: number; unit: string }> = {
  bandwidthEfficiency: { min: 0.01, max: 1, step: 0.01, unit: "fraction" },
  computeEfficiency: { min: 0.01, max: 1, step: 0.01, unit: "fraction" },
  computeEfficiency8bit: { min: 0.01, max: 1, step: 0.01, unit: "fraction" },
  overlapExponent: { min: 1, max: 64, step: 0.1, unit: "" },
  layerOverheadS: { min: 0, max: 0.01, step: 1e-6, unit: "s" },
  stepOverheadS: { min: 0, max: 1, step: 1e-4, unit: "s" },
  commEfficiency: { min: 0.01, max: 1, step: 0.01, unit: "fraction" },
  pcieCommEfficiency: { min: 0.01, max: 1, step: 0.01, unit: "fraction" },
  collectiveLatencyS: { min: 0, max: 0.01, step: 1e-6, unit: "s" },
  interNodeBandwidth: { min: 1e9, max: 1e12, step: 1e9, unit: "B/s" },
  interNodeLatencyS: { min: 0, max: 0.01, step: 1e-6, unit: "s" },
  gqaKvSharing: { min: 0, max: 1, step: 0.05, unit: "fraction" },
  gqaKvSharingWindowed: { min: 0, max: 1, step: 0.05, unit: "fraction" },
  prefillChunkTokens: { min: 1, max: 1_000_000, step: 1, unit: "tokens" },
  maxBatchSize: { min: 1, max: 100_000, step: 1, unit: "sequences" },
  kvCacheMemoryFraction: { min: 0.01, max: 1, step: 0.01, unit: "fraction" },
  kvReserveOutputFraction: { min: 0, max: 1, step: 0.05, unit: "fraction" },
  expertImbalance: { min: 1, max: 4, step: 0.05, unit: "" },
  int4GroupSize: { min: 0, max: 100_000, step: 1, unit: "weights" },
  activationMemoryFactor: { min: 0, max: 64, step: 0.5, unit: "copies" },
  runtimeOverheadBytes: { min: 0, max: 1e12, step: 1e8, unit: "B" },
  powerFractionOfTdp: { min: 0.01, max: 1.2, step: 0.01, unit: "fraction" },
  gpusPerNode: { min: 1, max: 1024, step: 1, unit: "GPUs" },
};
