import type { Work } from "@/kernels/types";
import { targetGpus } from "./gpu-catalog";
import type { Projection, Roofline } from "./result";

export { sampleStats, type SampleStats } from "./stats";

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
