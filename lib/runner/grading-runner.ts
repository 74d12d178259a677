import type { TestRunner } from "./host";
import { createNodeRunner } from "./node-runner";

type Global = typeof globalThis & { __loopbenchGradingRunner?: TestRunner };

/**
 * The process-wide runner for grading. Each run gets a fresh interpreter (recycle), started in the
 * background after the previous run, so a submission rarely waits for Pyodide's cold start and
 * never sees another submission's state. Kept on globalThis so Next's dev reloads reuse it.
 */
export function getGradingRunner(): TestRunner {
  const g = globalThis as Global;
  g.__loopbenchGradingRunner ??= createNodeRunner({ recycle: true });
  return g.__loopbenchGradingRunner;
}
