/**
 * Node side of the headless harness: bundles lib/gpu/browser-entry.ts with esbuild (WGSL as text),
 * serves it on 127.0.0.1 (navigator.gpu needs a secure origin), and drives Chromium over CDP: a browser of
 * its own (CLI, benches, tests), or, for grading in the server, the one shared browser (lib/sandbox/chromium.ts)
 * so the server never runs more than one browser process tree. Past a deadline the browser is killed, GPU
 * process included.
 */
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CHROMIUM_FLAGS, WEBGPU_FLAGS, closeSharedChromium, getSharedChromium, launchChromium, type LaunchedChromium } from "@/lib/sandbox/chromium";
import type { BrowserCheckRequest, BrowserCompareRequest } from "./browser-entry";
import type { BackendComparison } from "./driver";
import { kernelResultSchema, type KernelResult } from "./result";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");

export { CHROMIUM_FLAGS, WEBGPU_FLAGS };

let bundle: Promise<string> | null = null;

export function buildHarnessBundle(): Promise<string> {
  bundle ??= (async () => {
    const esbuild = await import("esbuild");
    const out = await esbuild.build({
      entryPoints: [path.join(here, "browser-entry.ts")],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: "es2022",
      loader: { ".wgsl": "text" },
      tsconfig: path.join(root, "tsconfig.json"),
      alias: { "@": root },
      logLevel: "silent",
    });
    return out.outputFiles[0].text;
  })();
  return bundle;
}

export type HarnessBackend = "webgpu" | "cpu";

export type HeadlessSession = {
  check(req: BrowserCheckRequest): Promise<KernelResult>;
  /** CPU fallback vs WebGPU on one case, interleaved (npm run bench:kernels). */
  compare(req: BrowserCompareRequest): Promise<BackendComparison>;
  info(): Promise<{ webgpu: boolean; adapter: KernelResult["adapter"] | null; hasNavigatorGpu: boolean }>;
  close(): Promise<void>;
  /** Past a deadline: close, and kill the browser even when it is the shared one. */
  kill(): Promise<void>;
};

/**
 * Starts a browser with the harness page loaded. `backend: "cpu"` launches it without WebGPU, so the page
 * has no adapter and the CPU fallback runs. Always close() it (it kills the whole process group).
 */
export async function openHeadlessHarness(opts: { backend: HarnessBackend; launchTimeoutMs?: number; shared?: boolean }): Promise<HeadlessSession> {
  const js = await buildHarnessBundle();
  const server = http.createServer((req, res) => {
    if (req.url === "/harness.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(js);
    } else {
      res.writeHead(200, { "content-type": "text/html" });
      res.end('<!doctype html><meta charset="utf-8"><title>loopbench kernel harness</title><script src="/harness.js"></script>');
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  let own: LaunchedChromium | null = null;
  let context: BrowserContext | null = null;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    server.close();
    if (own) await own.close();
    else await context?.close().catch(() => {});
  };
  // A stuck kernel (a GPU process that never returns): kill the whole browser, shared or not.
  const kill = async () => {
    await close();
    if (opts.shared) await closeSharedChromium({ reason: "crash", message: "a kernel grade ran past its deadline and the browser was killed" });
  };
  try {
    const browser: Browser = opts.shared
      ? (await getSharedChromium()).browser
      : (own = await launchChromium({ webgpu: opts.backend === "webgpu", launchTimeoutMs: opts.launchTimeoutMs })).browser;
    if (opts.shared && opts.backend !== "webgpu") throw new Error("the shared browser runs with WebGPU; use a browser of its own for the CPU backend");
    context = opts.shared ? await browser.newContext() : (browser.contexts()[0] ?? (await browser.newContext()));
    const page: Page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => "loopbenchKernels" in globalThis);
    return {
      async check(req) {
        const raw = await page.evaluate((r) => (globalThis as unknown as { loopbenchKernels: { check(x: unknown): Promise<unknown> } }).loopbenchKernels.check(r), req);
        return kernelResultSchema.parse(raw);
      },
      async compare(req) {
        return page.evaluate((r) => (globalThis as unknown as { loopbenchKernels: { compare(x: unknown): Promise<BackendComparison> } }).loopbenchKernels.compare(r), req);
      },
      async info() {
        return page.evaluate(() => (globalThis as unknown as { loopbenchKernels: { info(): Promise<never> } }).loopbenchKernels.info());
      },
      close,
      kill,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Runs fn with a session and a hard deadline: past it, the browser is killed and the promise rejects. */
export async function withHeadlessHarness<T>(opts: { backend: HarnessBackend; deadlineMs: number; shared?: boolean }, fn: (s: HeadlessSession) => Promise<T>): Promise<T> {
  let session: HeadlessSession | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void session?.kill();
      reject(new Error(`the harness did not finish within ${opts.deadlineMs} ms; the browser was killed`));
    }, opts.deadlineMs);
  });
  try {
    return await Promise.race([
      (async () => {
        session = await openHeadlessHarness({ backend: opts.backend, shared: opts.shared });
        return fn(session);
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
    await (session as HeadlessSession | null)?.close();
  }
}
