/**
 * Candidate code on the server runs where it would in the candidate's browser: lib/runner's Web Worker
 * (Pyodide for Python, sucrase then plain JavaScript for TypeScript), inside a page of the shared headless
 * Chromium. A browser page is a security boundary that node:vm and Pyodide are not: code there sees the
 * page's worker scope only, no file, process or environment variable of the server.
 *
 * Network: the page and its workers are served from a throwaway static server on 127.0.0.1 whose only
 * files are the worker bundle and Pyodide's; the worker's CSP allows connections to that origin only
 * (not the app's own port), the browser resolves no host name, and request interception aborts anything
 * that is not a GET to that origin. Time: TestRunner terminates the worker at each limit. Memory: V8 heap
 * flags, Pyodide's wasm memory capped in the worker, and the process-tree watchdog in chromium.ts.
 *
 * The bridge is opaque: messages cross as JSON strings in both directions, whatever fields they carry.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "playwright-core";
import type { WorkerExit, WorkerFactory } from "@/lib/runner/host";
import type { WorkerToHost } from "@/lib/runner/types";
import { getSharedChromium, onSharedChromiumDeath } from "./chromium";

const root = () => process.env.LOOPBENCH_ROOT || process.cwd();
/** Largest message a worker may send to the host (a case's result is capped at 4 MB by the host). */
const MAX_MESSAGE_CHARS = 8 * 1024 * 1024;

const PAGE_CSP = "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'";
/**
 * The worker runs the candidate's transpiled TypeScript with eval (as in the candidate's browser) and
 * compiles Pyodide's wasm, hence 'unsafe-eval' and 'wasm-unsafe-eval' here and nowhere else. It may
 * fetch only its own origin (Pyodide's files) and start no worker of its own.
 */
const WORKER_CSP = "default-src 'none'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'none'; base-uri 'none'";

const PAGE_HTML = '<!doctype html><meta charset="utf-8"><title>loopbench sandbox</title><script src="/sandbox-page.js"></script>';

/** Runs in the sandbox page (not in the worker): keeps the workers and relays their messages as strings. */
const PAGE_JS = `"use strict";
(() => {
  const emit = globalThis.__lbSandboxEmit, exit = globalThis.__lbSandboxExit;
  delete globalThis.__lbSandboxEmit; delete globalThis.__lbSandboxExit;
  const workers = new Map();
  const queues = new Map();
  const flush = (id, q) => {
    if (queues.get(id) !== q) return;
    queues.delete(id);
    if (workers.has(id)) emit(id, "[" + q.items.join(",") + "]");
  };
  const stop = (id, message) => { const w = workers.get(id); if (!w) return; w.terminate(); workers.delete(id); exit(id, message); };
  globalThis.__lbSandbox = {
    spawn(id) {
      const w = new Worker("/worker.js", { type: "module", name: "loopbench-sandbox" });
      workers.set(id, w);
      w.onmessage = (e) => {
        let s = null;
        try { s = JSON.stringify(e.data); } catch { s = null; }
        if (typeof s !== "string") return stop(id, "the worker sent a message that is not JSON");
        if (s.length > ${MAX_MESSAGE_CHARS}) return stop(id, "the worker sent a message larger than ${MAX_MESSAGE_CHARS / 1024 / 1024} MB");
        // Messages that arrive together cross to the server in one call, in order.
        let q = queues.get(id);
        if (!q) {
          const fresh = { items: [], size: 0 };
          queues.set(id, fresh);
          setTimeout(() => flush(id, fresh), 0);
          q = fresh;
        }
        q.items.push(s);
        q.size += s.length;
        if (q.size > ${MAX_MESSAGE_CHARS}) flush(id, q);
      };
      w.onmessageerror = () => stop(id, "the worker sent an unreadable message");
      w.onerror = (e) => { e.preventDefault(); stop(id, String((e && e.message) || "the worker stopped")); };
    },
    post(id, json) { const w = workers.get(id); if (w) w.postMessage(JSON.parse(json)); },
    terminate(id) { const w = workers.get(id); if (w) { w.terminate(); workers.delete(id); } },
  };
})();`;

let bundle: Promise<string> | null = null;

/** The worker bundle, built once per process with esbuild (as lib/gpu/headless.ts builds the kernel harness). */
function workerBundle(): Promise<string> {
  bundle ??= (async () => {
    const esbuild = await import("esbuild");
    const out = await esbuild.build({
      entryPoints: [path.join(/* turbopackIgnore: true */ root(), "lib", "sandbox", "worker-entry.ts")],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2022",
      tsconfig: path.join(root(), "tsconfig.json"),
      alias: { "@": root() },
      logLevel: "silent",
    });
    return out.outputFiles[0].text;
  })();
  bundle.catch(() => (bundle = null));
  return bundle;
}

const PYODIDE_TYPES: Record<string, string> = {
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".zip": "application/zip",
  ".json": "application/json",
};

/** Pyodide's runtime files by name (an allow-list read once; nothing else on disk is reachable). */
function pyodideFiles(): Map<string, string> {
  const dir = path.join(/* turbopackIgnore: true */ root(), "node_modules", "pyodide");
  const files = new Map<string, string>();
  for (const name of fs.readdirSync(dir)) if (Object.hasOwn(PYODIDE_TYPES, path.extname(name)) && !name.endsWith(".map")) files.set(name, path.join(dir, name));
  return files;
}

type Origin = { origin: string; close(): void };
let server: Promise<Origin> | null = null;

function startServer(): Promise<Origin> {
  server ??= (async () => {
    const js = await workerBundle();
    const pyodide = pyodideFiles();
    const srv = http.createServer((req, res) => {
      const url = req.url ?? "/";
      const send = (status: number, type: string, body: string | Buffer, csp?: string) => {
        res.writeHead(status, { "content-type": type, "x-content-type-options": "nosniff", "cache-control": "max-age=3600", ...(csp ? { "content-security-policy": csp } : {}) });
        res.end(body);
      };
      if (req.method !== "GET") return send(405, "text/plain", "");
      if (url === "/sandbox.html") return send(200, "text/html; charset=utf-8", PAGE_HTML, PAGE_CSP);
      if (url === "/sandbox-page.js") return send(200, "text/javascript", PAGE_JS);
      if (url === "/worker.js") return send(200, "text/javascript", js, WORKER_CSP);
      // /pyodide/<file> or /pyodide/<version>/<file> (the browser worker's URLs carry the package version).
      const m = /^\/pyodide\/(?:[0-9][A-Za-z0-9._-]*\/)?([A-Za-z0-9._-]+)$/.exec(url);
      const file = m ? pyodide.get(m[1]) : undefined;
      if (!file) return send(404, "text/plain", "");
      res.writeHead(200, { "content-type": PYODIDE_TYPES[path.extname(file)], "x-content-type-options": "nosniff", "cache-control": "max-age=3600" });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    srv.unref();
    return { origin: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, close: () => srv.close() };
  })();
  server.catch(() => (server = null));
  return server;
}

type Live = { onMessage(m: WorkerToHost): void; onExit(e: WorkerExit): void };

type SandboxPage = { page: Page; context: BrowserContext; live: Map<number, Live>; dead: boolean };

type State = { page: Promise<SandboxPage> | null; current: SandboxPage | null; ids: number; unsubscribe: (() => void) | null };
const state: State = { page: null, current: null, ids: 0, unsubscribe: null };

function failAll(sp: SandboxPage, e: WorkerExit) {
  if (sp.dead) return;
  sp.dead = true;
  if (state.current === sp) {
    state.current = null;
    state.page = null;
  }
  const live = [...sp.live.values()];
  sp.live.clear();
  for (const l of live) l.onExit(e);
  void sp.context.close().catch(() => {});
}

/** The sandbox page, opened on first use in its own browser context of the shared Chromium. */
function sandboxPage(): Promise<SandboxPage> {
  state.unsubscribe ??= onSharedChromiumDeath((reason, message) => {
    const cur = state.current;
    if (cur) failAll(cur, { kind: reason, message });
  });
  state.page ??= (async () => {
    const [{ origin }, chromium] = await Promise.all([startServer(), getSharedChromium()]);
    const context = await chromium.browser.newContext({ serviceWorkers: "block", acceptDownloads: false });
    // Only GETs to the sandbox's own origin leave the page or its workers (the CSP says the same).
    await context.route("**/*", (route) => {
      const r = route.request();
      return r.method() === "GET" && (r.url() === origin || r.url().startsWith(origin + "/")) ? route.continue() : route.abort("blockedbyclient");
    });
    const sp: SandboxPage = { page: null as unknown as Page, context, live: new Map(), dead: false };
    await context.exposeBinding("__lbSandboxEmit", (_src, id: number, json: string) => {
      const l = sp.live.get(id);
      if (!l || typeof json !== "string" || json.length > 2 * MAX_MESSAGE_CHARS) return;
      let batch: unknown;
      try {
        batch = JSON.parse(json);
      } catch {
        return;
      }
      if (!Array.isArray(batch)) return;
      for (const m of batch) {
        if (!sp.live.has(id)) return;
        if (m && typeof m === "object" && typeof (m as { type?: unknown }).type === "string") l.onMessage(m as WorkerToHost);
      }
    });
    await context.exposeBinding("__lbSandboxExit", (_src, id: number, message: string) => {
      const l = sp.live.get(id);
      if (!l) return;
      sp.live.delete(id);
      l.onExit({ kind: /memory/i.test(String(message)) ? "memory" : "crash", message: String(message).slice(0, 2000) });
    });
    const page = await context.newPage();
    sp.page = page;
    page.on("crash", () => failAll(sp, { kind: "memory", message: "the sandbox page crashed (most often: it ran out of memory)" }));
    page.on("close", () => failAll(sp, { kind: "crash", message: "the sandbox page closed" }));
    await page.goto(`${origin}/sandbox.html`);
    await page.waitForFunction(() => "__lbSandbox" in globalThis);
    state.current = sp;
    return sp;
  })();
  const p = state.page;
  p.catch(() => {
    if (state.page === p) state.page = null;
  });
  return p;
}

/**
 * A WorkerFactory for TestRunner: each worker is a Web Worker in the sandbox page. If Chromium cannot
 * start, the worker reports a crash and the run comes back as an infra-error (the round stays ungraded).
 */
export const sandboxWorkerFactory: WorkerFactory = ({ onMessage, onExit }) => {
  const id = ++state.ids;
  let gone = false;
  // Until the worker has said anything it holds no state, so if its page dies under it (a crash or a
  // memory kill caused by an earlier grade) it is started again in a fresh page, with what was posted
  // to it replayed, rather than failing a run that has not begun. Bounded, and blind to what the
  // messages say.
  let heard = false;
  let retries = 0;
  const unheard: string[] = [];
  const finish = (e: WorkerExit) => {
    if (gone) return;
    gone = true;
    onExit(e);
  };
  const fail = (err: Error) => live.onExit({ kind: "crash", message: `the sandbox stopped: ${err.message}` });
  const live: Live = {
    onMessage: (m) => {
      if (gone) return;
      heard = true;
      unheard.length = 0;
      onMessage(m);
    },
    onExit: (e) => {
      if (gone) return;
      if (!heard && retries < 2) {
        retries++;
        chain = attach();
        for (const json of unheard) send(json);
        return;
      }
      finish(e);
    },
  };
  const attach = (): Promise<SandboxPage | null> =>
    sandboxPage()
      .then(
        async (sp) => {
          sp.live.set(id, live);
          await sp.page.evaluate((i) => (globalThis as unknown as { __lbSandbox: { spawn(i: number): void } }).__lbSandbox.spawn(i), id);
          return sp;
        },
        (err: Error) => {
          finish({ kind: "crash", message: `the sandbox browser is unavailable: ${err.message}` });
          return null;
        },
      )
      .catch((err: Error) => {
        fail(err);
        return null;
      });
  const send = (json: string) => {
    const before = chain;
    chain = before.then(async (sp) => {
      if (!sp || gone || sp.dead) return sp;
      await sp.page
        .evaluate(([i, j]) => (globalThis as unknown as { __lbSandbox: { post(i: number, j: string): void } }).__lbSandbox.post(i, j), [id, json] as const)
        .catch(fail);
      return sp;
    });
  };
  let chain: Promise<SandboxPage | null> = attach();
  return {
    post(m) {
      const json = JSON.stringify(m);
      if (!heard) unheard.push(json);
      send(json);
    },
    terminate() {
      gone = true;
      void chain.then((sp) => {
        if (!sp) return;
        sp.live.delete(id);
        if (!sp.dead) void sp.page.evaluate((i) => (globalThis as unknown as { __lbSandbox: { terminate(i: number): void } }).__lbSandbox.terminate(i), id).catch(() => {});
      });
    },
  };
};
