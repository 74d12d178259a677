/**
 * Node-side entry points on the headless harness, shared by the CLI, the tests and a server-side grader.
 */
import { getKernelProblem, kernelProblems } from "@/kernels";
import { readKernelFile } from "@/kernels/files";
import type { CaseProfile } from "@/kernels/types";
import type { GradeOptions } from "./driver";
import { openHeadlessHarness, withHeadlessHarness, type HarnessBackend } from "./headless";
import type { KernelResult } from "./result";

export type HeadlessCheckOptions = {
  backend?: HarnessBackend;
  profile?: CaseProfile;
  hiddenSeed?: number;
  /** Time the naive reference too, for the speedup figure (default true). */
  speedup?: boolean;
  timing?: boolean;
  /** Time only where the adapter is a real GPU (the kernel round: speed counts only there). */
  timeOnlyOnGpu?: boolean;
  runTimeoutMs?: number;
  timeBudgetMs?: number;
  /** Hard deadline for the whole check, browser start included: past it the browser is killed. */
  deadlineMs?: number;
  /** Use the server's one shared browser (lib/sandbox/chromium.ts) instead of starting one. */
  shared?: boolean;
};

function gradeOptions(problemId: string, o: HeadlessCheckOptions): Omit<GradeOptions, "onProgress"> {
  const problem = getKernelProblem(problemId)!;
  return {
    profile: o.profile,
    hiddenSeed: o.hiddenSeed,
    timing: o.timing,
    timeOnlyOnGpu: o.timeOnlyOnGpu,
    runTimeoutMs: o.runTimeoutMs,
    timeBudgetMs: o.timeBudgetMs,
    naiveSource: o.speedup === false ? undefined : readKernelFile(problem.id, problem.files.naive),
  };
}

/** Grades one attempt in a fresh headless browser (the server-side path of a kernel round). */
export async function checkKernelHeadless(problemId: string, source: string, o: HeadlessCheckOptions = {}): Promise<KernelResult> {
  if (!getKernelProblem(problemId)) throw new Error(`unknown problem "${problemId}"`);
  const backend = o.backend ?? "webgpu";
  return withHeadlessHarness({ backend, deadlineMs: o.deadlineMs ?? 240_000, shared: o.shared }, (s) =>
    s.check({ problemId, source, backend: backend === "cpu" ? "cpu" : "auto", options: gradeOptions(problemId, o) }),
  );
}

export type BenchRow = { problem: string; solution: "naive" | "fast"; result: KernelResult };

/** Runs every reference solution (naive and fast) in one browser; fast rows carry the speedup over naive. */
export async function benchReferencesHeadless(o: HeadlessCheckOptions & { onRow?: (r: BenchRow) => void } = {}): Promise<BenchRow[]> {
  const backend = o.backend ?? "webgpu";
  const rows: BenchRow[] = [];
  return withHeadlessHarness({ backend, deadlineMs: o.deadlineMs ?? 570_000 }, async (s) => {
    for (const p of kernelProblems) {
      for (const solution of ["naive", "fast"] as const) {
        const source = readKernelFile(p.id, p.files[solution]);
        const result = await s.check({
          problemId: p.id,
          source,
          backend: backend === "cpu" ? "cpu" : "auto",
          options: { ...gradeOptions(p.id, { ...o, speedup: solution === "fast" && o.speedup !== false }) },
        });
        const row = { problem: p.id, solution, result };
        rows.push(row);
        o.onRow?.(row);
      }
    }
    return rows;
  });
}

export { openHeadlessHarness };

export type BackendBenchRow = {
  problem: string;
  solution: "naive" | "fast";
  run: number;
  case: string;
  webgpuMs: number;
  cpuMs: number;
  /** Median over interleaved rounds of WebGPU time / CPU time (above 1: the CPU fallback is faster), its CI. */
  cpuOverWebgpu: number;
  ciLo: number;
  ciHi: number;
  rounds: number;
  webgpuPass: boolean;
  cpuPass: boolean;
  adapter: string;
  cpuLabel: string;
};

/**
 * Both backends in one browser, on the same case (the `cpu` profile's timing case): each reference solution
 * prepared on the CPU fallback and on WebGPU (SwiftShader on a machine without a GPU) and timed in interleaved
 * rounds, `repeat` times. The per-round ratio cancels the machine's slow patches (two cores shared with
 * others give 10x swings between seconds).
 */
export async function benchBackendsHeadless(o: { repeat?: number; timeBudgetMs?: number; deadlineMs?: number; onRow?: (r: BackendBenchRow) => void } = {}): Promise<BackendBenchRow[]> {
  const rows: BackendBenchRow[] = [];
  return withHeadlessHarness({ backend: "webgpu", deadlineMs: o.deadlineMs ?? 1_500_000 }, async (s) => {
    for (let run = 0; run < (o.repeat ?? 3); run++) {
      for (const p of kernelProblems) {
        for (const solution of ["naive", "fast"] as const) {
          const source = readKernelFile(p.id, p.files[solution]);
          const c = await s.compare({ problemId: p.id, source, timeBudgetMs: o.timeBudgetMs ?? 1500, hiddenSeed: 4242 });
          const [cpu, gpu] = c.backends;
          const row: BackendBenchRow = {
            problem: p.id,
            solution,
            run,
            case: c.case,
            webgpuMs: gpu.medianMs,
            cpuMs: cpu.medianMs,
            cpuOverWebgpu: c.aOverB.median,
            ciLo: c.aOverB.lo,
            ciHi: c.aOverB.hi,
            rounds: c.aOverB.rounds,
            webgpuPass: gpu.pass,
            cpuPass: cpu.pass,
            adapter: gpu.label,
            cpuLabel: cpu.label,
          };
          rows.push(row);
          o.onRow?.(row);
        }
      }
    }
    return rows;
  });
}
