"use client";
import { getKernelProblem } from "@/kernels";
import { CpuBackend } from "@/lib/gpu/cpu-backend";
import { gradeAttempt, type GradeOptions } from "@/lib/gpu/driver";
import type { KernelResult } from "@/lib/gpu/result";
import { WebGpuBackend } from "@/lib/gpu/webgpu-backend";

/** The page's harness: WebGPU when this browser has an adapter, else the CPU fallback. One device per tab. */
let gpu: Promise<WebGpuBackend | null> | null = null;

async function getGpu(): Promise<WebGpuBackend | null> {
  gpu ??= (async () => {
    const [bandwidth, fma] = await Promise.all(["bandwidth", "fma"].map((n) => fetch(`/lab/bench-source?name=${n}`).then((r) => r.text())));
    return WebGpuBackend.create(typeof navigator !== "undefined" ? navigator.gpu : undefined, { bandwidth, fma });
  })().catch(() => null);
  return gpu;
}

export async function runInBrowser(problemId: string, source: string, opts: GradeOptions & { naiveSource?: string }): Promise<KernelResult> {
  const problem = getKernelProblem(problemId);
  if (!problem) throw new Error(`unknown problem ${problemId}`);
  const webgpu = await getGpu();
  return webgpu ? gradeAttempt(webgpu, problem, source, opts) : gradeAttempt(new CpuBackend(), problem, source, opts);
}
