import "server-only";
/**
 * Node-only entry points: grading in headless Chromium (the same harness as the CLI and the lab page).
 */
import { checkKernelHeadless, benchReferencesHeadless, type HeadlessCheckOptions } from "./run-headless";
import type { KernelResult } from "./result";

export { checkKernelHeadless, benchReferencesHeadless, type HeadlessCheckOptions };

/**
 * Grades a kernel round's submission server-side: WebGPU on whatever adapter the machine's Chromium finds
 * (SwiftShader on a machine without a GPU), the contract's checks, and the timing only where the adapter is a
 * real GPU (elsewhere it would not count), never longer than deadlineMs.
 */
export function gradeKernelSubmission({ problemId, source, deadlineMs = 180_000 }: { problemId: string; source: string; deadlineMs?: number }): Promise<KernelResult> {
  // One kernel grade at a time, in the shared browser: a flood of submissions queues instead of
  // starting a browser each (about ten processes apiece).
  const run = queue.then(() => checkKernelHeadless(problemId, source, { backend: "webgpu", deadlineMs, timeOnlyOnGpu: true, shared: true }));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();
