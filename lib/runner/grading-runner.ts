import { sandboxWorkerFactory } from "@/lib/sandbox/code-sandbox";
import { TestRunner } from "./host";

type Global = typeof globalThis & { __loopbenchGradingRunner?: TestRunner };

/**
 * The process-wide runner for grading. Candidate code runs in the sandbox (lib/sandbox): the browser's
 * own Web Worker runner inside a page of the shared headless Chromium, never in this process. Each run
 * gets a fresh worker (recycle), started in the background after the previous run, so a submission
 * rarely waits for Pyodide's cold start and never sees another submission's state. Runs are queued
 * one at a time, so a hostile submission delays others by at most its own time limits. Kept on
 * globalThis so Next's dev reloads reuse it. There is no fallback to an in-process runner: without
 * Chromium a run is an infra-error and the round stays ungraded.
 */
export function getGradingRunner(): TestRunner {
  const g = globalThis as Global;
  g.__loopbenchGradingRunner ??= new TestRunner({ createWorker: sandboxWorkerFactory, recycle: true, startTimeoutMs: 120_000 });
  return g.__loopbenchGradingRunner;
}
