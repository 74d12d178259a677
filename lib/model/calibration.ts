/**
 * Public measurements the default knobs are fitted to. Source: TensorRT-LLM docs/source/performance.md
 * (v0.6.1 throughput tables, v0.5 first-token latency), as listed in /work/shared/reference/hardware-and-models.md.
 * A100 = A100 SXM 80GB, FP16 weights and KV cache, "LLaMA 7B" = Llama-2-7B, "LLaMA 70B" = Llama-2-70B.
 * Throughput is output tokens/s over the whole run (prefill included). The v0.6.1 document's A100
 * table header reads "out tok/s/GPU"; the reference notes it may be a total for TP > 1, so those rows
 * carry a lower weight in the fit.
 */
export interface CalibrationPoint {
  id: string;
  gpu: string;
  model: string;
  precision: "fp16" | "bf16" | "fp8";
  tp: number;
  batch: number;
  input: number;
  /** null for first-token latency points. */
  output: number | null;
  metric: "outputTokensPerSecondPerGpu" | "timeToFirstTokenMs";
  measured: number;
  weight: number;
  source: string;
}

const V061 = "TensorRT-LLM v0.6.1 performance.md (A100 FP16 throughput)";
const V05 = "TensorRT-LLM v0.5 performance.md (A100 FP16 first-token latency)";

export const calibrationPoints: CalibrationPoint[] = [
  { id: "a100-7b-384-128-128", gpu: "a100-sxm-80gb", model: "llama-2-7b", precision: "fp16", tp: 1, batch: 384, input: 128, output: 128, metric: "outputTokensPerSecondPerGpu", measured: 5586, weight: 1, source: V061 },
  { id: "a100-7b-60-128-2048", gpu: "a100-sxm-80gb", model: "llama-2-7b", precision: "fp16", tp: 1, batch: 60, input: 128, output: 2048, metric: "outputTokensPerSecondPerGpu", measured: 1928, weight: 1, source: V061 },
  { id: "a100-7b-52-2048-128", gpu: "a100-sxm-80gb", model: "llama-2-7b", precision: "fp16", tp: 1, batch: 52, input: 2048, output: 128, metric: "outputTokensPerSecondPerGpu", measured: 591, weight: 1, source: V061 },
  { id: "a100-7b-tp2-64-2048-2048", gpu: "a100-sxm-80gb", model: "llama-2-7b", precision: "fp16", tp: 2, batch: 64, input: 2048, output: 2048, metric: "outputTokensPerSecondPerGpu", measured: 782, weight: 0.5, source: V061 },
  { id: "a100-70b-tp4-1280-128-128", gpu: "a100-sxm-80gb", model: "llama-2-70b", precision: "fp16", tp: 4, batch: 1280, input: 128, output: 128, metric: "outputTokensPerSecondPerGpu", measured: 670, weight: 0.5, source: V061 },
  { id: "a100-70b-tp4-240-128-2048", gpu: "a100-sxm-80gb", model: "llama-2-70b", precision: "fp16", tp: 4, batch: 240, input: 128, output: 2048, metric: "outputTokensPerSecondPerGpu", measured: 525, weight: 0.5, source: V061 },
  { id: "a100-70b-tp4-120-2048-128", gpu: "a100-sxm-80gb", model: "llama-2-70b", precision: "fp16", tp: 4, batch: 120, input: 2048, output: 128, metric: "outputTokensPerSecondPerGpu", measured: 79, weight: 0.5, source: V061 },
  { id: "a100-7b-ttft-128", gpu: "a100-sxm-80gb", model: "llama-2-7b", precision: "fp16", tp: 1, batch: 1, input: 128, output: null, metric: "timeToFirstTokenMs", measured: 16, weight: 1, source: V05 },
  { id: "a100-7b-ttft-2048", gpu: "a100-sxm-80gb", model: "llama-2-7b", precision: "fp16", tp: 1, batch: 1, input: 2048, output: null, metric: "timeToFirstTokenMs", measured: 133, weight: 1, source: V05 },
  { id: "a100-70b-tp4-ttft-128", gpu: "a100-sxm-80gb", model: "llama-2-70b", precision: "fp16", tp: 4, batch: 1, input: 128, output: null, metric: "timeToFirstTokenMs", measured: 47, weight: 1, source: V05 },
  { id: "a100-70b-tp4-ttft-2048", gpu: "a100-sxm-80gb", model: "llama-2-70b", precision: "fp16", tp: 4, batch: 1, input: 2048, output: null, metric: "timeToFirstTokenMs", measured: 377, weight: 1, source: V05 },
];

/**
 * Held-out public measurements from the same document (H100 FP8 with FP8 KV cache, v0.6.1; L40S FP8,
 * v0.5). Never used to fit: the bench reports them to show how the physics transfers to other GPUs
 * and precisions.
 */
const H100 = "TensorRT-LLM v0.6.1 performance.md (H100 FP8, out tok/s/GPU)";
const L40S = "TensorRT-LLM v0.5 performance.md (L40S FP8)";
export const holdoutPoints: CalibrationPoint[] = [
  { id: "h100-7b-768-128-128", gpu: "h100-sxm", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 768, input: 128, output: 128, metric: "outputTokensPerSecondPerGpu", measured: 19694, weight: 1, source: H100 },
  { id: "h100-7b-112-128-2048", gpu: "h100-sxm", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 112, input: 128, output: 2048, metric: "outputTokensPerSecondPerGpu", measured: 6818, weight: 1, source: H100 },
  { id: "h100-7b-80-2048-128", gpu: "h100-sxm", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 80, input: 2048, output: 128, metric: "outputTokensPerSecondPerGpu", measured: 2244, weight: 1, source: H100 },
  { id: "h100-7b-48-2048-2048", gpu: "h100-sxm", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 48, input: 2048, output: 2048, metric: "outputTokensPerSecondPerGpu", measured: 2740, weight: 1, source: H100 },
  { id: "h100-70b-tp2-1024-128-128", gpu: "h100-sxm", model: "llama-2-70b", precision: "fp8", tp: 2, batch: 1024, input: 128, output: 128, metric: "outputTokensPerSecondPerGpu", measured: 2657, weight: 1, source: H100 },
  { id: "h100-70b-tp4-480-128-2048", gpu: "h100-sxm", model: "llama-2-70b", precision: "fp8", tp: 4, batch: 480, input: 128, output: 2048, metric: "outputTokensPerSecondPerGpu", measured: 1486, weight: 1, source: H100 },
  { id: "h100-70b-tp2-96-2048-128", gpu: "h100-sxm", model: "llama-2-70b", precision: "fp8", tp: 2, batch: 96, input: 2048, output: 128, metric: "outputTokensPerSecondPerGpu", measured: 306, weight: 1, source: H100 },
  { id: "h100-70b-tp2-64-2048-2048", gpu: "h100-sxm", model: "llama-2-70b", precision: "fp8", tp: 2, batch: 64, input: 2048, output: 2048, metric: "outputTokensPerSecondPerGpu", measured: 547, weight: 1, source: H100 },
  { id: "h100-7b-ttft-128", gpu: "h100-sxm", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 1, input: 128, output: null, metric: "timeToFirstTokenMs", measured: 7, weight: 1, source: "TensorRT-LLM v0.5 performance.md (H100 FP8)" },
  { id: "h100-7b-ttft-2048", gpu: "h100-sxm", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 1, input: 2048, output: null, metric: "timeToFirstTokenMs", measured: 36, weight: 1, source: "TensorRT-LLM v0.5 performance.md (H100 FP8)" },
  { id: "h100-70b-tp4-ttft-128", gpu: "h100-sxm", model: "llama-2-70b", precision: "fp8", tp: 4, batch: 1, input: 128, output: null, metric: "timeToFirstTokenMs", measured: 26, weight: 1, source: "TensorRT-LLM v0.5 performance.md (H100 FP8)" },
  { id: "h100-70b-tp4-ttft-2048", gpu: "h100-sxm", model: "llama-2-70b", precision: "fp8", tp: 4, batch: 1, input: 2048, output: null, metric: "timeToFirstTokenMs", measured: 109, weight: 1, source: "TensorRT-LLM v0.5 performance.md (H100 FP8)" },
  { id: "l40s-7b-64-128-128", gpu: "l40s", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 64, input: 128, output: 128, metric: "outputTokensPerSecondPerGpu", measured: 3240, weight: 1, source: L40S },
  { id: "l40s-7b-64-128-2048", gpu: "l40s", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 64, input: 128, output: 2048, metric: "outputTokensPerSecondPerGpu", measured: 1622, weight: 1, source: L40S },
  { id: "l40s-7b-32-2048-128", gpu: "l40s", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 32, input: 2048, output: 128, metric: "outputTokensPerSecondPerGpu", measured: 581, weight: 1, source: L40S },
  { id: "l40s-7b-16-2048-2048", gpu: "l40s", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 16, input: 2048, output: 2048, metric: "outputTokensPerSecondPerGpu", measured: 531, weight: 1, source: L40S },
  { id: "l40s-7b-ttft-128", gpu: "l40s", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 1, input: 128, output: null, metric: "timeToFirstTokenMs", measured: 14, weight: 1, source: L40S },
  { id: "l40s-7b-ttft-2048", gpu: "l40s", model: "llama-2-7b", precision: "fp8", tp: 1, batch: 1, input: 2048, output: null, metric: "timeToFirstTokenMs", measured: 73, weight: 1, source: L40S },
];
