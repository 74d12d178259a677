import type { Work } from "@/kernels/types";
import { targetGpus } from "./gpu-catalog";
import type { Projection, Roofline } from "./result";

export type SampleStats = { medianMs: number; p10Ms: number; p90Ms: number; cv: number };

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 1) return sorted[0];
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function sampleStats(ms: number[]): SampleStats {
  const s = [...ms].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, s.length - 1));
  return { medianMs: quantile(s, 0.5), p10Ms: quantile(s, 0.1), p90Ms: quantile(s, 0.9), cv: mean > 0 ? sd / mean : 0 };
}

/**
 * A result is impossible when it beats the device's measured roofline by more than this factor. The margin
 * is wide because the micro-benchmarks are not perfect ceilings (caches can serve re-reads faster than DRAM).
 */
export const IMPOSSIBLE_FACTOR = 1.5;

export function throughput(work: Work, ms: number, roofline: Roofline | null) {
  const s = ms / 1000;
  const gflops = work.flops / s / 1e9;
  const gbps = work.bytes / s / 1e9;
  const arithmeticIntensity = work.flops > 0 ? work.flops / work.bytes : null;
  let rooflineFraction: number | null = null;
  let impossible = false;
  if (roofline && ms > 0) {
    if (arithmeticIntensity === null) {
      rooflineFraction = gbps / roofline.gbps;
    } else {
      const attainable = Math.min(roofline.gflops, arithmeticIntensity * roofline.gbps);
      rooflineFraction = gflops / attainable;
    }
    impossible = rooflineFraction > IMPOSSIBLE_FACTOR;
  }
  if (!(ms > 0)) impossible = true;
  return { gflops, gbps, arithmeticIntensity, rooflineFraction, impossible };
}

/** The roofline-bound time of this work on each target GPU (f32 peak), for results measured on a CPU. */
export function projectWork(work: Work): Projection[] {
  return targetGpus.map((g) => {
    const memMs = (work.bytes / (g.bandwidthGBs * 1e9)) * 1000;
    const flopMs = (work.flops / (g.fp32Tflops * 1e12)) * 1000;
    return {
      gpu: g.id,
      bandwidthGBs: g.bandwidthGBs,
      fp32Tflops: g.fp32Tflops,
      bf16Tflops: g.bf16Tflops,
      boundMs: Math.max(memMs, flopMs),
      limiter: flopMs > memMs ? "compute" : "memory",
    };
  });
}
