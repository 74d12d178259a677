/**
 * Node side of the headless harness: bundles lib/gpu/browser-entry.ts with esbuild (WGSL as text),
 * serves it on 127.0.0.1 (navigator.gpu needs a secure origin), launches Chromium itself (so it owns the
 * process group and can kill it, GPU process included, when a kernel never finishes) and drives it over CDP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import type { BrowserCheckRequest, BrowserCompareRequest } from "./browser-entry";
import type { BackendComparison } from "./driver";
import { kernelResultSchema, type KernelResult } from "./result";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");

export const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-dev-shm-usage",
];
/** WebGPU on; developer features turn off the 100 us quantization of timestamp queries. */
export const WEBGPU_FLAGS = ["--enable-unsafe-webgpu", "--enable-webgpu-developer-features", "--enable-features=Vulkan"];

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
};

function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!fs.existsSync(p)) throw new Error(`Chromium not found at ${p}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  return p;
}

function killTree(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    try {
      child.kill("SIGKILL");
    } catch {
      /* gone */
    }
  }
}

/**
 * Starts a browser with the harness page loaded. `backend: "cpu"` launches it without WebGPU, so the page
 * has no adapter and the CPU fallback runs. Always close() it (it kills the whole process group).
 */
export async function openHeadlessHarness(opts: { backend: HarnessBackend; launchTimeoutMs?: number }): Promise<HeadlessSession> {
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
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), "loopbench-chromium-"));
  const args = [...CHROMIUM_FLAGS, ...(opts.backend === "webgpu" ? WEBGPU_FLAGS : []), "--remote-debugging-port=0", `--user-data-dir=${userDir}`, "about:blank"];
  const child = spawn(chromiumPath(), args, { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let browser: Browser | null = null;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // Closing over CDP can hang behind a stuck GPU process: kill the group instead of waiting.
    killTree(child);
    server.close();
    await browser?.close().catch(() => {});
    fs.rmSync(userDir, { recursive: true, force: true });
  };
  try {
    const ws = await new Promise<string>((resolve, reject) => {
      let err = "";
      const t = setTimeout(() => reject(new Error(`Chromium did not start within ${opts.launchTimeoutMs ?? 30000} ms: ${err.slice(-500)}`)), opts.launchTimeoutMs ?? 30000);
      child.stderr!.on("data", (d: Buffer) => {
        err += d.toString();
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
        if (m) {
          clearTimeout(t);
          resolve(m[1]);
        }
      });
      child.on("exit", (code) => {
        clearTimeout(t);
        reject(new Error(`Chromium exited with code ${code}: ${err.slice(-500)}`));
      });
    });
    child.stderr!.removeAllListeners("data");
    child.stderr!.resume();
    const { chromium } = await import("playwright-core");
    browser = await chromium.connectOverCDP(ws);
    const context = browser.contexts()[0] ?? (await browser.newContext());
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
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Runs fn with a session and a hard deadline: past it, the browser is killed and the promise rejects. */
export async function withHeadlessHarness<T>(opts: { backend: HarnessBackend; deadlineMs: number }, fn: (s: HeadlessSession) => Promise<T>): Promise<T> {
  let session: HeadlessSession | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void session?.close();
      reject(new Error(`the harness did not finish within ${opts.deadlineMs} ms; the browser was killed`));
    }, opts.deadlineMs);
  });
  try {
    return await Promise.race([
      (async () => {
        session = await openHeadlessHarness({ backend: opts.backend });
        return fn(session);
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
    await (session as HeadlessSession | null)?.close();
  }
}
