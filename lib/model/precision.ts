import { z } from "zod";

/** Storage precisions for weights and (separately) for the KV cache. */
export const precisions = ["fp32", "bf16", "fp16", "fp8", "int8", "int4"] as const;
export const PrecisionSchema = z.enum(precisions);
export type Precision = z.infer<typeof PrecisionSchema>;

/**
 * Bytes per stored element. int4 is counted as exactly half a byte: group-wise scales (e.g. one
 * fp16 scale per 128 weights, +3%) are left out so the numbers match the usual back-of-envelope.
 */
export const bytesPerElement: Record<Precision, number> = {
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  int4: 0.5,
};

/**
 * Bytes a stored weight really takes. int4 formats (AWQ, GPTQ) keep, per group of `int4GroupSize`
 * weights, an fp16 scale and a 4-bit zero point: 2.5 B per group, +3.9% at group 128 (0.5195 B/weight).
 * The textbook `bytesPerElement` leaves them out; the engine's memory and bandwidth use this.
 */
export const INT4_GROUP_OVERHEAD_BYTES = 2.5;
export function weightBytesPerParam(p: Precision, int4GroupSize: number): number {
  if (p !== "int4" || int4GroupSize <= 0) return bytesPerElement[p];
  return 0.5 + INT4_GROUP_OVERHEAD_BYTES / int4GroupSize;
}

/**
 * Bytes per weight of the vocabulary matrices (input embedding, output head). Quantized checkpoints
 * leave them in 16 bit: NVIDIA ModelOpt's FP8/INT8/INT4 recipes exclude `*lm_head*` and never touch the
 * embedding lookup, and AWQ/GPTQ quantize only the decoder's linear layers. For Llama 3 70B in FP8 that
 * is 2.1 B parameters at 2 B instead of 1 B: 2 GB more weights than "params x 1 B" and, in decode, an
 * output head read at twice the bytes.
 */
export function vocabBytesPerParam(p: Precision, int4GroupSize: number): number {
  return isQuantized(p) ? 2 : weightBytesPerParam(p, int4GroupSize);
}

/** 8-bit and 4-bit weight formats: produced by a quantizer that leaves the vocabulary matrices in 16 bit. */
export function isQuantized(p: Precision): boolean {
  return p === "fp8" || p === "int8" || p === "int4";
}

/**
 * Which tensor-core rate the matmuls run at, given the weight precision.
 * - fp32 weights run on TF32 tensor cores (what cuBLAS does with TF32 enabled); using the non-tensor
 *   FP32 rate for LLM matmuls is a known mistake of public calculators.
 * - fp8 / int8 are W8A8: they use the 8-bit rate where the GPU has one, else they are upcast to 16 bit.
 * - int4 is weight-only (W4A16): dequantized to 16 bit before the matmul, so it saves bytes, not FLOPs.
 */
export type MathRate = "tf32" | "fp32" | "bf16" | "fp8" | "int8";

export function mathRateFor(weights: Precision): MathRate {
  switch (weights) {
    case "fp32":
      return "tf32";
    case "bf16":
    case "fp16":
    case "int4":
      return "bf16";
    case "fp8":
      return "fp8";
    case "int8":
      return "int8";
  }
}
