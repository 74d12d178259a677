import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { finishMiniLoop, gotoReady, post, setTheme } from "./helpers";

// axe-core on every page, in light and dark: a loop page for each round kind, the debrief, /model, /lab,
// every history page and the 404. Fails on any serious or critical violation; the counts per page and
// theme (nodes, all impacts) are appended to test-results/a11y-counts.jsonl.
const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");

type Violation = { id: string; impact: string | null; nodes: { target: unknown[] }[] };
type Counts = { serious: number; critical: number; moderate: number; minor: number; rules: string[] };

// One line per page and theme, appended, so a run's counts survive a failing test (Playwright restarts the worker).
const countsFile = () => path.join(test.info().project.outputDir, "a11y-counts.jsonl");

async function axe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  const r = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } };
    return await w.axe.run();
  });
  return r.violations;
}

function count(violations: Violation[]): Counts {
  const c: Counts = { serious: 0, critical: 0, moderate: 0, minor: 0, rules: [] };
  for (const v of violations) {
    const impact = (v.impact ?? "minor") as keyof Omit<Counts, "rules">;
    c[impact] += v.nodes.length;
    c.rules.push(`${v.id}[${v.impact}] ×${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => JSON.stringify(n.target)).join(", ")}`);
  }
  return c;
}

/**
 * Monaco draws code as absolutely positioned spans that axe may leave "incomplete" rather than judge, so
 * each token colour in a code editor is also checked here against the editor's background (WCAG AA, 4.5:1).
 */
async function editorTokenContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: number[]) => {
      const [r, g, b] = c.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
      return (x + 0.05) / (y + 0.05);
    };
    const bad = new Set<string>();
    for (const editor of document.querySelectorAll(".monaco-editor")) {
      const bgEl = editor.querySelector(".monaco-editor-background") ?? editor;
      const bg = rgb(getComputedStyle(bgEl).backgroundColor);
      const spans = [...editor.querySelectorAll(".view-line span span"), ...editor.querySelectorAll(".line-numbers")];
      for (const span of spans) {
        if (!span.textContent?.trim()) continue;
        const fg = rgb(getComputedStyle(span).color);
        const r = ratio(fg, bg);
        if (r < 4.5) bad.add(`"${span.textContent.trim().slice(0, 24)}" ${getComputedStyle(span).color} on ${getComputedStyle(bgEl).backgroundColor}: ${r.toFixed(2)}:1`);
      }
    }
    return [...bad];
  });
}

/** Runs axe in both themes (the menu's choice, so the page's own theme code sees it), screenshots, and records the counts. */
async function check(page: Page, name: string, ready?: () => Promise<void>) {
  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    if (ready) await ready();
    await page.waitForTimeout(300);
    await page.screenshot({ path: test.info().outputPath(`${name.replace(/[^a-z0-9]+/gi, "-")}-${theme}.png`), fullPage: true });
    const violations = await axe(page);
    const tokens = await editorTokenContrast(page);
    const c = count(violations);
    fs.mkdirSync(path.dirname(countsFile()), { recursive: true });
    fs.appendFileSync(countsFile(), JSON.stringify({ page: name, theme, ...c, editorTokensBelowAA: tokens }) + "\n");
    const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect.soft(bad.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(", ")}`), `axe serious/critical on ${name} (${theme})`).toEqual([]);
    expect.soft(tokens, `editor token colours under 4.5:1 on ${name} (${theme})`).toEqual([]);
  }
}

async function startDrill(request: APIRequestContext, kind: string, scenario?: string): Promise<string> {
  const { id } = await post(request, "/api/sessions", { templateId: "quick-drill", mode: "practice", seed: 3, kind, ...(scenario ? { scenarioIds: { "0": scenario } } : {}) });
  return id;
}

/** The e2e-mini loop played through the API (as history.spec.ts does): a debrief with every prose kind. */
async function playMini(request: APIRequestContext, seed: number, drafts = 0): Promise<string> {
  const { id } = await post(request, "/api/sessions", { templateId: "e2e-mini", mode: "strict", seed });
  // Enough saves that the replay's timeline scrolls (a scrollable region must be reachable by keyboard).
  for (let i = 0; i < drafts; i++) await post(request, `/api/sessions/${id}/rounds/0/answer`, { answer: { sections: { requirements: `Draft ${i + 1}.` } } });
  await post(request, `/api/sessions/${id}/rounds/0/answer`, { answer: { sections: { requirements: "Serve 2,000 concurrent chats with TTFT under 500 ms at p95.", architecture: "Continuous batching with a paged KV cache and admission control returning 429." } } });
  await post(request, `/api/sessions/${id}/rounds/0/submit`);
  await finishMiniLoop(request, id);
  return id;
}

let played: [string, string] | null = null;

/** Two finished sessions of one loop (debrief, history, compare), played once per worker. */
async function sessions(request: APIRequestContext): Promise<[string, string]> {
  played ??= [await playMini(request, 5, 14), await playMini(request, 6)];
  return played;
}

const editorReady = (page: Page, kind: "monaco" | "wgsl") => async () => {
  await expect(page.locator(`[data-editor="${kind}"][data-ready="true"]`).first()).toBeVisible({ timeout: 60_000 });
};

test("home", async ({ page }) => {
  await gotoReady(page, "/");
  await check(page, "/");
});

for (const [kind, scenario] of [
  ["coding", "top-p-sampling"],
  ["design", "inference-server-kv-cache"],
  ["modeling", "kv-cache-budget"],
  ["behavioral", "forced-technical-decision"],
  ["kernel", "kv-append-rope-round"],
] as const) {
  test(`loop page, ${kind} round`, async ({ page, request }) => {
    const id = await startDrill(request, kind, scenario);
    await gotoReady(page, `/loop/${id}`);
    await expect(page.getByRole("heading").first()).toBeVisible(); // role queries skip the closed submit dialog
    const ready = kind === "coding" ? editorReady(page, "monaco") : kind === "kernel" ? editorReady(page, "wgsl") : undefined;
    await check(page, `/loop (${kind})`, ready);
  });
}

test("debrief", async ({ page, request }) => {
  const [a] = await sessions(request);
  await gotoReady(page, `/loop/${a}/debrief`);
  await expect(page.getByTestId("decision")).toBeVisible();
  await check(page, "/loop/<id>/debrief");
});

test("model", async ({ page }) => {
  await gotoReady(page, "/model");
  await expect(page.locator("h1").first()).toBeVisible();
  await check(page, "/model");
});

test("lab", async ({ page }) => {
  await gotoReady(page, "/lab");
  await check(page, "/lab", editorReady(page, "wgsl"));
});

test("history list", async ({ page, request }) => {
  await sessions(request);
  // An unfinished loop too, for its "in progress" badge.
  await startDrill(request, "behavioral");
  await gotoReady(page, "/history");
  await check(page, "/history");
});

test("history session", async ({ page, request }) => {
  const [a] = await sessions(request);
  await gotoReady(page, `/history/${a}`);
  await expect(page.getByTestId("decision")).toBeVisible();
  await check(page, "/history/<id>");
});

test("history compare", async ({ page, request }) => {
  const [a, b] = await sessions(request);
  await gotoReady(page, `/history/compare?a=${a}&b=${b}`);
  await expect(page.locator("h1")).toContainText("Compare");
  await check(page, "/history/compare");
});

test("history progress", async ({ page, request }) => {
  await sessions(request);
  await gotoReady(page, "/history/progress");
  await check(page, "/history/progress");
});

test("not found", async ({ page }) => {
  const res = await page.goto("/loop/not-a-uuid");
  expect.soft(res?.status(), "/loop/not-a-uuid answers 404").toBe(404);
  await check(page, "404");
});
