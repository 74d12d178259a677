// The Web Worker the browser runs candidate code in (one per language). Pyodide comes from this
// app (/pyodide/<version>/, see app/pyodide/[...path]/route.ts), never a CDN; TypeScript is transpiled by sucrase.
import pyodidePackage from "pyodide/package.json";
import { transform } from "sucrase";
import type { WorkerToHost } from "./types";
import { createWorkerCore, type PyodideLike } from "./worker-core.mjs";

type WorkerScope = { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null; location: { href: string }; fetch: typeof fetch };
const scope = globalThis as unknown as WorkerScope;

// Versioned, so the server can mark every file immutable and an upgrade changes the URL.
const INDEX_URL = `/pyodide/${pyodidePackage.version}/`;

// A runtime import the bundler must not follow: the file is served by the app, not bundled.
const importAtRuntime = new Function("url", "return import(url)") as (url: string) => Promise<{ loadPyodide(opts: object): Promise<PyodideLike> }>;

type Progress = (m: string, loaded?: number, total?: number) => void;

/**
 * The big files (the wasm and the standard library) are requested once, all at the same time, as the
 * worker starts; their bodies pass through a byte counter for the progress bar, and Pyodide's own
 * fetch of the same URL is handed that response instead of asking the network again (it used to be
 * asked twice: a prefetch, then Pyodide's fetch). The wasm response keeps its application/wasm type,
 * so Pyodide still compiles it while it streams in.
 */
function startDownloads(base: string, names: string[], progress: Progress): Map<string, Promise<Response>> {
  const label = "Downloading the Python runtime";
  const loaded = new Map<string, number>();
  const totals = new Map<string, number>();
  let last = 0;
  let done = 0;
  const report = (force: boolean) => {
    const sum = [...loaded.values()].reduce((a, b) => a + b, 0);
    if (!force && sum - last < 256 * 1024) return;
    last = sum;
    const total = totals.size === names.length ? [...totals.values()].reduce((a, b) => a + b, 0) : undefined;
    progress(label, sum, total);
  };
  const early = new Map<string, Promise<Response>>();
  for (const name of names) {
    const url = base + name;
    const response = fetch(url).then((res) => {
        // The decoded size: Content-Length is the compressed one when the server gzips.
        const size = Number(res.headers.get("x-decoded-length")) || (res.headers.get("content-encoding") ? 0 : Number(res.headers.get("content-length")));
        if (size) totals.set(name, size);
        if (!res.ok || !res.body) return res;
        loaded.set(name, 0);
        const counted = res.body.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, ctl) {
              loaded.set(name, (loaded.get(name) ?? 0) + chunk.byteLength);
              report(false);
              ctl.enqueue(chunk);
            },
            flush() {
              if (!totals.has(name)) totals.set(name, loaded.get(name) ?? 0);
              report(true);
              if (++done === names.length) progress("Starting Python");
            },
          }),
        );
        return new Response(counted, { status: res.status, statusText: res.statusText, headers: res.headers });
      });
    // A failed download is reported by Pyodide's fetch of the same URL, not as an unhandled rejection.
    response.catch(() => undefined);
    early.set(url, response);
  }
  // Pyodide fetches by URL (a string or a URL object); each early response is handed out once.
  const networkFetch = scope.fetch.bind(globalThis);
  scope.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const href = typeof input === "string" ? new URL(input, scope.location.href).href : input instanceof URL ? input.href : input.url;
    const hit = early.get(href);
    if (hit) {
      early.delete(href);
      if (early.size === 0) scope.fetch = networkFetch;
      return hit;
    }
    return networkFetch(input, init);
  }) as typeof fetch;
  return early;
}

const core = createWorkerCore({
  post: (m: WorkerToHost) => scope.postMessage(m),
  async loadPython(progress) {
    const base = new URL(INDEX_URL, scope.location.href).href;
    startDownloads(base, ["pyodide.asm.wasm", "python_stdlib.zip"], progress);
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
