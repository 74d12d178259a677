/**
 * Node's worker threads for the CPU fallback's pool (lib/gpu/cpu-pool.ts): the CLI, the tests and any
 * server-side use. SharedArrayBuffers are always available here, so workers write the outputs in place.
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { WorkerLike, WorkerPlatform } from "./cpu-pool";

export function nodeWorkerPlatform(cores = os.availableParallelism?.() ?? os.cpus().length): WorkerPlatform {
  return {
    cores: Math.max(1, Math.min(cores, 16)),
    shared: true,
    spawn(source: string): WorkerLike {
      const w = new Worker(`const { parentPort } = require("node:worker_threads");\n${source}\nparentPort.on("message", (m) => { const r = handle(m); if (r) parentPort.postMessage(r); });`, { eval: true });
      const like: WorkerLike = {
        postMessage: (m) => w.postMessage(m),
        onmessage: null,
        onerror: null,
        terminate: () => void w.terminate(),
        // Waiting for an answer keeps the process alive; an idle worker must not (a CLI or a test would never exit).
        busy: (on: boolean) => (on ? w.ref() : w.unref()),
      };
      w.on("message", (d) => like.onmessage?.(d));
      w.on("error", (e) => like.onerror?.(String(e)));
      w.unref();
      return like;
    },
  };
}
