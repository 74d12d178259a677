/**
 * A few target GPUs to project a CPU-measured attempt's work onto (vendor datasheet peaks, dense).
 * lib/model keeps the full catalog; this table is what the harness needs without depending on it.
 */
export type TargetGpu = { id: string; name: string; bandwidthGBs: number; fp32Tflops: number; bf16Tflops: number };

export const targetGpus: readonly TargetGpu[] = [
  { id: "h100-sxm", name: "NVIDIA H100 SXM", bandwidthGBs: 3350, fp32Tflops: 67, bf16Tflops: 989 },
  { id: "a100-sxm-80gb", name: "NVIDIA A100 SXM 80GB", bandwidthGBs: 2039, fp32Tflops: 19.5, bf16Tflops: 312 },
  { id: "l4", name: "NVIDIA L4", bandwidthGBs: 300, fp32Tflops: 30.3, bf16Tflops: 121 },
];
