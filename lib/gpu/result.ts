import { z } from "zod";

/** What every check or benchmark returns, in the browser, the CLI's JSON and the kernel_attempts table. */
export const verdictSchema = z.enum(["pass", "fail-wrong", "fail-timeout", "fail-compile", "fail-contract"]);
export type Verdict = z.infer<typeof verdictSchema>;

export const backendSchema = z.enum(["webgpu", "cpu"]);
export type Backend = z.infer<typeof backendSchema>;

export const adapterInfoSchema = z.object({
  vendor: z.string(),
  architecture: z.string(),
  device: z.string().optional(),
  description: z.string().optional(),
  isFallbackAdapter: z.boolean(),
  /** Where the numbers come from, in words (for example "SwiftShader (CPU Vulkan)" or "JavaScript CPU interpreter"). */
  label: z.string(),
  timestampQuery: z.boolean().optional(),
});
export type AdapterInfo = z.infer<typeof adapterInfoSchema>;

export const diagnosticSchema = z.object({
  type: z.enum(["error", "warning", "info"]),
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
});
export type Diagnostic = z.infer<typeof diagnosticSchema>;

export const caseResultSchema = z.object({
  name: z.string(),
  shape: z.record(z.string(), z.union([z.number(), z.array(z.number())])),
  maxAbsError: z.number().nullable(),
  relL2: z.number().nullable(),
  pass: z.boolean(),
  /** Why it failed, in words: the first bad element, NaNs, untouched elements that changed. */
  detail: z.string().optional(),
  timed: z.boolean().optional(),
});
export type CaseResult = z.infer<typeof caseResultSchema>;

/**
 * Where a time was measured, which decides what it may be used for: `gpu` (a real GPU adapter: speed is
 * scored), `software` (a fallback adapter such as SwiftShader, a CPU implementation of Vulkan: correctness
 * only, its times say nothing about a GPU), `cpu` (the CPU fallback interpreter: likewise).
 */
export const measuredOnSchema = z.enum(["gpu", "software", "cpu"]);
export type MeasuredOn = z.infer<typeof measuredOnSchema>;

const ratioCiSchema = z.object({ lo: z.number(), hi: z.number(), level: z.number() });

export const timingSchema = z.object({
  case: z.string(),
  medianMs: z.number(),
  p10Ms: z.number(),
  p90Ms: z.number(),
  cv: z.number(),
  /** Confidence interval of the median (order statistics over the samples); absent in older results. */
  ciLowMs: z.number().optional(),
  ciHighMs: z.number().optional(),
  ciLevel: z.number().optional(),
  measuredOn: measuredOnSchema.optional(),
  samples: z.number().int(),
  runsPerSample: z.number().int(),
  method: z.enum(["timestamp-query", "submitted-work-done", "cpu-clock"]),
  flops: z.number(),
  bytes: z.number(),
  gflops: z.number(),
  gbps: z.number(),
  arithmeticIntensity: z.number().nullable(),
  /** Share of this device's measured roofline at this arithmetic intensity (0..1), when measured. */
  rooflineFraction: z.number().nullable(),
  /** Above the measured roofline by a margin: the figure is not believed, and not ranked. */
  impossible: z.boolean(),
  /** Median over interleaved rounds of naive time / this kernel's time (each round times both back to back). */
  speedupOverNaive: z.number().nullable(),
  speedupCi: ratioCiSchema.nullable().optional(),
  naiveMedianMs: z.number().nullable().optional(),
  /** Interleaved rounds behind the speed-up (0 or absent: no naive run). */
  rounds: z.number().int().optional(),
});
export type Timing = z.infer<typeof timingSchema>;

export const rooflineSchema = z.object({ gbps: z.number(), gflops: z.number(), method: z.string() });
export type Roofline = z.infer<typeof rooflineSchema>;

export const projectionSchema = z.object({
  gpu: z.string(),
  bandwidthGBs: z.number(),
  fp32Tflops: z.number(),
  bf16Tflops: z.number(),
  /**
   * Roofline-bound time of this case's work on that GPU: f32 FMA peak (no tensor cores) and datasheet
   * bandwidth, every byte moved once, no launch overhead. A lower bound no kernel beats, not a prediction.
   */
  boundMs: z.number(),
  limiter: z.enum(["memory", "compute"]),
});
export type Projection = z.infer<typeof projectionSchema>;

export const kernelResultSchema = z.object({
  problem: z.string(),
  backend: backendSchema,
  adapter: adapterInfoSchema,
  verdict: verdictSchema,
  message: z.string(),
  profile: z.enum(["full", "reduced", "cpu"]),
  diagnostics: z.array(diagnosticSchema),
  cases: z.array(caseResultSchema),
  timing: timingSchema.nullable(),
  roofline: rooflineSchema.nullable(),
  /** CPU backend only: the float64 reference's own throughput on this CPU, and the work projected onto GPUs. */
  cpuReference: z.object({ gflops: z.number(), ms: z.number() }).nullable().optional(),
  projections: z.array(projectionSchema).optional(),
  /** Why no projection is shown (the case is too small for one to mean anything). */
  projectionNote: z.string().optional(),
  deviceEvents: z.array(z.string()).optional(),
  elapsedMs: z.number(),
});
export type KernelResult = z.infer<typeof kernelResultSchema>;
