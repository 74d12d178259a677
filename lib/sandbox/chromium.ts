/**
 * The one headless Chromium of the server: kernel grading and the code sandbox share it, so there is
 * at most one browser process tree at a time. Launched by us (not by Playwright) in its own process
 * group, so a stuck GPU process or a runaway page dies with one kill; driven over CDP.
 *
 * Memory: V8 heaps are capped by --max-old-space-size, but WebAssembly memories and ArrayBuffers are not
 * V8 heap, so a watchdog reads the resident memory of the whole process tree from /proc and kills the
 * tree past the cap. Everything in flight then reports a "memory" exit and the next use starts a fresh one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";

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
  "--disable-extensions",
  "--disable-default-apps",
];
/** WebGPU on; developer features turn off the 100 us quantization of timestamp queries. */
export const WEBGPU_FLAGS = ["--enable-unsafe-webgpu", "--enable-webgpu-developer-features", "--enable-features=Vulkan"];
/**
 * The shared browser resolves no host name at all (pages are served from 127.0.0.1 by IP), and every
 * V8 heap is capped. Candidate code is further held by its page's CSP and request interception.
 */
const SANDBOX_FLAGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--js-flags=--max-old-space-size=512"];

export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!fs.existsSync(/* turbopackIgnore: true */ p)) throw new Error(`Chromium not found at ${p}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  return p;
}

/** The browser gets none of the server's secrets (DATABASE_URL, LOOPBENCH_PASSWORD, API keys): only what it needs to run. */
const ENV_KEEP = /^(PATH|HOME|TMPDIR|LANG|LANGUAGE|LC_[A-Z]+|TZ|XDG_[A-Z_]+|FONTCONFIG_[A-Z_]+|VK_ICD_FILENAMES|VK_DRIVER_FILES|LD_LIBRARY_PATH|CHROME_[A-Z_]+)$/;
function browserEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (ENV_KEEP.test(k)) env[k] = v;
  return env;
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

// ---- orphans ---------------------------------------------------------------------------------------
// Chromium runs in its own process group (so one kill stops the tree), which also means it outlives a
// server killed with SIGKILL or by the OOM killer: no "exit" handler runs then. Each profile directory
// names its owner (pid and start time, so a reused pid is not mistaken for it); the next launch, and
// the next server start, kill the browsers of owners that are gone and remove their profiles.

const PROFILE_PREFIX = "loopbench-chromium-";
const OWNER_FILE = "loopbench-owner";

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or null if it is gone. */
function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function ownerRecord(pid = process.pid): string {
  return `${pid} ${processStartTime(pid) ?? "?"}\n`;
}

function ownerAlive(record: string): boolean {
  const [pidText, start] = record.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const now = processStartTime(pid);
  if (now === null) {
    // No /proc (not Linux): fall back to a signal-0 probe.
    if (fs.existsSync("/proc/self/stat")) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return start === "?" || now === start;
}

/** Pids whose command line holds `--user-data-dir=<dir>` (the browser and its helpers). */
function pidsUsingProfile(dir: string): number[] {
  const flag = `--user-data-dir=${dir}`;
  const out: number[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      if (fs.readFileSync(`/proc/${e}/cmdline`, "utf8").split("\0").includes(flag)) out.push(Number(e));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/**
 * Kills browsers left by servers that died without closing them and removes their profiles. Profiles
 * of a live owner (this server, another test worker) are left alone. Returns how many pids were killed.
 */
export function reapOrphanChromium(tmp = os.tmpdir()): { profiles: number; pids: number } {
  let profiles = 0;
  let pids = 0;
  let names: string[] = [];
  try {
    names = fs.readdirSync(tmp).filter((n) => n.startsWith(PROFILE_PREFIX));
  } catch {
    return { profiles, pids };
  }
  for (const name of names) {
    const dir = path.join(tmp, name);
    let record: string;
    try {
      record = fs.readFileSync(path.join(dir, OWNER_FILE), "utf8");
    } catch {
      continue; // not ours to judge (no owner written): leave it
    }
    if (ownerAlive(record)) continue;
    for (const pid of pidsUsingProfile(dir)) {
      try {
        process.kill(pid, "SIGKILL");
        pids++;
      } catch {
        /* gone */
      }
    }
    try {
      // The killed processes may still be flushing into the profile for a moment.
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    } catch {
      /* removed on a later pass: the owner record stays until then */
    }
    profiles++;
  }
  return { profiles, pids };
}

export type LaunchedChromium = {
  browser: Browser;
  child: ChildProcess;
  /** Kills the whole process group and removes the profile directory. Safe to call twice. */
  close(): Promise<void>;
  closed: boolean;
};

/** Starts Chromium with a throwaway profile and connects to it over CDP. */
export async function launchChromium(opts: { webgpu: boolean; extraArgs?: string[]; launchTimeoutMs?: number }): Promise<LaunchedChromium> {
  const exe = chromiumPath();
  const reaped = reapOrphanChromium();
  if (reaped.pids) console.warn(`[loopbench] killed ${reaped.pids} process(es) of ${reaped.profiles} browser(s) left by a server that died`);
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), PROFILE_PREFIX));
  fs.writeFileSync(path.join(userDir, OWNER_FILE), ownerRecord());
  const args = [...CHROMIUM_FLAGS, ...(opts.webgpu ? WEBGPU_FLAGS : []), ...(opts.extraArgs ?? []), "--remote-debugging-port=0", `--user-data-dir=${userDir}`, "about:blank"];
  const child = spawn(/* turbopackIgnore: true */ exe, args, { detached: true, stdio: ["ignore", "ignore", "pipe"], env: browserEnv() as NodeJS.ProcessEnv });
  let browser: Browser | null = null;
  const launched: LaunchedChromium = {
    browser: null as unknown as Browser,
    child,
    closed: false,
    async close() {
      if (launched.closed) return;
      launched.closed = true;
      // Closing over CDP can hang behind a stuck GPU process: kill the group instead of waiting.
      killTree(child);
      await browser?.close().catch(() => {});
      fs.rmSync(userDir, { recursive: true, force: true });
    },
  };
  child.on("exit", () => {
    launched.closed = true;
    fs.rmSync(userDir, { recursive: true, force: true });
  });
  try {
    const limit = opts.launchTimeoutMs ?? 30_000;
    const ws = await new Promise<string>((resolve, reject) => {
      let err = "";
      const t = setTimeout(() => reject(new Error(`Chromium did not start within ${limit} ms: ${err.slice(-500)}`)), limit);
      child.on("error", (e) => {
        clearTimeout(t);
        reject(e);
      });
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
    launched.browser = browser;
    return launched;
  } catch (e) {
    await launched.close();
    throw e;
  }
}

// ---- the shared browser ----------------------------------------------------------------------------

/** Resident memory of Chromium's whole process tree above which it is killed (MB). */
export function memoryCapMb(): number {
  const v = Number(process.env.LOOPBENCH_SANDBOX_MEMORY_MB);
  return Number.isFinite(v) && v > 0 ? v : 2048;
}

type Shared = {
  launching: Promise<LaunchedChromium> | null;
  current: LaunchedChromium | null;
  listeners: Set<(reason: "memory" | "crash", message: string) => void>;
  watchdog: ReturnType<typeof setInterval> | null;
  killedFor: { reason: "memory" | "crash"; message: string } | null;
};
type Global = typeof globalThis & { __loopbenchSharedChromium?: Shared };

function shared(): Shared {
  const g = globalThis as Global;
  g.__loopbenchSharedChromium ??= { launching: null, current: null, listeners: new Set(), watchdog: null, killedFor: null };
  return g.__loopbenchSharedChromium;
}

/** Pids of a process and all its descendants, read from /proc (Linux). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return [root];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {
      /* exited meanwhile */
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

/**
 * Memory of a process tree in MB: the proportional set size (shared pages split between the processes
 * that share them, so the browser's own code is counted once), or resident size where PSS is unreadable.
 */
export function treeRssMb(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      const m = /^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      if (m) {
        kb += Number(m[1]);
        continue;
      }
    } catch {
      /* no smaps_rollup: fall back to VmRSS */
    }
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      /* exited meanwhile */
    }
  }
  return kb / 1024;
}

function notify(reason: "memory" | "crash", message: string) {
  for (const l of [...shared().listeners]) l(reason, message);
}

/**
 * The shared browser, launched on first use (WebGPU on, for kernel grading; the code sandbox needs
 * nothing more). A dead one is replaced on the next call.
 */
export function getSharedChromium(): Promise<LaunchedChromium> {
  const s = shared();
  if (s.current && !s.current.closed) return Promise.resolve(s.current);
  s.launching ??= (async () => {
    try {
      const c = await launchChromium({ webgpu: true, extraArgs: SANDBOX_FLAGS });
      s.current = c;
      s.killedFor = null;
      c.browser.on("disconnected", () => {
        if (s.current === c) s.current = null;
        const why = s.killedFor ?? { reason: "crash" as const, message: "the sandbox browser stopped" };
        void c.close();
        notify(why.reason, why.message);
      });
      // Never leave an orphan browser behind the server: kill the tree when this process exits.
      process.once("exit", () => killTree(c.child));
      if (!s.watchdog) {
        s.watchdog = setInterval(() => {
          const cur = s.current;
          if (!cur || cur.closed || cur.child.pid === undefined) return;
          const mb = treeRssMb(cur.child.pid);
          if (mb > memoryCapMb()) {
            s.killedFor = { reason: "memory", message: `the sandbox used ${Math.round(mb)} MB, over its ${memoryCapMb()} MB limit` };
            void cur.close();
          }
        }, 250);
        s.watchdog.unref();
      }
      return c;
    } finally {
      s.launching = null;
    }
  })();
  return s.launching;
}

/** Called when the shared browser dies (killed for memory, crashed, or closed). Returns an unsubscribe. */
export function onSharedChromiumDeath(fn: (reason: "memory" | "crash", message: string) => void): () => void {
  shared().listeners.add(fn);
  return () => shared().listeners.delete(fn);
}

/** Kills the shared browser (a stuck kernel, or tests and shutdown). The next use starts a fresh one. */
export async function closeSharedChromium(reason: { reason: "memory" | "crash"; message: string } = { reason: "crash", message: "the sandbox browser was closed" }): Promise<void> {
  const s = shared();
  const c = s.current ?? (s.launching ? await s.launching.catch(() => null) : null);
  if (!c) return;
  s.killedFor = reason;
  await c.close();
}

/** The pid of the shared browser's root process, when one runs (for measurements). */
export function sharedChromiumPid(): number | undefined {
  const c = shared().current;
  return c && !c.closed ? c.child.pid : undefined;
}
