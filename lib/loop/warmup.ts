/**
 * Starts a coding round's grader (Pyodide takes seconds to boot) when the round starts, so its
 * submission does not wait for a cold start. Only the server turns this on (lib/loop/lifecycle.ts):
 * tests and command-line tools do not want background interpreters.
 */
let enabled = false;

export function enableGraderWarmup(): void {
  enabled = true;
}

export function warmGraderFor(kind: string): void {
  if (!enabled || kind !== "coding") return;
  void import("@/lib/runner")
    .then(({ getGradingRunner }) => getGradingRunner().warm("python"))
    .catch((err) => console.error("[loopbench] could not warm the Python grader:", (err as Error).message));
}
