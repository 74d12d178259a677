/**
 * npm run bench:scratchpad -- [--url http://127.0.0.1:3000] [--repeats 5]
 *
 * The modeling round's Python scratchpad in Chromium (CHROMIUM_PATH, default /usr/bin/chromium) against
 * a running app: it starts a TPM technical screen (the live jitter round) per repeat in a fresh browser
 * context (empty cache) and measures
 *   - cold start: page navigation to "Python ready" (download, compile and start Pyodide);
 *   - the first run of the scenario's starter Monte Carlo (2,000 steps x 128 GPUs), click to output;
 *   - a second run of the same script (warm interpreter);
 *   - a reload: navigation to "Python ready" with the HTTP cache warm.
 * Prints the median and the range of each. Each repeat leaves a practice session in the app's database:
 * point the app at a scratch LOOPBENCH_DATA_DIR.
 */
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { url: { type: "string", default: "http://127.0.0.1:3000" }, repeats: { type: "string", default: "5" } } });
const base = values.url!.replace(/\/$/, "");
const repeats = Math.max(1, Number(values.repeats));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox"] });
  const rows: Record<string, number[]> = { "cold start: navigation to Python ready (empty cache)": [], "first run of the starter Monte Carlo (click to output)": [], "second run (warm interpreter)": [], "reload: navigation to Python ready (HTTP cache)": [] };
  const keys = Object.keys(rows);
  try {
    for (let i = 0; i < repeats; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const res = await page.request.post(`${base}/api/sessions`, { data: { templateId: "tpm-technical-screen", mode: "practice" } });
      if (!res.ok()) throw new Error(`could not start the TPM technical screen at ${base}: ${res.status()} ${await res.text()}`);
      const { url } = (await res.json()) as { url: string };
      const pad = page.getByTestId("scratchpad");
      let t0 = performance.now();
      await page.goto(base + url);
      await pad.locator('[data-runtime="ready"]').waitFor({ timeout: 180_000 });
      rows[keys[0]].push(performance.now() - t0);
      for (const k of [keys[1], keys[2]]) {
        const before = (await pad.locator("[data-ran-at]").count()) ? await pad.locator("[data-ran-at]").getAttribute("data-ran-at") : null;
        t0 = performance.now();
        await pad.getByRole("button", { name: "Run", exact: true }).click();
        await page.waitForFunction((prev) => {
          const el = document.querySelector('[data-testid="scratchpad"] [data-ran-at]');
          return !!el && el.getAttribute("data-ran-at") !== prev;
        }, before, { timeout: 60_000 });
        rows[k].push(performance.now() - t0);
      }
      const status = await pad.locator("[data-scratchpad-status]").getAttribute("data-scratchpad-status");
      if (status !== "ok") throw new Error(`the starter script did not run cleanly: ${status}`);
      t0 = performance.now();
      await page.reload();
      await pad.locator('[data-runtime="ready"]').waitFor({ timeout: 180_000 });
      rows[keys[3]].push(performance.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const width = Math.max(...keys.map((k) => k.length));
  console.log(`Scratchpad in Chromium, ${repeats} repeat(s), ${base}\n`);
  for (const k of keys) {
    const xs = rows[k];
    console.log(`${k.padEnd(width)}  median ${(median(xs) / 1000).toFixed(2).padStart(6)} s   (${(Math.min(...xs) / 1000).toFixed(2)}-${(Math.max(...xs) / 1000).toFixed(2)} s)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
