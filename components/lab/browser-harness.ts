"use client";
import { getKernelProblem } from "@/kernels";
import { CpuBackend } from "@/lib/gpu/cpu-backend";
import { browserWorkerPlatform } from "@/lib/gpu/cpu-workers-browser";
import { gradeAttempt, type GradeOptions } from "@/lib/gpu/driver";
import type { AdapterInfo, KernelResult } from "@/lib/gpu/result";
import { WebGpuBackend } from "@/lib/gpu/webgpu-backend";

export type LabBackend = "webgpu" | "cpu";

/** The page's harness: this browser's WebGPU adapter (one device per tab) and the CPU fallback (one worker pool). */
let gpu: Promise<WebGpuBackend | null> | null = null;
let cpu: CpuBackend | null = null;

async function getGpu(): Promise<WebGpuBackend | null> {
  gpu ??= (async () => {
    if (typeof navigator === "undefined" || !navigator.gpu) return null;
    const [bandwidth, fma] = await Promise.all(["bandwidth", "fma"].map((n) => fetch(`/lab/bench-source?name=${n}`).then((r) => r.text())));
    return WebGpuBackend.create(navigator.gpu, { bandwidth, fma });
  })().catch(() => null);
  return gpu;
}

/** What this browser offers: its WebGPU adapter (null: none, with the reason in words). */
export async function probeWebGpu(): Promise<{ adapter: AdapterInfo | null; reason: string | null }> {
  if (typeof navigator === "undefined" || !navigator.gpu) return { adapter: null, reason: "this browser has no WebGPU (navigator.gpu is missing)" };
  const g = await getGpu();
  return g ? { adapter: g.adapter, reason: null } : { adapter: null, reason: "WebGPU found no adapter in this browser" };
}

export async function runInBrowser(problemId: string, source: string, opts: GradeOptions & { naiveSource?: string }, backend: LabBackend = "webgpu"): Promise<KernelResult> {
  const problem = getKernelProblem(problemId);
  if (!problem) throw new Error(`unknown problem ${problemId}`);
  if (backend === "webgpu") {
    const webgpu = await getGpu();
    if (webgpu) return gradeAttempt(webgpu, problem, source, opts);
  }
  cpu ??= new CpuBackend({ workers: browserWorkerPlatform() });
  return gradeAttempt(cpu, problem, source, opts);
}
