import { TestRunner, type WorkerFactory } from "./host";
import type { Language } from "./types";

/**
 * The browser side of the runner: one Web Worker per language, one runner per page, so Pyodide loads
 * once per page. Killed workers (time limit) are restarted in the background for the next run.
 */
export { check } from "./checker";
export type { TestRunner } from "./host";
export * from "./types";

const browserWorkerFactory: WorkerFactory = ({ onMessage, onExit }) => {
  const worker = new Worker(new URL("./browser-worker.ts", import.meta.url), { type: "module", name: "loopbench-runner" });
  worker.onmessage = (e) => onMessage(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    onExit({ kind: /memory/i.test(e.message ?? "") ? "memory" : "crash", message: e.message || "the worker stopped" });
  };
  return { post: (m) => worker.postMessage(m), terminate: () => worker.terminate() };
};

export type RuntimeState = { phase: "idle" | "loading" | "ready" | "error"; message: string; loaded?: number; total?: number };

const listeners = new Set<(language: Language, state: RuntimeState) => void>();
const states = new Map<Language, RuntimeState>();

function setState(language: Language, state: RuntimeState) {
  states.set(language, state);
  for (const l of listeners) l(language, state);
}

let shared: TestRunner | null = null;

export function getBrowserRunner(): TestRunner {
  if (!shared) {
    shared = new TestRunner({
      createWorker: browserWorkerFactory,
      // SharedArrayBuffer needs cross-origin isolation; without it a runaway case costs a restart.
      interruptible: typeof SharedArrayBuffer !== "undefined" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
      rewarmAfterKill: true,
      onProgress: (language, message, loaded, total) => setState(language, { phase: "loading", message, loaded, total }),
    });
  }
  return shared;
}

/** Starts a language runtime (or waits for the one starting) and reports its state to subscribers (for the loading indicator). */
export function warmRuntime(language: Language): Promise<void> {
  const s = states.get(language);
  if (s?.phase !== "loading" && s?.phase !== "ready") setState(language, { phase: "loading", message: language === "python" ? "Loading Python" : "Starting" });
  return getBrowserRunner()
    .warm(language)
    .then(
      () => setState(language, { phase: "ready", message: "Ready" }),
      (err: Error) => {
        setState(language, { phase: "error", message: err.message });
        throw err;
      },
    );
}

export function runtimeState(language: Language): RuntimeState {
  return states.get(language) ?? { phase: "idle", message: "" };
}

export function onRuntimeState(fn: (language: Language, state: RuntimeState) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
