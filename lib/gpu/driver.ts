import type { CaseProfile, GeneratedCase, KernelProblem } from "@/kernels/types";
import { DeviceLostError, KernelRuntimeError, KernelTimeoutError, PipelineError, type ExecBackend, type PreparedCase, type TimingMethod } from "./backend";
import { compareOutput } from "./compare";
import { checkContract, checkDispatchSize } from "./contract";
import { evaluateDispatch } from "./directive";
import { projectWork, throughput } from "./metrics";
import type { CaseResult, KernelResult, MeasuredOn, Timing, Verdict } from "./result";
import { pairedRatio, sampleStats, type RatioStats } from "./stats";

/** Roofline projections onto target GPUs are shown only for work bound above this (ms). */
export const PROJECTION_MIN_MS = 0.05;

export type GradeOptions = {
  /** Which case list; default: `reduced` on slow backends (software adapters), `full` otherwise, `cpu` on the CPU backend. */
  profile?: CaseProfile;
  /** Graded cases are generated from this seed; by default a fresh random one the attempt never sees. */
  hiddenSeed?: number;
  /** Time the attempt on the timing case (default true). */
  timing?: boolean;
  /** Skip the timing where it would not be measured on a GPU (a kernel round's grading: speed counts only there). */
  timeOnlyOnGpu?: boolean;
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

type Calibrated = { p: PreparedCase; runsPerSample: number; method: TimingMethod };

/** First use, a probe, then warm-up batches of about 25 ms of device time; sizes a sample to `targetMs`. */
async function warmUp(p: PreparedCase, o: TimingOptions, busy: boolean): Promise<Calibrated> {
  const force = o.force;
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
  // A sample must sit far above the clock's resolution: timestamps resolve to about a microsecond,
  // onSubmittedWorkDone and the CPU clock to a tenth of a millisecond plus submission overhead.
  const targetMs = last.method === "timestamp-query" ? 5 : 40;
  return { p, runsPerSample: Math.max(1, Math.min(256, Math.ceil(targetMs / perRun))), method: last.method };
}

export type InterleavedTiming = {
  /** Per case, one sample (ms per run) per round; round r of every case was taken back to back. */
  samplesMs: number[][];
  runsPerSample: number[];
  method: TimingMethod;
  warmupMs: number;
  rounds: number;
};

/**
 * Times several prepared cases in interleaved rounds: each is warmed up (at least `warmupMs` of back-to-back
 * batches, so a real GPU has left its idle clocks) and calibrated on its own, then every round takes one
 * sample of each, alternating the order (ABBA: a linear drift of the machine cancels), so a slow patch of a
 * noisy machine slows all of them alike and their per-round ratios stay honest. Rounds continue until
 * `maxRounds` or, past `minRounds`, the budget. The device is kept busy between batches with untimed runs
 * (GPU clocks drop within milliseconds of idling), except after the very last sample, which is always case 0's:
 * the caller checks case 0's outputs and they must be a timed run's.
 */
export async function timeInterleaved(cases: PreparedCase[], opts: TimingOptions & { minRounds?: number; maxRounds?: number }): Promise<InterleavedTiming> {
  const busy = opts.keepBusy !== false;
  const w0 = now();
  const cal: Calibrated[] = [];
  for (const p of cases) cal.push(await warmUp(p, opts, busy));
  const warmupMs = now() - w0;
  const minRounds = opts.minRounds ?? (cases.length > 1 ? 5 : 3);
  const maxRounds = opts.maxRounds ?? 25;
  const samplesMs: number[][] = cases.map(() => []);
  let method = cal[0].method;
  const t0 = now();
  for (let r = 0; ; r++) {
    const lastRound = r + 1 >= maxRounds || (r + 1 >= minRounds && now() - t0 >= opts.budgetMs);
    const order = cases.map((_, i) => i);
    // ABBA order; the last round ends with case 0 whatever its parity.
    if (lastRound || r % 2 === 0) order.reverse();
    for (const i of order) {
      const c = cal[i];
      const final = lastRound && i === 0;
      const s = await c.p.time(c.runsPerSample, opts.force, busy && !final);
      samplesMs[i].push(s.totalMs / c.runsPerSample);
      if (i === 0) method = s.method;
    }
    if (lastRound) return { samplesMs, runsPerSample: cal.map((c) => c.runsPerSample), method, warmupMs, rounds: r + 1 };
  }
}

/**
 * Times an already-prepared case alone (see timeInterleaved): warm-up, calibration, then samples until 25 or,
 * past 3, the budget. The last work left on the device is a timed run, whose output the caller checks.
 */
export async function timePrepared(p: PreparedCase, opts: TimingOptions | number): Promise<{ samplesMs: number[]; runsPerSample: number; method: TimingMethod; warmupMs: number }> {
  const o: TimingOptions = typeof opts === "number" ? { budgetMs: opts } : opts;
  const t = await timeInterleaved([p], o);
  return { samplesMs: t.samplesMs[0], runsPerSample: t.runsPerSample[0], method: t.method, warmupMs: t.warmupMs };
}

/** Where a backend's times come from: only a real GPU adapter's mean anything for a GPU kernel's speed. */
export function measuredOn(backend: Pick<ExecBackend, "kind" | "adapter" | "slow">): MeasuredOn {
  if (backend.kind === "cpu") return "cpu";
  return backend.adapter.isFallbackAdapter || backend.slow ? "software" : "gpu";
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
    // GPUs: clocks ramp up under load. The CPU fallback: the JavaScript engine compiles a kernel's hot code
    // only after it has run a few times (the first runs can be 30x slower). Software adapters: no need.
    warmupMs: opts.warmupMs ?? (backend.kind === "cpu" ? 300 : backend.slow ? 0 : 200),
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
      const size = checkDispatchSize(grid.grid, contract.workgroupSize, g, `Case ${spec.name}`);
      if (!size.ok) return finish("fail-contract", size.message);
      const ref = problem.reference(g);
      const prepared = await backend.prepare(problem, compiled.program, g, grid.grid, runTimeoutMs);
      try {
        const outs = await prepared.run();
        const cr = judgeCase(problem, g, ref, outs, false);
        result.cases.push(cr);
        if (!cr.pass) failed ??= `Case ${spec.name} (${spec.purpose}): ${cr.detail}`;
        if (spec.timing && opts.timing !== false && !(opts.timeOnlyOnGpu && measuredOn(backend) !== "gpu") && !failed) {
          timingCase = { g, grid: grid.grid };
          // The naive reference on the same case, prepared now so the two are timed in interleaved rounds.
          const naive = opts.naiveSource ? await prepareNaive(backend, problem, opts.naiveSource, g, runTimeoutMs) : null;
          let t: InterleavedTiming;
          try {
            progress(naive ? `timing ${spec.name} (interleaved with the naive reference)` : `timing ${spec.name}`);
            t = await timeInterleaved(naive ? [prepared, naive] : [prepared], timingOpts);
          } finally {
            naive?.release();
          }
          // The check after the timed runs uses the timed runs' own output.
          const after = judgeCase(problem, g, ref, await prepared.readOutputs(), true);
          result.cases.push(after);
          if (!after.pass) {
            failed = `Case ${spec.name} after the timed runs: ${after.detail}`;
          } else {
            const st = sampleStats(t.samplesMs[0]);
            const work = problem.work(g);
            const speed: RatioStats | null = naive ? pairedRatio(t.samplesMs[1], t.samplesMs[0]) : null;
            result.timing = {
              case: spec.name,
              ...st,
              measuredOn: measuredOn(backend),
              samples: t.samplesMs[0].length,
              runsPerSample: t.runsPerSample[0],
              method: t.method,
              flops: work.flops,
              bytes: work.bytes,
              ...throughput(work, st.medianMs, null),
              speedupOverNaive: speed && Number.isFinite(speed.median) ? speed.median : null,
              speedupCi: speed && Number.isFinite(speed.median) ? { lo: speed.lo, hi: speed.hi, level: speed.level } : null,
              naiveMedianMs: naive ? sampleStats(t.samplesMs[1]).medianMs : null,
              rounds: t.rounds,
            };
          }
        }
      } finally {
        prepared.release();
      }
    }
  } catch (e) {
    if (e instanceof PipelineError) return finish("fail-compile", e.message);
    // A barrier in non-uniform control flow: a WGSL compiler rejects it; the CPU fallback finds it running.
    if (e instanceof KernelRuntimeError) return finish("fail-compile", e.message);
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
      // Only where the bound is far above a launch (about 5 us): below it, launch overhead and caches decide.
      const all = projectWork(work);
      result.projections = all.filter((p) => p.boundMs >= PROJECTION_MIN_MS);
      if (!result.projections.length) {
        const fastest = Math.max(...all.map((p) => p.boundMs));
        result.projectionNote = `Not projected onto GPUs: this case's work is bound at ${(fastest * 1000).toPrecision(2)} us or less on every target, where launch overhead (about 5 us) and caches, not bandwidth or FMA rate, decide the time. Projections appear for cases whose bound is at least ${PROJECTION_MIN_MS * 1000} us.`;
      }
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
  }
  const t = result.timing;
  const where = t?.measuredOn === "gpu" ? "" : t?.measuredOn === "software" ? ` Measured on ${backend.adapter.label}: these times say nothing about a GPU kernel's speed.` : t ? " Measured on the CPU fallback: not a GPU, so these times say nothing about a GPU kernel's speed." : "";
  const msg = t
    ? `All ${result.cases.length} checks passed. ${t.case}: median ${t.medianMs.toPrecision(3)} ms, ${t.gflops.toPrecision(3)} GFLOP/s, ${t.gbps.toPrecision(3)} GB/s` +
      (t.rooflineFraction !== null ? `, ${(t.rooflineFraction * 100).toFixed(1)}% of this device's measured roofline` : "") +
      (t.speedupOverNaive !== null ? `, ${t.speedupOverNaive.toFixed(2)}x the naive reference` + (t.speedupCi ? ` (${Math.round(t.speedupCi.level * 100)}% CI ${t.speedupCi.lo.toFixed(2)}-${t.speedupCi.hi.toFixed(2)}, ${t.rounds} interleaved rounds)` : "") : "") +
      (t.impossible ? " (faster than this device's measured roofline allows: flagged, not ranked)" : "") +
      "." +
      where
    : `All ${result.cases.length} checks passed.`;
  return finish("pass", msg);
}

export type TimingAgreement = {
  problem: string;
  case: string;
  measuredOn: MeasuredOn;
  method: TimingMethod;
  /** Two timings one after the other, as two clicks of Benchmark: their medians and how far apart they are. */
  firstMs: number;
  secondMs: number;
  sequentialGap: number;
  /** The same kernel on two copies of the case in interleaved rounds (an A/A test): median ratio and its CI. */
  interleaved: RatioStats;
  /** Both gaps (|ratio - 1|) within `tolerance`. */
  agree: boolean;
  tolerance: number;
};

/**
 * The timing method's own check: the same kernel timed twice must agree within `tolerance` (10%). Times the
 * problem's timing case twice in a row (warm-up and all, as two Benchmark clicks), then two prepared copies of
 * it in interleaved rounds, whose true ratio is exactly 1.
 */
export async function timingAgreement<P>(
  backend: ExecBackend<P>,
  problem: KernelProblem,
  source: string,
  opts: Pick<GradeOptions, "profile" | "hiddenSeed" | "timeBudgetMs" | "runTimeoutMs" | "warmupMs"> & { tolerance?: number } = {},
): Promise<TimingAgreement> {
  const profile: CaseProfile = opts.profile ?? (backend.kind === "cpu" ? "cpu" : backend.slow ? "reduced" : "full");
  const spec = problem.cases[profile].find((c) => c.timing);
  if (!spec) throw new Error(`${problem.id} has no timing case in profile ${profile}`);
  const compiled = await backend.compile(problem, source);
  if (!compiled.ok) throw new Error(`does not compile: ${compiled.message}`);
  const contract = checkContract(problem, source);
  if (!contract.ok) throw new Error(contract.message);
  const g = problem.generate(spec, opts.hiddenSeed ?? 1);
  const grid = evaluateDispatch(contract.dispatch, g.params, backend.maxWorkgroupsPerDimension);
  if (!grid.ok) throw new Error(grid.message);
  const size = checkDispatchSize(grid.grid, contract.workgroupSize, g, "timing case");
  if (!size.ok) throw new Error(size.message);
  const runTimeoutMs = opts.runTimeoutMs ?? (backend.slow ? 20_000 : 10_000);
  const o: TimingOptions = {
    budgetMs: opts.timeBudgetMs ?? (backend.slow ? 4000 : 1500),
    warmupMs: opts.warmupMs ?? (backend.kind === "cpu" ? 300 : backend.slow ? 0 : 200),
    keepBusy: !backend.slow,
  };
  const a = await backend.prepare(problem, compiled.program, g, grid.grid, runTimeoutMs);
  const b = await backend.prepare(problem, compiled.program, g, grid.grid, runTimeoutMs);
  try {
    const first = await timePrepared(a, o);
    const second = await timePrepared(a, o);
    const both = await timeInterleaved([a, b], o);
    const tolerance = opts.tolerance ?? 0.1;
    const firstMs = sampleStats(first.samplesMs).medianMs;
    const secondMs = sampleStats(second.samplesMs).medianMs;
    const interleaved = pairedRatio(both.samplesMs[0], both.samplesMs[1]);
    const sequentialGap = Math.abs(secondMs / firstMs - 1);
    return {
      problem: problem.id,
      case: spec.name,
      measuredOn: measuredOn(backend),
      method: both.method,
      firstMs,
      secondMs,
      sequentialGap,
      interleaved,
      agree: sequentialGap <= tolerance && Math.abs(interleaved.median - 1) <= tolerance,
      tolerance,
    };
  } finally {
    a.release();
    b.release();
  }
}

export type BackendComparison = {
  problem: string;
  case: string;
  /** Per backend, in the order given: label, correct on the case, median ms per run. */
  backends: { label: string; kind: string; pass: boolean; detail?: string; medianMs: number; samples: number }[];
  /** Median over interleaved rounds of time(b) / time(a): above 1, backend a is faster. */
  aOverB: RatioStats;
};

/**
 * The same kernel on two backends (the CPU fallback and WebGPU, say), on one case, timed in interleaved rounds
 * in the same page: a slow patch of a busy machine slows both alike, so the per-round ratio is what to read.
 * Each backend's output is checked against the float64 reference first.
 */
export async function compareBackends<A, B>(
  a: ExecBackend<A>,
  b: ExecBackend<B>,
  problem: KernelProblem,
  source: string,
  opts: { profile?: CaseProfile; hiddenSeed?: number; timeBudgetMs?: number; warmupMs?: number; runTimeoutMs?: number; minRounds?: number } = {},
): Promise<BackendComparison> {
  const spec = problem.cases[opts.profile ?? "cpu"].find((c) => c.timing);
  if (!spec) throw new Error(`${problem.id} has no timing case`);
  const g = problem.generate(spec, opts.hiddenSeed ?? 1);
  const ref = problem.reference(g);
  const contract = checkContract(problem, source);
  if (!contract.ok) throw new Error(contract.message);
  const prepared: PreparedCase[] = [];
  const info: BackendComparison["backends"] = [];
  try {
    for (const be of [a, b] as ExecBackend<unknown>[]) {
      const compiled = await be.compile(problem, source);
      if (!compiled.ok) throw new Error(`${be.adapter.label}: ${compiled.message}`);
      const grid = evaluateDispatch(contract.dispatch, g.params, be.maxWorkgroupsPerDimension);
      if (!grid.ok) throw new Error(grid.message);
      const p = await be.prepare(problem, compiled.program, g, grid.grid, opts.runTimeoutMs ?? 20_000);
      prepared.push(p);
      const cr = judgeCase(problem, g, ref, await p.run(), false);
      info.push({ label: be.adapter.label, kind: be.kind, pass: cr.pass, detail: cr.detail, medianMs: NaN, samples: 0 });
    }
    const t = await timeInterleaved(prepared, { budgetMs: opts.timeBudgetMs ?? 1500, warmupMs: opts.warmupMs ?? 300, keepBusy: false, minRounds: opts.minRounds ?? 7 });
    t.samplesMs.forEach((s, i) => {
      info[i].medianMs = sampleStats(s).medianMs;
      info[i].samples = s.length;
    });
    return { problem: problem.id, case: spec.name, backends: info, aOverB: pairedRatio(t.samplesMs[1], t.samplesMs[0]) };
  } finally {
    for (const p of prepared) p.release();
  }
}

/** The naive reference prepared on the timing case; null (no speed-up figure) if it cannot run here. */
async function prepareNaive<P>(backend: ExecBackend<P>, problem: KernelProblem, source: string, g: GeneratedCase, runTimeoutMs: number): Promise<PreparedCase | null> {
  const naive = await backend.compile(problem, source);
  if (!naive.ok) return null;
  const nc = checkContract(problem, source);
  const grid = nc.ok ? evaluateDispatch(nc.dispatch, g.params, backend.maxWorkgroupsPerDimension) : null;
  if (!grid?.ok) return null;
  return backend.prepare(problem, naive.program, g, grid.grid, runTimeoutMs);
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
