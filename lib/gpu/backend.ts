import type { GeneratedCase, KernelProblem } from "@/kernels/types";
import type { AdapterInfo, Backend, Diagnostic, Roofline } from "./result";

/** Raised by a backend when a run does not finish within its wall-clock limit. */
export class KernelTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`the kernel did not finish within ${limitMs} ms`);
  }
}

/** Raised when a kernel fails while running in a way a GPU would not report (the CPU fallback's checks). */
export class KernelRuntimeError extends Error {}

/** Raised when the device rejects the pipeline (limits such as workgroup size or workgroup memory). */
export class PipelineError extends Error {}

/** Raised when the device was lost during a run (reported, then the backend recovers). */
export class DeviceLostError extends Error {}

export type TimingMethod = "timestamp-query" | "submitted-work-done" | "cpu-clock";

/** One case's buffers on a backend, ready to run the attempt from freshly filled outputs. */
export interface PreparedCase {
  /** One run: outputs NaN-filled (in-place ones refilled with their known values), dispatch, read back. */
  run(): Promise<Record<string, Float32Array>>;
  /**
   * `runs` runs back to back, each from fresh fills; returns the kernels' time only. The last work it leaves
   * on the device is a kernel run, so readOutputs() afterwards sees a timed run's output. `force` asks for a
   * method where the backend has a choice (tests of the wall-clock path on adapters with timestamps).
   * `keepBusy`: queue the same runs again, untimed, after the timed ones, so a GPU does not idle (and drop
   * its clocks) while the caller reads the result; never on the last call before readOutputs().
   */
  time(runs: number, force?: TimingMethod, keepBusy?: boolean): Promise<{ totalMs: number; method: TimingMethod }>;
  /** The outputs left by the last run (timed or not). */
  readOutputs(): Promise<Record<string, Float32Array>>;
  release(): void;
}

export type CompileResult<P> = { ok: true; program: P; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[]; message: string };

export interface ExecBackend<P = unknown> {
  readonly kind: Backend;
  readonly adapter: AdapterInfo;
  readonly maxWorkgroupsPerDimension: number;
  /** Software adapters and the CPU interpreter run reduced cases by default. */
  readonly slow: boolean;
  compile(problem: KernelProblem, source: string): Promise<CompileResult<P>>;
  prepare(problem: KernelProblem, program: P, g: GeneratedCase, grid: [number, number, number], runTimeoutMs: number): Promise<PreparedCase>;
  roofline(): Promise<Roofline | null>;
  /** Device losses, uncaptured errors, recreations: reported with the result. */
  takeEvents(): string[];
  /** After a timeout or a loss: destroy what is left and get a fresh device. */
  recover(): Promise<void>;
}
