// The Web Worker the browser runs candidate code in (one per language). Pyodide comes from this
// app (/pyodide/, see app/pyodide/[file]/route.ts), never a CDN; TypeScript is transpiled by sucrase.
import { transform } from "sucrase";
import type { WorkerToHost } from "./types";
import { createWorkerCore, type PyodideLike } from "./worker-core.mjs";

type WorkerScope = { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null; location: { href: string } };
const scope = globalThis as unknown as WorkerScope;

const INDEX_URL = "/pyodide/";

// A runtime import the bundler must not follow: the file is served by the app, not bundled.
const importAtRuntime = new Function("url", "return import(url)") as (url: string) => Promise<{ loadPyodide(opts: object): Promise<PyodideLike> }>;

/** Downloads a file once with progress; Pyodide's own fetch then comes from the HTTP cache. */
async function prefetch(url: string, label: string, progress: (m: string, loaded?: number, total?: number) => void) {
  try {
    const res = await fetch(url);
    const total = Number(res.headers.get("content-length")) || undefined;
    if (!res.body) return;
    const reader = res.body.getReader();
    let loaded = 0;
    let last = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      if (loaded - last > 256 * 1024) {
        last = loaded;
        progress(label, loaded, total);
      }
    }
    progress(label, loaded, total ?? loaded);
  } catch {
    /* Pyodide's own fetch reports the real error */
  }
}

const core = createWorkerCore({
  post: (m: WorkerToHost) => scope.postMessage(m),
  async loadPython(progress) {
    const base = new URL(INDEX_URL, scope.location.href).href;
    await prefetch(`${base}pyodide.asm.wasm`, "Downloading the Python runtime", progress);
    await prefetch(`${base}python_stdlib.zip`, "Downloading the Python standard library", progress);
    progress("Starting Python");
    const { loadPyodide } = await importAtRuntime(`${base}pyodide.mjs`);
    return loadPyodide({ indexURL: base, stdout: () => {}, stderr: () => {} });
  },
  transpile: (code) => transform(code, { transforms: ["typescript", "imports"], filePath: "solution.ts" }).code,
  newSandbox() {
    // One realm per worker; each run re-installs the harness and replaces the solution.
    return { evaluate: (source: string, filename?: string) => (0, eval)(filename ? `${source}\n//# sourceURL=${filename}` : source) };
  },
});

scope.onmessage = (e: MessageEvent) => void core.handle(e.data);
