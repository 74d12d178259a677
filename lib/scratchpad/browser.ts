import type { ScratchpadOutput } from "@/lib/grading/answers";
import { getBrowserRunner, warmRuntime } from "@/lib/runner/browser";
import { scratchpadRequest, toScratchpadOutput } from "./program";

/**
 * Runs a scratchpad script in the page's Python worker (the coding round's runner, Pyodide served by
 * the app). The worker is killed at the time limit and restarted in the background; the page never waits on it.
 */
export async function runScratchpad(code: string): Promise<ScratchpadOutput> {
  const req = scratchpadRequest(code);
  const r = await getBrowserRunner().run(req);
  if (r.restarts > 0) void warmRuntime("python").catch(() => undefined);
  return toScratchpadOutput(r, { code, lineOffset: req.lineOffset, lines: req.lines });
}

export { warmRuntime };
