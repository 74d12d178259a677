/**
 * The code runner: candidate code in workers, tests checked where the expected values live.
 * Server side (this file): the Node runner used for grading. Browser side: lib/runner/browser.ts.
 */
export { check, decode, type CheckOutcome } from "./checker";
export { TestRunner, type RunnerOptions } from "./host";
export { createNodeRunner } from "./node-runner";
export { getGradingRunner } from "./grading-runner";
export * from "./types";
