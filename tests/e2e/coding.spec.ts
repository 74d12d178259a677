import { expect, test, type Page } from "@playwright/test";
import { axeSeriousOrCritical, submitRound, gotoReady, pasteIntoEditor } from "./helpers";

// Coding rounds end to end: Monaco, the visible tests in a Web Worker (Pyodide served by the app,
// TypeScript through sucrase), runs logged, hidden tests graded on the server, and the deadline.

const PY_TOP_P = `import math


def top_k_top_p(logits, k, p):
    order = sorted(range(len(logits)), key=lambda i: (-logits[i], i))
    if 0 < k < len(order):
        order = order[:k]
    if p >= 1:
        return order
    top = logits[order[0]]
    weights = [math.exp(logits[i] - top) for i in order]
    total = sum(weights)
    kept, cumulative = [], 0.0
    for i, w in zip(order, weights):
        kept.append(i)
        cumulative += w / total
        if cumulative >= p:
            break
    print("kept", kept)
    return kept
`;

const TS_TOP_P = `export function topKTopP(logits: number[], k: number, p: number): number[] {
  let order = logits.map((_, i) => i).sort((a, b) => logits[b] - logits[a] || a - b);
  if (k > 0 && k < order.length) order = order.slice(0, k);
  if (p >= 1) return order;
  const top = logits[order[0]];
  const weights = order.map((i) => Math.exp(logits[i] - top));
  const total = weights.reduce((s, w) => s + w, 0);
  const kept: number[] = [];
  let cumulative = 0;
  for (let j = 0; j < order.length; j++) {
    kept.push(order[j]);
    cumulative += weights[j] / total;
    if (cumulative >= p) break;
  }
  return kept;
}
`;

const PY_LOOP = `def top_k_top_p(logits, k, p):
    while True:
        pass
`;

const TS_LOOP = `export function topKTopP(logits: number[], k: number, p: number): number[] {
  while (true) {}
}
`;

const TS_THROWS = `export function topKTopP(logits: number[], k: number, p: number): number[] {
  const order: number[] | null = null;
  return order!.slice(0, k);
}
`;

const PY_LRU = `from collections import OrderedDict


def run_kv_cache(capacity_bytes, ops):
    seqs = OrderedDict()
    used = 0
    out = []
    for op in ops:
        if op[0] == "put":
            _, s, n, b = op
            if s in seqs:
                used -= seqs.pop(s)[1]
            if n * b > capacity_bytes:
                continue
            seqs[s] = (n, n * b)
            used += n * b
            while used > capacity_bytes:
                used -= seqs.popitem(last=False)[1][1]
        else:
            if op[1] in seqs:
                seqs.move_to_end(op[1])
                out.append(seqs[op[1]][0])
            else:
                out.append(-1)
    return out
`;

async function startCodingLoop(page: Page): Promise<string> {
  await gotoReady(page, "/");
  const card = page.locator("section.card", { has: page.getByRole("heading", { name: "E2E coding loop", exact: true }) });
  await card.getByRole("button", { name: /Start loop/ }).click();
  await page.waitForURL(/\/loop\/[0-9a-f-]+$/);
  await expect(page.getByRole("timer")).toBeVisible();
  return page.url().split("/loop/")[1];
}

/**
 * Replaces the editor's text with a paste, as a candidate would paste code: typed newlines would be
 * auto-indented by Monaco.
 */
async function setCode(page: Page, code: string) {
  const editor = page.locator('[data-editor="monaco"][data-ready="true"]');
  await pasteIntoEditor(page, editor, code, 30_000);
  await expect(editor.locator(".view-lines")).toContainText(code.trim().split("\n").at(-1)!.trim().slice(0, 12));
}

async function runTests(page: Page, how: "button" | "keys" = "button") {
  if (how === "keys") {
    await page.locator('[data-editor="monaco"] .view-lines').click();
    await page.keyboard.press("ControlOrMeta+Enter");
  } else {
    await page.getByRole("button", { name: "Run visible tests" }).click();
  }
  await expect(page.locator("[data-run-summary]")).not.toHaveAttribute("data-run-summary", "running", { timeout: 60_000 });
}

const summary = (page: Page) => page.locator("[data-run-summary]");

test("solve a coding round in Python and in TypeScript; runs show per-test results; submit grades the hidden tests", async ({ page }) => {
  await startCodingLoop(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Top-k");
  await expect(page.getByText("def top_k_top_p(logits: list[float], k: int, p: float) -> list[int]", { exact: true })).toBeVisible();
  // Monaco's input element carries the accessible name "Code".
  await expect(page.getByRole("textbox", { name: "Code" })).toHaveCount(1, { timeout: 30_000 });

  // Worked examples under the statement, and the way out of the editor with the keyboard.
  const examples = page.getByRole("region", { name: "Examples" });
  await expect(examples).toContainText("top_k_top_p(");
  await expect(page.getByTestId("editor-keyboard-hint")).toContainText("Ctrl+M");

  // The starter raises NotImplementedError: every visible test fails, with the expected value shown.
  await runTests(page);
  await expect(summary(page)).toHaveText(/0\/3 visible tests passed/);
  const first = page.getByTestId("test-result").first();
  await expect(first).toHaveAttribute("data-status", "error");
  await expect(first).toContainText("expected");
  await expect(first).toContainText("[3,2,1]");

  // Python through Pyodide, run with Ctrl+Enter; stdout per test.
  await setCode(page, PY_TOP_P);
  await runTests(page, "keys");
  await expect(summary(page)).toHaveText(/3\/3 visible tests passed/);
  await expect(page.getByTestId("test-result").first()).toContainText("kept [3, 2, 1]");

  // TypeScript: an error shows with its line, then the fix passes.
  await page.getByLabel("Language").selectOption("typescript");
  await expect(page.getByText("function topKTopP(logits: number[], k: number, p: number): number[]", { exact: true })).toBeVisible();
  await setCode(page, TS_THROWS);
  await runTests(page);
  await expect(page.getByTestId("test-result").first()).toHaveAttribute("data-status", "error");
  await expect(page.getByTestId("test-result").first()).toContainText(/TypeError at line 3/);
  await setCode(page, TS_TOP_P);
  await runTests(page);
  await expect(summary(page)).toHaveText(/3\/3 visible tests passed/);
  await expect(page.getByText(/This run was not recorded/)).toHaveCount(0);

  // The console: the function on the candidate's own input, its return value and what it printed.
  await page.getByText("Console: run with your own input").click();
  await page.getByLabel(/Arguments as a JSON array/).fill("[[5.0, 1.0], 1, 0.5]");
  await page.getByRole("button", { name: "Run with this input" }).click();
  await expect(page.getByTestId("console-output")).toContainText("topKTopP returned [0]");
  await page.getByLabel(/Arguments as a JSON array/).fill("not json");
  await page.getByRole("button", { name: "Run with this input" }).click();
  await expect(page.getByTestId("console-output")).toContainText("not JSON");

  // The round with examples, console and results open passes axe in light and dark (the editor follows the theme).
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: test.info().outputPath(`coding-round-${scheme}.png`), fullPage: true });
    expect(await axeSeriousOrCritical(page), `axe in ${scheme} mode`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });

  // One buffer per language: Python's solution is still there after the TypeScript detour, and back.
  await page.getByLabel("Language").selectOption("python");
  await expect(page.locator('[data-editor="monaco"] .view-lines')).toContainText("def top_k_top_p");
  await page.getByLabel("Language").selectOption("typescript");
  await expect(page.locator('[data-editor="monaco"] .view-lines')).toContainText("export function topKTopP");

  await submitRound(page);
  await expect(page.getByRole("heading", { name: /Round 1 submitted/ })).toBeVisible({ timeout: 60_000 });
  const submitted = page.getByRole("region", { name: /Round 1 submitted/ });
  await expect(submitted.getByText("100/100")).toBeVisible();
  // The debrief's editorial: the reference solution, after submission only.
  const editorial = page.getByText(/Editorial: the reference solution/);
  await expect(editorial).toBeVisible();
  await editorial.click();
  await expect(page.getByTestId("coding-debrief")).toContainText("export function topKTopP");
});

test("an infinite loop is stopped at the limit, the editor stays usable and the next run works", async ({ page }) => {
  await startCodingLoop(page);

  for (const [language, loop, fix] of [
    ["python", PY_LOOP, PY_TOP_P],
    ["typescript", TS_LOOP, TS_TOP_P],
  ] as const) {
    await page.getByLabel("Language").selectOption(language);
    await setCode(page, loop);
    const t0 = Date.now();
    await runTests(page);
    // The first case hits the 2 s limit; the worker is killed and restarted for the next cases.
    await expect(page.locator('[data-error-kind="timeout"]').first()).toBeVisible();
    await expect(summary(page)).toHaveText(/0\/3 visible tests passed.*restarted/);
    expect(Date.now() - t0).toBeLessThan(45_000);
    // The page never froze: the editor takes the fix and the next run passes.
    await setCode(page, fix);
    await runTests(page);
    await expect(summary(page)).toHaveText(/3\/3 visible tests passed/);
  }
});

test("a coding round submits itself at its deadline and is graded on the server; runs are refused after it", async ({ page, request }) => {
  // Grading at the deadline starts the server's sandbox (a headless Chromium with Pyodide) cold.
  test.setTimeout(240_000);
  const id = await startCodingLoop(page);
  await submitRound(page);
  await expect(page.getByRole("heading", { name: /Round 1 submitted/ })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Next round" }).click();

  // Round 2 lasts 24 seconds: write the solution, let the autosave land, and close nothing.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("KV cache");
  await setCode(page, PY_LRU);
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible({ timeout: 15_000 });

  const run = { language: "python", code: "x = 1", results: { status: "ok", loadStdout: "", cases: [], passed: 0, total: 0 }, durationMs: 5 };
  expect((await request.post(`/api/sessions/${id}/rounds/1/runs`, { data: run })).status()).toBe(201);
  expect((await request.post(`/api/sessions/${id}/rounds/0/runs`, { data: run })).status()).toBe(409);
  expect((await request.post(`/api/sessions/${id}/rounds/1/runs`, { data: { ...run, language: "cobol" } })).status()).toBe(422);
  expect((await request.get("/api/scenarios/lru-kv-cache/visible-tests")).status()).toBe(200);
  const visible = await (await request.get("/api/scenarios/lru-kv-cache/visible-tests")).json();
  expect(JSON.stringify(visible)).not.toContain("many operations");
  expect((await request.get("/api/scenarios/inference-server-kv-cache/visible-tests")).status()).toBe(404);

  await expect(page.getByRole("heading", { name: "Loop complete" })).toBeVisible({ timeout: 150_000 });
  expect((await request.post(`/api/sessions/${id}/rounds/1/runs`, { data: run })).status()).toBe(409);
  const view = await (await request.get(`/api/sessions/${id}`)).json();
  expect(view.rounds[1]).toMatchObject({ status: "submitted", submitReason: "deadline", score: 100 });
  expect(view.rounds[1].grade.summary).toMatch(/Passed 10\/10 hidden tests/);
});
