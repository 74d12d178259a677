import type { HostToWorker, WorkerToHost } from "./types";

/** A Pyodide instance, as much of it as the worker uses. */
export type PyodideLike = {
  runPython(code: string): unknown;
  globals: { get(name: string): (...args: unknown[]) => string };
  setStdout(opts: { batched: (s: string) => void }): void;
  setStderr(opts: { batched: (s: string) => void }): void;
  setStdin(opts: { error: boolean }): void;
  setInterruptBuffer(buffer: Int32Array): void;
};

/** What the browser worker and the Node worker thread each supply. */
export type WorkerPlatform = {
  post(message: WorkerToHost): void;
  loadPython(progress: (message: string, loaded?: number, total?: number) => void): Promise<PyodideLike>;
  /** TypeScript to CommonJS JavaScript, line numbers kept. Throws on a syntax error with "(line:col)" in the message. */
  transpile(code: string): string;
  /** A fresh global scope per run; evaluate returns the completion value (only strings are read). */
  newSandbox(): { evaluate(source: string, filename?: string): unknown };
};

export declare const PYTHON_HARNESS: string;
export declare const JS_PRELUDE: string;
export declare function wrapSolution(js: string, entry: string): string;
export declare function createWorkerCore(platform: WorkerPlatform): { handle(message: HostToWorker): Promise<void> };
