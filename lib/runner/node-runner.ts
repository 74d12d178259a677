import path from "node:path";
import type { Worker as NodeWorker } from "node:worker_threads";
import { TestRunner, type RunnerOptions, type WorkerFactory } from "./host";

/**
 * The worker thread's file. Resolved from the project root (as db/client.ts finds its migrations)
 * because the Next server bundle has no stable import.meta.url for a file it did not bundle.
 */
export function nodeWorkerPath(): string {
  return process.env.LOOPBENCH_RUNNER_WORKER || path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "runner", "node-worker.mjs");
}

/**
 * worker_threads' Worker, reached so that the bundler does not take `new Worker(path)` for a worker
 * entry to bundle (Turbopack would try every file of the project): the worker file is loaded by Node
 * itself, unbundled, at run time.
 */
function workerConstructor(): typeof NodeWorker {
  return process.getBuiltinModule("node:worker_threads").Worker;
}

/** Heap for a TypeScript solution (Pyodide's own memory is WebAssembly, capped by wasm32 at 4 GiB). */
const HEAP_MB = 512;

const nodeWorkerFactory: WorkerFactory = ({ onMessage, onExit }) => {
  const Worker = workerConstructor();
  const worker = new Worker(nodeWorkerPath(), { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, stackSizeMb: 8 } });
  let reported = false;
  let terminated = false;
  worker.on("message", onMessage);
  worker.on("error", (err: Error & { code?: string }) => {
    reported = true;
    onExit(
      err.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? { kind: "memory", message: `more than ${HEAP_MB} MB of heap` }
        : { kind: "crash", message: err.message },
    );
  });
  worker.on("exit", (code) => {
    if (!reported && !terminated) onExit({ kind: "crash", message: `the worker exited with code ${code}` });
  });
  return {
    post: (m) => worker.postMessage(m),
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
    setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
  };
};

/**
 * A runner in Node worker threads. Python runs are interrupted in place at the time limit
 * (SharedArrayBuffer needs no special headers in Node); TypeScript workers are killed and restarted.
 */
export function createNodeRunner(opts: Omit<RunnerOptions, "createWorker"> = {}): TestRunner {
  return new TestRunner({ interruptible: true, ...opts, createWorker: nodeWorkerFactory });
}
