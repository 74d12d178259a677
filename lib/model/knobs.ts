import { z } from "zod";

/**
 * Efficiency knobs: every gap between a datasheet peak and what a real engine achieves is one of
 * these, named and overridable, never a hidden fudge factor. Defaults are fitted (least absolute
 * log error) to the TensorRT-LLM A100 calibration points in the reference file; `npm run bench:model`
 * shows the fit. Knobs without calibration data say where their default comes from.
 */
export const KnobsSchema = z.object({
  /** Fraction of peak memory bandwidth achieved when streaming weights and KV cache (decode). Reference range 0.6-0.8. */
  bandwidthEfficiency: z.number().gt(0).max(1),
  /** Fraction of the dense 16/32-bit tensor peak achieved by large matmuls (prefill). Reference range 0.5-0.7. */
  computeEfficiency: z.number().gt(0).max(1),
  /**
   * Fraction of the 8-bit peak achieved by fp8/int8 matmuls. Not fitted (no 8-bit calibration point):
   * 8-bit doubles the math rate but not the data movement, quantize/dequantize and epilogues around it,
   * so engines of 2023-24 reach a smaller fraction of that peak than of the 16-bit one.
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
  /** Fraction of link bandwidth a ring all-reduce achieves. NCCL bus bandwidth on NVLink is typically 70-85% of the link. */
  commEfficiency: z.number().gt(0).max(1),
  /** Fixed latency per collective (s); small all-reduces in decode are latency-bound. NCCL: ~5-20 us on NVLink. */
  collectiveLatencyS: z.number().min(0),
  /**
   * For grouped-query attention in decode: 1 = each KV head is read once for its whole query-head
   * group (XQA, FlashDecoding, FlashInfer kernels); 0 = re-read once per query head (TensorRT-LLM
   * 0.6's default masked-MHA kernel, whose GQA kernel "XQA" was experimental and off by default).
   */
  gqaKvSharing: z.number().min(0).max(1),
  /** Tokens processed per prefill chunk: bounds activation memory (vLLM max_num_batched_tokens, TRT-LLM max_num_tokens). */
  prefillChunkTokens: z.number().int().positive(),
  /** Per-GPU memory the runtime keeps for itself: CUDA context, cuBLAS/NCCL workspaces (B). */
  runtimeOverheadBytes: z.number().min(0),
  /** Average power draw under load as a fraction of TDP, for energy estimates. Assumption, not fitted. */
  powerFractionOfTdp: z.number().gt(0).max(1.2),
  /** GPUs per node sharing the scale-up link; tensor parallel beyond this crosses InfiniBand. */
  gpusPerNode: z.number().int().positive(),
});
export type Knobs = z.infer<typeof KnobsSchema>;

export const defaultKnobs: Knobs = {
  // Fitted to the 11 calibration points by coordinate descent over a coarse grid (least weighted
  // absolute log error; see lib/cli/bench-model.ts). With overlapExponent 1.5 a decode step whose
  // compute is a third of its memory time runs at ~0.76 of peak bandwidth, inside the 60-80% range.
  bandwidthEfficiency: 0.85,
  computeEfficiency: 0.7,
  computeEfficiency8bit: 0.55,
  overlapExponent: 1.5,
  layerOverheadS: 80e-6,
  stepOverheadS: 1e-3,
  commEfficiency: 0.8,
  collectiveLatencyS: 30e-6,
  // 0.5: half of a group's re-reads come from L2 rather than HBM (TensorRT-LLM 0.6 without XQA,
  // the engine of the calibration data). Modern GQA decode kernels: set 1.
  gqaKvSharing: 0.5,
  // Not fitted: engine defaults and measured footprints.
  prefillChunkTokens: 8192,
  runtimeOverheadBytes: 2 * 1024 ** 3,
  powerFractionOfTdp: 0.8,
  gpusPerNode: 8,
};

export const KnobsOverrideSchema = KnobsSchema.partial();
export type KnobsOverride = z.infer<typeof KnobsOverrideSchema>;

export function resolveKnobs(over: KnobsOverride = {}): Knobs {
  return KnobsSchema.parse({ ...defaultKnobs, ...over });
}

/** One line per knob for the UI and the CLI's help. */
export const knobDescriptions: Record<keyof Knobs, string> = {
  bandwidthEfficiency: "achieved / peak memory bandwidth when streaming weights and KV cache",
  computeEfficiency: "achieved / peak 16-bit tensor FLOP/s in large matmuls",
  computeEfficiency8bit: "achieved / peak 8-bit tensor FLOP/s (fp8, int8); not fitted",
  overlapExponent: "overlap of compute and memory: time = (c^n + m^n)^(1/n)",
  layerOverheadS: "fixed time per layer per forward pass (launches, syncs)",
  stepOverheadS: "fixed time per forward pass (sampling, scheduling)",
  commEfficiency: "achieved / peak link bandwidth in all-reduce",
  collectiveLatencyS: "fixed latency per collective",
  gqaKvSharing: "1 = GQA decode reads each KV head once; 0 = once per query head",
  prefillChunkTokens: "tokens per prefill chunk (bounds activation memory)",
  runtimeOverheadBytes: "per-GPU memory held by the runtime",
  powerFractionOfTdp: "average power draw / TDP",
  gpusPerNode: "GPUs sharing the scale-up link",
};
