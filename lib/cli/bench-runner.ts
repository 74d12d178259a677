/**
 * npm run bench:runner — the code runner's costs, in Node worker threads (the path that grades):
 * Pyodide cold start, a warm run, and 20 small test cases per language (median of several runs).
 *
 * npm run bench:runner -- --browser http://127.0.0.1:3000 also measures the browser path against a
 * running app, in Chromium (CHROMIUM_PATH, default /usr/bin/chromium): Pyodide ready on a coding
 * round with an empty cache (cold: a fresh browser context each, median of BENCH_REPEATS, with the
 * runtime's bytes on the wire and the number of wasm requests) and after a reload (warm, HTTP cache),
 * and a run of the visible tests. --browser-only <url> skips the Node figures.
 */
import { gradeCoding } from "@/lib/grading/coding";
import { createNodeRunner, type Language, type RunnerTest } from "@/lib/runner";
import { loadScenarioLibrary, type CodingScenario } from "@/lib/scenarios";

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

const code: Record<Language, string> = {
  python: "def add(a, b):\n    return a + b\n",
  typescript: "export function add(a: number, b: number): number {\n  return a + b;\n}\n",
};
const tests: RunnerTest[] = Array.from({ length: 20 }, (_, i) => ({ name: `case ${i + 1}`, args: [i, i * 2], expected: i * 3 }));
const limits = { timeMs: 2000, outputBytes: 65536 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  const rows: [string, string][] = [];
  // --browser-only: just the browser figures (the Node part takes a while and does not change with serving).
  const browserOnly = process.argv.includes("--browser-only");
  for (const language of browserOnly ? [] : (["python", "typescript"] as const)) {
    const runner = createNodeRunner();
    let t0 = performance.now();
    await runner.warm(language);
    rows.push([`${language}: cold start (worker + runtime)`, ms(performance.now() - t0)]);
    t0 = performance.now();
    const first = await runner.run({ language, code: code[language], entry: "add", tests: tests.slice(0, 1), checker: { kind: "exact" }, limits });
    rows.push([`${language}: warm start (load code, 1 case)`, ms(performance.now() - t0)]);
    if (first.passed !== 1) throw new Error(`${language}: the warm-up case failed: ${JSON.stringify(first.cases[0])}`);
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      t0 = performance.now();
      const r = await runner.run({ language, code: code[language], entry: "add", tests, checker: { kind: "exact" }, limits });
      times.push(performance.now() - t0);
      if (r.passed !== tests.length) throw new Error(`${language}: ${r.passed}/${tests.length} passed`);
    }
    rows.push([`${language}: 20 small cases (median of ${REPEATS})`, ms(median(times))]);
    runner.dispose();
  }
  if (!browserOnly) rows.push(...(await gradingBench()));
  const at = Math.max(process.argv.indexOf("--browser"), process.argv.indexOf("--browser-only"));
  if (at > 0) rows.push(...(await browserBench(process.argv[at + 1] ?? "http://127.0.0.1:3000")));
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`Code runner, Node ${process.version}, worker threads\n`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v.padStart(10)}`);
}

/**
 * Grading a 30-test submission as the server does (a recycling runner: a fresh interpreter per
 * submission, started in the background after the previous one): the LIS scenario's tests padded to
 * 30 (its perf case included, so the reference is timed too). Cold: the first grade in the process;
 * warm: later grades once the pre-started worker is ready (median of REPEATS).
 */
async function gradingBench(): Promise<[string, string][]> {
  const lis = loadScenarioLibrary(undefined, { kinds: ["coding"] }).scenarios.find((s) => s.id === "longest-increasing-run") as CodingScenario;
  const extra = lis.tests.filter((t) => t.hidden && !t.perf);
  const tests = [...lis.tests];
  for (let i = 0; tests.length < 30; i++) tests.push({ ...extra[i % extra.length], name: `${extra[i % extra.length].name} (copy ${i + 1})` });
  const scenario = { ...lis, tests } as CodingScenario;
  const rows: [string, string][] = [];
  for (const language of ["python", "typescript"] as const) {
    const runner = createNodeRunner({ recycle: true });
    let t0 = performance.now();
    const cold = await gradeCoding(scenario, { language, code: lis.reference[language]! }, { runner });
    rows.push([`grading: 30-test ${language} submission, cold (runtime start included)`, ms(performance.now() - t0)]);
    if (cold.score !== 100) throw new Error(`${language}: the reference scored ${cold.score}: ${cold.summary}`);
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      await runner.warm(language);
      t0 = performance.now();
      await gradeCoding(scenario, { language, code: lis.reference[language]! }, { runner });
      times.push(performance.now() - t0);
    }
    rows.push([`grading: 30-test ${language} submission, warm (median of ${REPEATS})`, ms(median(times))]);
    runner.dispose();
  }
  return rows;
}

type Load = { readyMs: number; wasmRequests: number; runtimeBytes: number; encodings: string };

/**
 * One cold page load of a coding round in a fresh browser context (empty HTTP cache): the time to
 * Pyodide ready, the requests for pyodide.asm.wasm that reached the network, and the bytes the
 * runtime's files (/pyodide/...) took on the wire (encoded body + headers, as Chromium reports them).
 */
async function coldLoad(browser: import("playwright-core").Browser, pageUrl: string): Promise<Load> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const encodings = new Set<string>();
    let wasmRequests = 0;
    let runtimeBytes = 0;
    // The worker's requests are the context's too (Chromium reports dedicated workers' fetches).
    context.on("request", (r) => {
      if (/\/pyodide\/.*pyodide\.asm\.wasm$/.test(r.url())) wasmRequests++;
    });
    context.on("requestfinished", async (r) => {
      if (!/\/pyodide\//.test(r.url())) return;
      const sizes = await r.sizes();
      runtimeBytes += sizes.responseBodySize + sizes.responseHeadersSize;
      const res = await r.response();
      encodings.add(`${r.url().split("/").pop()}:${(await res?.headerValue("content-encoding")) ?? "none"}`);
    });
    const t0 = performance.now();
    await page.goto(pageUrl);
    await page.locator('[data-runtime="ready"]').waitFor({ timeout: 120_000 });
    const readyMs = performance.now() - t0;
    return { readyMs, wasmRequests, runtimeBytes, encodings: [...encodings].sort().join(" ") };
  } finally {
    await context.close();
  }
}

async function browserBench(base: string) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox"] });
  const rows: [string, string][] = [];
  try {
    const page = await browser.newPage();
    const res = await page.request.post(`${base}/api/sessions`, { data: { templateId: "quick-drill", kind: "coding", mode: "practice", scenarioIds: { "0": "top-p-sampling" } } });
    if (!res.ok()) throw new Error(`could not start a coding loop at ${base}: ${res.status()} ${await res.text()}`);
    const { url } = (await res.json()) as { url: string };
    const loads: Load[] = [];
    for (let i = 0; i < REPEATS; i++) loads.push(await coldLoad(browser, base + url));
    const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
    rows.push([`browser python: Pyodide ready, cold (fresh context, median of ${REPEATS})`, ms(median(loads.map((l) => l.readyMs)))]);
    rows.push([`browser python: cold loads, each (ms)`, loads.map((l) => Math.round(l.readyMs)).join(" ")]);
    rows.push([`browser python: runtime bytes on the wire, cold`, mb(median(loads.map((l) => l.runtimeBytes)))]);
    rows.push([`browser python: pyodide.asm.wasm network requests, cold`, String(median(loads.map((l) => l.wasmRequests)))]);
    rows.push([`browser python: content-encoding per file`, loads[0].encodings]);
    let t0 = performance.now();
    await page.goto(base + url);
    await page.locator('[data-runtime="ready"]').waitFor({ timeout: 120_000 });
    rows.push([`browser python: Pyodide ready, cold (shared page)`, ms(performance.now() - t0)]);
    t0 = performance.now();
    await page.reload();
    await page.locator('[data-runtime="ready"]').waitFor({ timeout: 120_000 });
    rows.push([`browser python: Pyodide ready, warm (reload, HTTP cache)`, ms(performance.now() - t0)]);
    for (const language of ["python", "typescript"] as const) {
      await page.getByLabel("Language").selectOption(language);
      await page.locator('[data-runtime="ready"]').waitFor({ timeout: 120_000 });
      const t1 = performance.now();
      await page.getByRole("button", { name: "Run visible tests" }).click();
      await page.locator('[data-run-summary="ok"]').waitFor({ timeout: 60_000 });
      rows.push([`browser ${language}: run 3 visible cases (click to results)`, ms(performance.now() - t1)]);
    }
  } finally {
    await browser.close();
  }
  return rows;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
