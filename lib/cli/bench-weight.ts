/**
 * `npm run bench:weight`: the JavaScript each page makes the browser download, as `next start` serves
 * it (gzip), measured in real Chromium. Serves a production build (NEXT_DIST_DIR, default `.next`;
 * build it first) on a scratch database, starts one loop per round kind through the API, completes a
 * design loop for the debrief and history pages, then loads every page in a fresh browser context
 * (cold cache) and sums the encoded body size of every script response.
 *
 *   npm run bench:weight                      # table
 *   npm run --silent bench:weight -- --json   # machine-readable
 *   NEXT_DIST_DIR=.next-test npm run bench:weight -- --port 3117 --runs 3
 *
 * The budget (issue 13): a page without a code editor or a whiteboard loads at most 150 kB.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const BUDGET_KB = 150;

type Args = { port: number; runs: number; json: boolean; distDir: string; detail: boolean };

function parseArgs(argv: string[]): Args {
  const out: Args = { port: 3199, runs: 3, json: false, distDir: process.env.NEXT_DIST_DIR || ".next", detail: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") out.json = true;
    else if (a === "--detail") out.detail = true;
    else if (a === "--port") out.port = Number(argv[++i]);
    else if (a === "--runs") out.runs = Math.max(1, Number(argv[++i]));
    else if (a === "--dist-dir") out.distDir = argv[++i];
    else throw new Error(`Unknown flag ${a}. Flags: --port N, --runs N, --dist-dir DIR, --json, --detail (list every script).`);
  }
  if (!Number.isInteger(out.port) || out.port <= 0) throw new Error("--port needs a port number, e.g. --port 3199");
  return out;
}

type PageSpec = {
  name: string;
  path: string;
  /** Pages holding a code editor or a whiteboard are exempt from the budget. */
  heavy?: string;
  /** Something to do after load whose extra JavaScript is measured too (opening the whiteboard). */
  then?: { label: string; run: (page: Page) => Promise<boolean> };
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(args.distDir, "BUILD_ID"))) {
    throw new Error(`No production build in ${args.distDir}. Build first: NEXT_DIST_DIR=${args.distDir} npx next build`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "loopbench-weight-"));
  const base = `http://127.0.0.1:${args.port}`;
  const server = spawn("npx", ["next", "start", "-p", String(args.port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_DIST_DIR: args.distDir, NEXT_TELEMETRY_DISABLED: "1", LOOPBENCH_DATA_DIR: path.join(dataDir, "pglite"), DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  let browser: Browser | null = null;
  try {
    await waitForServer(base, server);
    const specs = await preparePages(base);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-background-networking"] });
    const rows: { name: string; path: string; kb: number; afterKb?: number; afterLabel?: string; heavy?: string; overBudget: boolean }[] = [];
    for (const spec of specs) {
      const samples: number[] = [];
      const after: number[] = [];
      for (let i = 0; i < args.runs; i++) {
        const m = await measure(browser, base, spec, args.detail && i === 0);
        samples.push(m.bytes);
        if (m.afterBytes !== undefined) after.push(m.afterBytes);
      }
      const kb = round1(median(samples) / 1000);
      const afterKb = after.length ? round1(median(after) / 1000) : undefined;
      rows.push({ name: spec.name, path: spec.path, kb, afterKb, afterLabel: spec.then?.label, heavy: spec.heavy, overBudget: !spec.heavy && kb > BUDGET_KB });
    }
    if (args.json) {
      console.log(JSON.stringify({ budgetKb: BUDGET_KB, distDir: args.distDir, runs: args.runs, pages: rows }, null, 2));
    } else {
      console.log(`JavaScript transferred per page (gzip as next start serves it, median of ${args.runs} cold loads; budget ${BUDGET_KB} kB for pages without an editor or whiteboard)\n`);
      const w = Math.max(...rows.map((r) => r.name.length));
      for (const r of rows) {
        const tag = r.heavy ? `(${r.heavy})` : r.overBudget ? "OVER BUDGET" : "ok";
        console.log(`${r.name.padEnd(w)}  ${r.kb.toFixed(1).padStart(7)} kB  ${tag}`);
        if (r.afterKb !== undefined) console.log(`${`  + ${r.afterLabel}`.padEnd(w)}  ${r.afterKb.toFixed(1).padStart(7)} kB  (total after it)`);
      }
    }
    if (rows.some((r) => r.overBudget)) process.exitCode = 1;
  } finally {
    await browser?.close();
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      /* already gone */
    }
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitForServer(base: string, server: ChildProcess) {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The server at ${base} did not answer within 120 s`);
}

async function post(base: string, p: string, body: unknown) {
  const res = await fetch(`${base}${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const data = await res.json();
  if (!res.ok) throw new Error(`POST ${p}: ${res.status} ${JSON.stringify(data)}`);
  return data as { id: string };
}

/** One quick-drill loop per round kind (open rounds), and a finished design loop for debrief and history. */
async function preparePages(base: string): Promise<PageSpec[]> {
  const loopOf = async (kind: string) => (await post(base, "/api/sessions", { templateId: "quick-drill", kind, seed: 1 })).id;
  const design = await loopOf("design");
  const done = await loopOf("design");
  await post(base, `/api/sessions/${done}/rounds/0/submit`, { answer: { sections: { requirements: "Serve chats with a paged KV cache and continuous batching." } } });
  const openWhiteboard = {
    label: "whiteboard opened",
    run: async (page: Page) => {
      const open = page.getByRole("button", { name: /Open whiteboard/ });
      if (!(await open.count())) return false; // a build from before the whiteboard
      await open.click();
      await page.locator(".excalidraw canvas").first().waitFor({ timeout: 60_000 });
      return true;
    },
  };
  return [
    { name: "/ (start a loop)", path: "/" },
    { name: "/loop design round", path: `/loop/${design}`, then: openWhiteboard },
    { name: "/loop modeling round", path: `/loop/${await loopOf("modeling")}`, heavy: "code editor: the Python scratchpad" },
    { name: "/loop behavioral round", path: `/loop/${await loopOf("behavioral")}` },
    { name: "/loop coding round", path: `/loop/${await loopOf("coding")}`, heavy: "code editor" },
    { name: "/loop kernel round", path: `/loop/${await loopOf("kernel")}`, heavy: "code editor" },
    { name: "/loop/<id>/debrief", path: `/loop/${done}/debrief` },
    { name: "/history", path: "/history" },
    { name: "/history/<id>", path: `/history/${done}` },
    { name: "/history/progress", path: "/history/progress" },
    { name: "/history/compare", path: `/history/compare?a=${done}&b=${design}` },
    { name: "/model", path: "/model" },
    { name: "/lab", path: "/lab", heavy: "code editor" },
    { name: "404", path: "/no-such-page" },
  ];
}

/** Encoded (compressed) bytes of every script the page fetched; a fresh context, so nothing is cached. */
async function measure(browser: Browser, base: string, spec: PageSpec, detail = false): Promise<{ bytes: number; afterBytes?: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pending: Promise<number>[] = [];
  page.on("requestfinished", (req) => {
    if (req.resourceType() !== "script") return;
    pending.push(
      req
        .sizes()
        .then((s) => {
          if (detail) console.error(`  ${spec.name}: ${(s.responseBodySize / 1000).toFixed(1)} kB ${req.url().replace(base, "")}`);
          return s.responseBodySize;
        })
        .catch(() => 0),
    );
  });
  try {
    await page.goto(`${base}${spec.path}`, { waitUntil: "networkidle" });
    const bytes = (await Promise.all(pending)).reduce((a, b) => a + b, 0);
    if (!spec.then) return { bytes };
    if (!(await spec.then.run(page))) return { bytes };
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    const afterBytes = (await Promise.all(pending)).reduce((a, b) => a + b, 0);
    return { bytes, afterBytes };
  } finally {
    await context.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

main().catch((err) => {
  console.error(`[bench:weight] ${(err as Error).message}`);
  process.exit(1);
});
