/**
 * The harness as the headless browser sees it: bundled by esbuild (WGSL as text) and served on localhost
 * by lib/gpu/headless.ts, which calls window.loopbenchKernels through page.evaluate.
 */
import { getKernelProblem } from "@/kernels";
import bandwidth from "./bench/bandwidth.wgsl";
import fma from "./bench/fma.wgsl";
import { CpuBackend } from "./cpu-backend";
import { browserWorkerPlatform } from "./cpu-workers-browser";
import { compareBackends, gradeAttempt, type BackendComparison, type GradeOptions } from "./driver";
import type { KernelResult } from "./result";
import { WebGpuBackend } from "./webgpu-backend";

export type BrowserCheckRequest = {
  problemId: string;
  source: string;
  backend: "auto" | "webgpu" | "cpu";
  options?: Omit<GradeOptions, "onProgress">;
};

let webgpu: Promise<WebGpuBackend | null> | null = null;
/** One CPU backend per page: its worker pool is started once. */
let cpu: CpuBackend | null = null;

function getWebGpu(): Promise<WebGpuBackend | null> {
  webgpu ??= WebGpuBackend.create(navigator.gpu, { bandwidth, fma });
  return webgpu;
}

async function check(req: BrowserCheckRequest): Promise<KernelResult> {
  const problem = getKernelProblem(req.problemId);
  if (!problem) throw new Error(`unknown problem ${req.problemId}`);
  const progress: string[] = [];
  const opts: GradeOptions = { ...req.options, onProgress: (m) => progress.push(m) };
  if (req.backend !== "cpu") {
    const gpu = await getWebGpu();
    if (gpu) return gradeAttempt(gpu, problem, req.source, opts);
    if (req.backend === "webgpu") throw new Error("WebGPU requested but this browser has no adapter (navigator.gpu " + (navigator.gpu ? "exists" : "is missing") + ")");
  }
  cpu ??= new CpuBackend({ workers: browserWorkerPlatform() });
  return gradeAttempt(cpu, problem, req.source, opts);
}

export type BrowserCompareRequest = { problemId: string; source: string; timeBudgetMs?: number; hiddenSeed?: number };

/** The CPU fallback against this page's WebGPU adapter on the `cpu` profile's timing case, interleaved. */
async function compare(req: BrowserCompareRequest): Promise<BackendComparison> {
  const problem = getKernelProblem(req.problemId);
  if (!problem) throw new Error(`unknown problem ${req.problemId}`);
  const gpu = await getWebGpu();
  if (!gpu) throw new Error("no WebGPU adapter in this browser");
  cpu ??= new CpuBackend({ workers: browserWorkerPlatform() });
  return compareBackends(cpu, gpu, problem, req.source, { profile: "cpu", timeBudgetMs: req.timeBudgetMs, hiddenSeed: req.hiddenSeed });
}

async function info() {
  const gpu = await getWebGpu();
  return { webgpu: Boolean(gpu), adapter: gpu?.adapter ?? null, hasNavigatorGpu: Boolean(navigator.gpu) };
}

(globalThis as unknown as { loopbenchKernels: unknown }).loopbenchKernels = { check, info, compare };
