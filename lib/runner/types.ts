/**
 * Shapes shared by the browser and the Node runner: what a run asks for, what the worker reports,
 * and what a run returns. The worker side (worker-core.mjs) speaks the protocol typed here.
 */
export const languages = ["python", "typescript"] as const;
export type Language = (typeof languages)[number];

export type Checker =
  | { kind: "exact" }
  | { kind: "float"; rtol: number; atol: number }
  | { kind: "unordered"; rtol?: number; atol?: number };

export type Limits = {
  /** Wall-clock limit for loading the code and for each test case, in milliseconds. */
  timeMs: number;
  /** Bytes of stdout/stderr a test case may print before it is stopped. */
  outputBytes: number;
};

export const defaultLimits: Limits = { timeMs: 2000, outputBytes: 64 * 1024 };

export type RunnerTest = {
  name: string;
  /** Positional arguments, JSON values. */
  args: unknown[];
  expected: unknown;
  hidden?: boolean;
  /** Overrides the run's checker for this case. */
  checker?: Checker;
  /** What the case tests ("empty input", "performance"): named in grades instead of the data. */
  category?: string;
  /** A performance case: graded against a time limit derived from the reference's time. */
  perf?: boolean;
  /** This case's wall-clock limit in ms, overriding limits.timeMs (perf cases get their own). */
  timeMs?: number;
};

export type RunRequest = {
  language: Language;
  code: string;
  /** The function the tests call, e.g. top_k_top_p or topKTopP. */
  entry: string;
  tests: RunnerTest[];
  checker: Checker;
  limits: Limits;
  /**
   * Trusted code (a scenario's reference solution, timed for perf limits): a recycling runner keeps the
   * warm worker for the next run instead of replacing it, so grading does not pay two cold starts.
   */
  trusted?: boolean;
  /** Called as each case finishes, so a page can show results as they come. */
  onCase?: (result: CaseResult, index: number) => void;
};

export type ErrorKind = "syntax" | "runtime" | "recursion" | "memory" | "timeout" | "output-limit" | "crash";

export type RunError = {
  kind: ErrorKind;
  /** The exception's class (TypeError, RecursionError, ...) or the limit that stopped it. */
  type: string;
  message: string;
  /** Line in the candidate's code, when the error points into it. */
  line: number | null;
};

export type CaseStatus = "pass" | "fail" | "error" | "not-run";

export type CaseResult = {
  name: string;
  hidden: boolean;
  status: CaseStatus;
  args: unknown[];
  expected: unknown;
  /** What the function returned (decoded JSON); undefined when it did not return. */
  actual?: unknown;
  /** Why values differ, e.g. "at [2]: expected 0.5, got 0.25". */
  mismatch?: string;
  stdout: string;
  error?: RunError;
  durationMs: number;
};

export type RunResult = {
  language: Language;
  /** "ok": the code loaded and cases ran; "load-error": it did not compile or its top level threw; "infra-error": the runtime itself failed. */
  status: "ok" | "load-error" | "infra-error";
  loadError?: RunError;
  /** What the module's top level printed. */
  loadStdout: string;
  cases: CaseResult[];
  passed: number;
  total: number;
  durationMs: number;
  /** How many times a worker was killed and restarted during this run. */
  restarts: number;
};

// ---- worker protocol -------------------------------------------------------------------------

export type HostToWorker =
  | { type: "init"; language: Language; interruptBuffer?: SharedArrayBuffer }
  | {
      type: "run";
      runId: number;
      language: Language;
      code: string;
      entry: string;
      cases: { index: number; argsJson: string }[];
      outputBytes: number;
    };

export type WorkerToHost =
  | { type: "progress"; message: string; loaded?: number; total?: number }
  | { type: "ready"; language: Language; ms: number }
  | { type: "init-error"; message: string }
  | { type: "loaded"; runId: number; ok: boolean; stdout: string; error?: RunError }
  | { type: "case-start"; runId: number; index: number }
  /** resultJson: {"ok": true, "stdout": "...", "actual": <value>} or {"ok": false, "stdout": "...", "error": RunError}. */
  | { type: "case"; runId: number; index: number; resultJson: string; durationMs: number }
  | { type: "done"; runId: number };
