import { check } from "./checker";
import type { CaseResult, HostToWorker, Language, RunError, RunRequest, RunResult, WorkerToHost } from "./types";

/**
 * The host side of the runner, the same in the browser and in Node: one worker per language, a
 * watchdog per step (loading the code, then each case), kill-and-restart at the limit, and the
 * checker applied here, where the expected values stay.
 */
export type WorkerExit = { kind: "memory" | "crash"; message: string };

export type WorkerPort = {
  post(message: HostToWorker): void;
  terminate(): void;
  /** Node: keep the process alive while the worker works, let it exit while idle. */
  setBusy?(busy: boolean): void;
};

export type WorkerFactory = (handlers: { onMessage(m: WorkerToHost): void; onExit(e: WorkerExit): void }) => WorkerPort;

export type RunnerOptions = {
  createWorker: WorkerFactory;
  /** Python only: interrupt a runaway case with KeyboardInterrupt instead of killing the warm interpreter (needs SharedArrayBuffer). */
  interruptible?: boolean;
  /** Throw the worker away after every run and start a fresh one, so no run sees another's state (server grading). */
  recycle?: boolean;
  /** Restart a killed worker in the background, so the next run finds it warm (browser). */
  rewarmAfterKill?: boolean;
  /** After how many kills in one run the remaining cases are given up as not run. */
  maxRestarts?: number;
  /** Limit for starting a language runtime (Pyodide), in ms. */
  startTimeoutMs?: number;
  onProgress?: (language: Language, message: string, loaded?: number, total?: number) => void;
};

type Slot = {
  language: Language;
  port: WorkerPort;
  ready: Promise<void>;
  interrupt?: Int32Array;
  dead: boolean;
  listener: ((m: WorkerToHost) => void) | null;
  exitListener: ((e: WorkerExit) => void) | null;
};

type Outcome =
  | { kind: "done" }
  | { kind: "load-failed"; error: RunError; stdout: string }
  | { kind: "killed"; index: number | null; error: RunError; elapsedMs: number };

const INTERRUPT_GRACE_MS = 750;
const MAX_RESULT_CHARS = 4_000_000;

const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

export class TestRunner {
  private slots = new Map<Language, Slot>();
  private queue: Promise<unknown> = Promise.resolve();
  private runIds = 0;
  private disposed = false;

  constructor(private readonly opts: RunnerOptions) {}

  /** Starts a language's runtime ahead of the first run (Pyodide takes seconds). */
  warm(language: Language): Promise<void> {
    return this.slot(language).then(() => undefined);
  }

  /** Runs are queued: one at a time per runner. */
  run(req: RunRequest): Promise<RunResult> {
    const p = this.queue.then(() => this.runNow(req));
    this.queue = p.catch(() => undefined);
    return p;
  }

  dispose(): void {
    this.disposed = true;
    for (const language of [...this.slots.keys()]) this.drop(language);
  }

  private slot(language: Language): Promise<Slot> {
    if (this.disposed) return Promise.reject(new Error("runner disposed"));
    const existing = this.slots.get(language);
    if (existing && !existing.dead) return existing.ready.then(() => existing);
    const slot = { language, dead: false, listener: null, exitListener: null } as unknown as Slot;
    slot.port = this.opts.createWorker({
      onMessage: (m) => {
        if (m.type === "progress") this.opts.onProgress?.(language, m.message, m.loaded, m.total);
        slot.listener?.(m);
      },
      onExit: (e) => {
        slot.dead = true;
        if (this.slots.get(language) === slot) this.slots.delete(language);
        slot.exitListener?.(e);
      },
    });
    const buffer =
      language === "python" && this.opts.interruptible && typeof SharedArrayBuffer !== "undefined" ? new SharedArrayBuffer(4) : undefined;
    if (buffer) slot.interrupt = new Int32Array(buffer);
    slot.port.setBusy?.(true);
    slot.ready = new Promise<void>((resolve, reject) => {
      const limit = this.opts.startTimeoutMs ?? 120_000;
      const timer = setTimeout(() => fail(new Error(`the ${language} runtime did not start within ${limit / 1000} s`)), limit);
      const fail = (err: Error) => {
        clearTimeout(timer);
        slot.listener = slot.exitListener = null;
        this.kill(slot);
        reject(err);
      };
      slot.listener = (m) => {
        if (m.type === "ready") {
          clearTimeout(timer);
          slot.listener = slot.exitListener = null;
          slot.port.setBusy?.(false);
          resolve();
        } else if (m.type === "init-error") fail(new Error(`the ${language} runtime failed to start: ${m.message}`));
      };
      slot.exitListener = (e) => fail(new Error(`the ${language} runtime stopped while starting (${e.message})`));
    });
    this.slots.set(language, slot);
    slot.port.post({ type: "init", language, interruptBuffer: buffer });
    return slot.ready.then(() => slot);
  }

  private kill(slot: Slot) {
    slot.dead = true;
    if (this.slots.get(slot.language) === slot) this.slots.delete(slot.language);
    try {
      slot.port.terminate();
    } catch {
      /* already gone */
    }
  }

  private drop(language: Language) {
    const s = this.slots.get(language);
    if (s) this.kill(s);
  }

  private async runNow(req: RunRequest): Promise<RunResult> {
    const t0 = now();
    const n = req.tests.length;
    const results: (CaseResult | undefined)[] = new Array(n);
    const base = (i: number) => ({ name: req.tests[i].name, hidden: !!req.tests[i].hidden, args: req.tests[i].args, expected: req.tests[i].expected });
    let status: RunResult["status"] = "ok";
    let loadError: RunError | undefined;
    let loadStdout = "";
    let restarts = 0;
    let next = 0;
    let stopNote = "";

    const record = (i: number, r: CaseResult) => {
      results[i] = r;
      req.onCase?.(r, i);
    };

    while (next < n || n === 0) {
      let slot: Slot;
      try {
        slot = await this.slot(req.language);
      } catch (err) {
        status = "infra-error";
        loadError = { kind: "crash", type: "RuntimeUnavailable", message: (err as Error).message, line: null };
        break;
      }
      const indices = Array.from({ length: n - next }, (_, k) => next + k);
      const outcome = await this.execute(slot, req, indices, (i, raw, durationMs, timedOut) => record(i, this.toCase(req, i, raw, durationMs, timedOut)), (s) => (loadStdout = s));
      if (outcome.kind === "done") break;
      if (outcome.kind === "load-failed") {
        status = "load-error";
        loadError = outcome.error;
        loadStdout = outcome.stdout;
        break;
      }
      restarts++;
      if (outcome.index === null) {
        status = "load-error";
        loadError = outcome.error;
        break;
      }
      record(outcome.index, { ...base(outcome.index), status: "error", stdout: "", error: outcome.error, durationMs: Math.round(outcome.elapsedMs) });
      next = outcome.index + 1;
      if (restarts > (this.opts.maxRestarts ?? 2)) {
        stopNote = `not run: the worker was stopped ${restarts} times in this run`;
        break;
      }
      if (n === 0) break;
    }
    const recycle = this.opts.recycle && !(req.trusted && restarts === 0);
    if (recycle) this.drop(req.language);
    if ((recycle || (this.opts.rewarmAfterKill && restarts > 0)) && !this.disposed) void this.slot(req.language).catch(() => undefined);
    const cases = Array.from(
      results,
      (r, i): CaseResult =>
        r ?? {
          ...base(i),
          status: "not-run" as const,
          stdout: "",
          durationMs: 0,
          error: stopNote ? { kind: "crash" as const, type: "NotRun", message: stopNote, line: null } : undefined,
        },
    );
    return {
      language: req.language,
      status,
      loadError,
      loadStdout,
      cases,
      passed: cases.filter((c) => c.status === "pass").length,
      total: n,
      durationMs: Math.round(now() - t0),
      restarts,
    };
  }

  private toCase(req: RunRequest, i: number, raw: string, durationMs: number, timedOut: RunError | null): CaseResult {
    const t = req.tests[i];
    const base = { name: t.name, hidden: !!t.hidden, args: t.args, expected: t.expected, durationMs: Math.round(durationMs) };
    if (timedOut) {
      let stdout = "";
      try {
        stdout = (JSON.parse(raw) as { stdout?: string }).stdout ?? "";
      } catch {
        /* keep it empty */
      }
      return { ...base, status: "error", stdout, error: timedOut };
    }
    if (raw.length > MAX_RESULT_CHARS) {
      return { ...base, status: "error", stdout: "", error: { kind: "output-limit", type: "ResultTooLarge", message: `the return value is larger than ${MAX_RESULT_CHARS / 1e6} MB as JSON`, line: null } };
    }
    let r: { ok: boolean; stdout?: string; actual?: unknown; error?: RunError };
    try {
      r = JSON.parse(raw);
    } catch {
      return { ...base, status: "error", stdout: "", error: { kind: "crash", type: "HarnessError", message: "the worker sent an unreadable result", line: null } };
    }
    const stdout = r.stdout ?? "";
    if (!r.ok) return { ...base, status: "error", stdout, error: r.error };
    const outcome = check(t.checker ?? req.checker, r.actual, t.expected);
    return outcome.pass
      ? { ...base, status: "pass", stdout, actual: r.actual }
      : { ...base, status: "fail", stdout, actual: r.actual, mismatch: outcome.reason };
  }

  /** One worker pass over the given cases. Resolves when the worker is done or had to be killed. */
  private execute(
    slot: Slot,
    req: RunRequest,
    indices: number[],
    onCase: (i: number, raw: string, durationMs: number, timedOut: RunError | null) => void,
    onLoaded: (stdout: string) => void,
  ): Promise<Outcome> {
    const runId = ++this.runIds;
    const baseLimit = req.limits.timeMs;
    // Loading the code gets the run's limit; each case its own (perf cases carry a per-case limit).
    const stepLimit = (i: number | null) => (i === null ? baseLimit : (req.tests[i]?.timeMs ?? baseLimit));
    return new Promise<Outcome>((resolve) => {
      let current: number | null = null; // null while loading the code
      let stepStart = now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let interrupted: number | null | undefined; // the step an interrupt was sent for
      const timeoutError = (): RunError => ({
        kind: "timeout",
        type: "TimeLimitExceeded",
        message: `${current === null ? "loading the code" : "this case"} ran longer than the ${stepLimit(current)} ms limit and was stopped`,
        line: null,
      });
      const finish = (o: Outcome) => {
        clearTimeout(timer);
        slot.listener = slot.exitListener = null;
        slot.port.setBusy?.(false);
        resolve(o);
      };
      const killNow = (error: RunError) => {
        this.kill(slot);
        finish({ kind: "killed", index: current, error, elapsedMs: now() - stepStart });
      };
      const arm = () => {
        clearTimeout(timer);
        stepStart = now();
        interrupted = undefined;
        timer = setTimeout(() => {
          if (slot.interrupt && req.language === "python") {
            // Ask Python to stop (KeyboardInterrupt) and keep the warm interpreter; kill it if it does not listen.
            interrupted = current;
            Atomics.store(slot.interrupt, 0, 2);
            timer = setTimeout(() => killNow(timeoutError()), INTERRUPT_GRACE_MS);
          } else killNow(timeoutError());
        }, stepLimit(current));
      };
      slot.exitListener = (e) => {
        clearTimeout(timer);
        const error: RunError =
          e.kind === "memory"
            ? { kind: "memory", type: "MemoryLimitExceeded", message: `ran out of memory and the worker was stopped (${e.message})`, line: null }
            : { kind: "crash", type: "WorkerCrashed", message: e.message, line: null };
        finish({ kind: "killed", index: current, error, elapsedMs: now() - stepStart });
      };
      slot.listener = (m) => {
        if (!("runId" in m) || m.runId !== runId) {
          if (m.type === "init-error") killNow({ kind: "crash", type: "HarnessError", message: m.message, line: null });
          return;
        }
        switch (m.type) {
          case "loaded":
            if (!m.ok) {
              const err = interrupted === null ? timeoutError() : (m.error ?? { kind: "crash", type: "Error", message: "the code did not load", line: null });
              finish({ kind: "load-failed", error: err, stdout: m.stdout });
              return;
            }
            onLoaded(m.stdout);
            arm();
            return;
          case "case-start":
            current = m.index;
            arm();
            return;
          case "case":
            onCase(m.index, m.resultJson, m.durationMs, interrupted === m.index ? timeoutError() : null);
            arm();
            return;
          case "done":
            finish({ kind: "done" });
            return;
        }
      };
      slot.port.setBusy?.(true);
      arm();
      slot.port.post({
        type: "run",
        runId,
        language: req.language,
        code: req.code,
        entry: req.entry,
        cases: indices.map((i) => ({ index: i, argsJson: JSON.stringify(req.tests[i].args) })),
        outputBytes: req.limits.outputBytes,
      });
    });
  }
}
