import type { CaseProfile, GeneratedCase, KernelProblem } from "@/kernels/types";
import { DeviceLostError, KernelTimeoutError, PipelineError, type ExecBackend, type PreparedCase, type TimingMethod } from "./backend";
import { compareOutput } from "./compare";
import { checkContract } from "./contract";
import { evaluateDispatch } from "./directive";
import { projectWork, sampleStats, throughput } from "./metrics";
import type { CaseResult, KernelResult, Timing, Verdict } from "./result";

export type GradeOptions = {
  /** Which case list; default: `reduced` on slow backends (software adapters), `full` otherwise, `cpu` on the CPU backend. */
  profile?: CaseProfile;
  /** Graded cases are generated from this seed; by default a fresh random one the attempt never sees. */
  hiddenSeed?: number;
  /** Time the attempt on the timing case (default true). */
  timing?: boolean;
  /** Wall-clock budget for the timing samples of one kernel (default 1500 ms, 4000 on slow backends). */
  timeBudgetMs?: number;
  /** Wall-clock limit of one run (default 10 s, 20 s on slow backends). */
  runTimeoutMs?: number;
  /** The naive reference solution's source: timed on the same case for a speedup figure. */
  naiveSource?: string;
  /**
   * Minimum wall-clock warm-up before the timed samples (default 200 ms on GPUs, whose clocks ramp up under
   * load; 0 on slow backends, where two warm-up runs already take long enough).
   */
  warmupMs?: number;
  /** Force the wall-clock timing path (`submitted-work-done`) even where timestamps exist: for tests. */
  timingMethod?: "auto" | "submitted-work-done";
  /** Measure the device roofline and report the attempt's share of it (default true on WebGPU). */
  roofline?: boolean;
  onProgress?: (message: string) => void;
};

function randomSeed(): number {
  const a = new Uint32Array(1);
  globalThis.crypto.getRandomValues(a);
  return a[0];
}

function baseResult(backend: ExecBackend, problem: KernelProblem, profile: CaseProfile): KernelResult {
  return {
    problem: problem.id,
    backend: backend.kind,
    adapter: backend.adapter,
    verdict: "pass",
    message: "",
    profile,
    diagnostics: [],
    cases: [],
    timing: null,
    roofline: null,
    elapsedMs: 0,
  };
}

const now = () => performance.now();

export type TimingOptions = {
  /** Wall-clock budget of the samples. */
  budgetMs: number;
  /** Keep the device busy at least this long before sampling (GPU clocks ramp up under load). */
  warmupMs?: number;
  /** At least this many warm-up runs, whatever the time (default 3). */
  warmupRuns?: number;
  force?: TimingMethod;
  /** Keep the device busy between samples (untimed runs queued behind each timed batch); default true. */
  keepBusy?: boolean;
};

/**
 * Times an already-prepared case: warm-up (at least `warmupMs` of back-to-back batches and `warmupRuns` runs,
 * so a real GPU has left its idle clocks), calibration on the last warm-up batch, then samples of several runs
 * each. Between batches the device is kept busy with untimed runs (GPU clocks drop within milliseconds of
 * idling); the last sample has none after it, so the last work left on the device is a timed run, whose
 * output the caller checks.
 */
export async function timePrepared(p: PreparedCase, opts: TimingOptions | number): Promise<{ samplesMs: number[]; runsPerSample: number; method: TimingMethod; warmupMs: number }> {
  const o: TimingOptions = typeof opts === "number" ? { budgetMs: opts } : opts;
  const force = o.force;
  const busy = o.keepBusy !== false;
  const w0 = now();
  // First use (pipeline and buffers resident), then a one-run probe to size the warm-up batches.
  await p.time(2, force);
  let last = await p.time(1, force, busy);
  let perRun = Math.max(last.totalMs, 1e-4);
  let warmRuns = 3;
  const warmupMs = o.warmupMs ?? 0;
  const minRuns = o.warmupRuns ?? 3;
  while (now() - w0 < warmupMs || warmRuns < minRuns) {
    // Batches of about 25 ms of device time: long enough to keep the clocks up, short enough to stop on time.
    const n = Math.max(1, Math.min(256, Math.ceil(25 / perRun)));
    last = await p.time(n, force, busy);
    perRun = Math.max(last.totalMs / n, 1e-4);
    warmRuns += n;
  }
  let method = last.method;
  // A sample must sit far above the clock's resolution: timestamps resolve to about a microsecond,
  // onSubmittedWorkDone and the CPU clock to a tenth of a millisecond plus submission overhead.
  const targetMs = method === "timestamp-query" ? 5 : 40;
  const runsPerSample = Math.max(1, Math.min(256, Math.ceil(targetMs / perRun)));
  const samplesMs: number[] = [];
  const t0 = now();
  for (;;) {
    // The last sample leaves no untimed runs behind: its output is what the caller checks.
    const lastSample = samplesMs.length + 1 >= 25 || (samplesMs.length + 1 >= 3 && now() - t0 >= o.budgetMs);
    const s = await p.time(runsPerSample, force, busy && !lastSample);
    samplesMs.push(s.totalMs / runsPerSample);
    method = s.method;
    if (lastSample) break;
  }
  return { samplesMs, runsPerSample, method, warmupMs: t0 - w0 };
}

export async function gradeAttempt<P>(backend: ExecBackend<P>, problem: KernelProblem, source: string, opts: GradeOptions = {}): Promise<KernelResult> {
  const start = now();
  const profile: CaseProfile = opts.profile ?? (backend.kind === "cpu" ? "cpu" : backend.slow ? "reduced" : "full");
  const result = baseResult(backend, problem, profile);
  const progress = opts.onProgress ?? (() => {});
  const runTimeoutMs = opts.runTimeoutMs ?? (backend.slow ? 20_000 : 10_000);
  const budgetMs = opts.timeBudgetMs ?? (backend.slow ? 4000 : 1500);
  const hiddenSeed = opts.hiddenSeed ?? randomSeed();
  const timingOpts = {
    budgetMs,
    warmupMs: opts.warmupMs ?? (backend.slow ? 0 : 200),
    force: opts.timingMethod === "submitted-work-done" ? ("submitted-work-done" as const) : undefined,
    // Software adapters have no clocks to keep up, and the extra runs would double their timing time.
    keepBusy: !backend.slow,
  };
  const finish = (verdict: Verdict, message: string): KernelResult => {
    result.verdict = verdict;
    result.message = message;
    const ev = backend.takeEvents();
    if (ev.length) result.deviceEvents = ev;
    result.elapsedMs = now() - start;
    return result;
  };

  progress("compiling");
  const compiled = await backend.compile(problem, source);
  result.diagnostics = compiled.diagnostics;
  if (!compiled.ok) return finish("fail-compile", compiled.message);

  const contract = checkContract(problem, source);
  if (!contract.ok) {
    if (contract.parseError && backend.kind === "cpu") return finish("fail-compile", contract.message);
    return finish("fail-contract", contract.message + (contract.parseError ? " (the contract checker could not read this WGSL)" : ""));
  }

  let failed: string | null = null;
  let timingCase: { g: GeneratedCase; grid: [number, number, number] } | null = null;
  try {
    for (const spec of problem.cases[profile]) {
      progress(`case ${spec.name}`);
      const g = problem.generate(spec, hiddenSeed);
      const grid = evaluateDispatch(contract.dispatch, g.params, backend.maxWorkgroupsPerDimension);
      if (!grid.ok) return finish("fail-contract", `Case ${spec.name}: ${grid.message}`);
      const ref = problem.reference(g);
      const prepared = await backend.prepare(problem, compiled.program, g, grid.grid, runTimeoutMs);
      try {
        const outs = await prepared.run();
        const cr = judgeCase(problem, g, ref, outs, false);
        result.cases.push(cr);
        if (!cr.pass) failed ??= `Case ${spec.name} (${spec.purpose}): ${cr.detail}`;
        if (spec.timing && opts.timing !== false && !failed) {
          progress(`timing ${spec.name}`);
          timingCase = { g, grid: grid.grid };
          const t = await timePrepared(prepared, timingOpts);
          // The check after the timed runs uses the timed runs' own output.
          const after = judgeCase(problem, g, ref, await prepared.readOutputs(), true);
          result.cases.push(after);
          if (!after.pass) {
            failed = `Case ${spec.name} after the timed runs: ${after.detail}`;
          } else {
            const st = sampleStats(t.samplesMs);
            const work = problem.work(g);
            result.timing = {
              case: spec.name,
              ...st,
              samples: t.samplesMs.length,
              runsPerSample: t.runsPerSample,
              method: t.method,
              flops: work.flops,
              bytes: work.bytes,
              ...throughput(work, st.medianMs, null),
              speedupOverNaive: null,
            };
          }
        }
      } finally {
        prepared.release();
      }
    }
  } catch (e) {
    if (e instanceof PipelineError) return finish("fail-compile", e.message);
    if (e instanceof KernelTimeoutError) {
      progress("timeout: recovering the device");
      await recoverWithin(backend, 5000);
      return finish("fail-timeout", `The kernel did not finish within ${e.limitMs} ms; the device was destroyed and recreated.`);
    }
    if (e instanceof DeviceLostError) {
      await recoverWithin(backend, 5000);
      return finish("fail-wrong", `The device was lost while running the kernel (${e.message}); it was recreated.`);
    }
    throw e;
  }
  if (failed) return finish("fail-wrong", failed);

  if (result.timing && timingCase) {
    const timing: Timing = result.timing;
    const work = { flops: timing.flops, bytes: timing.bytes };
    if (backend.kind === "webgpu" && opts.roofline !== false) {
      progress("measuring the device roofline");
      result.roofline = await backend.roofline();
      Object.assign(timing, throughput(work, timing.medianMs, result.roofline));
    }
    if (backend.kind === "cpu") {
      result.projections = projectWork(work);
      // Repeat until the clock can see it (a small case takes under the browser's timer resolution).
      const r0 = now();
      let n = 0;
      do {
        problem.reference(timingCase.g);
        n++;
      } while (now() - r0 < 20 && n < 1000);
      const ms = Math.max((now() - r0) / n, 1e-6);
      result.cpuReference = { ms, gflops: work.flops / (ms / 1000) / 1e9 };
    }
    if (opts.naiveSource) {
      progress("timing the naive reference");
      const naive = await backend.compile(problem, opts.naiveSource);
      if (naive.ok) {
        const nc = checkContract(problem, opts.naiveSource);
        const ngrid = nc.ok ? evaluateDispatch(nc.dispatch, timingCase.g.params, backend.maxWorkgroupsPerDimension) : null;
        if (ngrid?.ok) {
          const p = await backend.prepare(problem, naive.program, timingCase.g, ngrid.grid, runTimeoutMs);
          try {
            const t = await timePrepared(p, timingOpts);
            timing.speedupOverNaive = sampleStats(t.samplesMs).medianMs / timing.medianMs;
          } finally {
            p.release();
          }
        }
      }
    }
  }
  const t = result.timing;
  const msg = t
    ? `All ${result.cases.length} checks passed. ${t.case}: median ${t.medianMs.toPrecision(3)} ms, ${t.gflops.toPrecision(3)} GFLOP/s, ${t.gbps.toPrecision(3)} GB/s` +
      (t.rooflineFraction !== null ? `, ${(t.rooflineFraction * 100).toFixed(1)}% of this device's measured roofline` : "") +
      (t.impossible ? " (faster than this device's measured roofline allows: flagged, not ranked)" : "") +
      "."
    : `All ${result.cases.length} checks passed.`;
  return finish("pass", msg);
}

/** A GPU stuck in a never-ending kernel may not give a new device back: do not wait on it forever. */
async function recoverWithin(backend: ExecBackend<unknown>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    backend.recover().catch(() => {}),
    new Promise<void>((r) => {
      timer = setTimeout(r, ms);
    }),
  ]);
  clearTimeout(timer);
}

function judgeCase(
  problem: KernelProblem,
  g: GeneratedCase,
  ref: ReturnType<KernelProblem["reference"]>,
  outs: Record<string, Float32Array>,
  timed: boolean,
): CaseResult {
  let maxAbs = 0;
  let relL2 = 0;
  const details: string[] = [];
  for (const b of problem.bindings.filter((x) => x.role !== "input")) {
    const initial = b.role === "inout" ? (g.inputs[b.name] as Float32Array) : undefined;
    const c = compareOutput(b.name, outs[b.name], ref[b.name], problem.tolerance, initial);
    maxAbs = Math.max(maxAbs, c.maxAbsError);
    relL2 = Math.max(relL2, c.relL2);
    if (!c.pass && c.detail) details.push(c.detail);
  }
  return {
    name: g.spec.name,
    shape: g.spec.shape,
    maxAbsError: Number.isFinite(maxAbs) ? maxAbs : null,
    relL2: Number.isFinite(relL2) ? relL2 : null,
    pass: details.length === 0,
    detail: details.length ? details.join("; ") : undefined,
    ...(timed ? { timed: true } : {}),
  };
}
