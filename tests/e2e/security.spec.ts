import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { submitRound, gotoReady, pasteIntoEditor } from "./helpers";
import fs from "node:fs";
import os from "node:os";
import { E2E_PORT } from "../../playwright.config";

// Security end to end, against the production build: the headers on every page, no CSP violation
// while a candidate uses the editor, runs Python in the browser, draws on the whiteboard and runs the
// kernel lab, the hostile inputs of issue 12 answered with a 4xx, and a coding round graded on the
// server in the sandbox.

/** Records CSP violations (the DOM event and Chromium's console report) from the first script on. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("__lbCspViolation", (s: string) => seen.push(s));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __lbCspViolation(s: string): void }).__lbCspViolation(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|connect|create|evaluate|frame|apply)/i.test(m.text())) seen.push(`console: ${m.text().slice(0, 300)}`);
  });
  page.on("pageerror", (e) => {
    if (/Content Security Policy|unsafe-eval/i.test(e.message)) seen.push(`pageerror: ${e.message.slice(0, 300)}`);
  });
  return seen;
}

async function setCode(page: Page, code: string) {
  const editor = page.locator('[data-editor="monaco"][data-ready="true"]');
  await pasteIntoEditor(page, editor, code, 30_000);
  await expect(editor.locator(".view-lines")).toContainText(code.trim().split("\n").at(-1)!.trim().slice(0, 12));
}

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
    return kept
`;

test("every response carries the CSP, frame-ancestors 'none', nosniff and a Referrer-Policy", async ({ request }) => {
  for (const path of ["/", "/history", "/lab", "/model", "/api/sessions?limit=1", "/pyodide/pyodide.mjs"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["content-security-policy"], path).toMatch(/frame-ancestors 'none'/);
    expect(h["content-security-policy"], path).toMatch(/object-src 'none'/);
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("same-origin");
    expect(h["x-frame-options"], path).toBe("DENY");
  }
  // 'unsafe-eval' only where the CPU fallback compiles WGSL to JavaScript.
  expect((await request.get("/")).headers()["content-security-policy"]).not.toMatch(/unsafe-eval/);
  expect((await request.get("/lab")).headers()["content-security-policy"]).toMatch(/unsafe-eval/);
});

test("no CSP violation: editor, Python run in the browser, server-side grading in the sandbox", async ({ page }) => {
  const seen = await watchCsp(page);
  await gotoReady(page, "/");
  const card = page.locator("section.card", { has: page.getByRole("heading", { name: "E2E coding loop", exact: true }) });
  await card.getByRole("button", { name: /Start loop/ }).click();
  await page.waitForURL(/\/loop\/[0-9a-f-]+$/);
  await setCode(page, PY_TOP_P);
  await page.getByRole("button", { name: "Run visible tests" }).click();
  await expect(page.locator("[data-run-summary]")).not.toHaveAttribute("data-run-summary", "running", { timeout: 90_000 });
  await expect(page.locator("[data-run-summary]")).toContainText(/passed/i);
  // Submitted: the hidden tests run on the server, in the sandbox (the browser's worker in headless Chromium).
  await submitRound(page);
  await expect(page.getByRole("heading", { name: /Round 1 submitted/ })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole("region", { name: /Round 1 submitted/ }).getByText("100/100")).toBeVisible();
  await page.screenshot({ path: "test-results/security-coding.png" });
  expect(seen).toEqual([]);
});

test("no CSP violation: whiteboard", async ({ page }) => {
  const seen = await watchCsp(page);
  await gotoReady(page, "/");
  const card = page.locator("section.card", { has: page.getByRole("heading", { name: "E2E whiteboard loop", exact: true }) });
  await card.getByRole("button", { name: /Start loop/ }).click();
  await page.waitForURL(/\/loop\/[0-9a-f-]+$/);
  await page.getByRole("button", { name: "Open whiteboard" }).click();
  const canvas = page.locator(".excalidraw canvas.interactive");
  await expect(canvas).toBeVisible({ timeout: 60_000 });
  await page.locator(".whiteboard-frame").evaluate((el) => el.scrollIntoView({ block: "center" }));
  const box = (await canvas.boundingBox())!;
  await page.keyboard.press("r");
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 220, box.y + 180, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(500);
  // Excalidraw's CDN font fallback is dropped before Chromium sees it (components/whiteboard/excalidraw-env.ts),
  // so the policy has nothing to block here either.
  expect(seen).toEqual([]);
});

test("no CSP violation: kernel lab on WebGPU and on the CPU fallback", async ({ page }) => {
  const seen = await watchCsp(page);
  await gotoReady(page, "/lab?problem=kv-append-rope");
  await expect(page.getByRole("radio", { name: /WebGPU: SwiftShader/ })).toBeChecked({ timeout: 30_000 });
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(page.getByText("fail-wrong", { exact: true }).first()).toBeVisible({ timeout: 90_000 });
  await page.getByRole("radio", { name: /CPU fallback/ }).check();
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(page.getByText(/on the CPU fallback/).first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("cell", { name: /reported by your browser/ }).first()).toBeVisible();
  expect(seen).toEqual([]);
});

test("hostile input gets a 4xx, never a 500", async ({ request }) => {
  const start = await request.post("/api/sessions", { data: { templateId: "quick-drill", kind: "coding", mode: "practice", scenarioIds: { "0": "top-p-sampling" } } });
  expect(start.status()).toBe(201);
  const { url } = (await start.json()) as { url: string };
  const id = url.split("/loop/")[1];
  expect((await request.post(`/api/sessions/${id}/rounds/0/start`, { data: {} })).status()).toBeLessThan(300);

  // NUL and a lone surrogate in an answer (the JSON escapes, as a browser would send them).
  for (const code of ["\\u0000", "\\ud800"]) {
    const res = await request.post(`/api/sessions/${id}/rounds/0/answer`, {
      headers: { "content-type": "application/json" },
      data: `{"answer":{"language":"python","code":"x${code}y"}}`,
    });
    expect(res.status(), code).toBe(400);
  }
  // %00 in an id on every route that takes one, and in a query.
  for (const path of [
    "/api/sessions/%00",
    "/api/sessions/%00/export",
    "/api/sessions/%00/rounds/0/answer",
    "/api/kernel-attempts/%00",
    "/api/scenarios/%00/visible-tests",
    "/history/%00",
    "/loop/%00",
    "/api/kernel-attempts?problemId=%00",
  ]) {
    expect((await request.get(path)).status(), path).toBe(400);
  }
  expect((await request.post("/api/sessions/%00/delete", { data: {} })).status()).toBe(400);
  expect((await request.get("/history/%ff%fe")).status()).toBe(400);
  expect((await request.get("/pyodide/__proto__")).status()).toBe(404);
  expect((await request.get("/pyodide/constructor")).status()).toBe(404);
  const deep = "[".repeat(5000) + "]".repeat(5000);
  expect((await request.post("/api/sessions/import", { headers: { "content-type": "application/json" }, data: deep })).status()).toBe(400);

  // Cross-site: a text/plain "simple" request and a foreign Origin are refused before any handler runs.
  expect((await request.post("/api/sessions/import", { headers: { "content-type": "text/plain" }, data: "{}" })).status()).toBe(415);
  expect((await request.post(`/api/sessions/${id}/delete`, { headers: { origin: "https://evil.example" } })).status()).toBe(403);
  expect((await request.post(`/api/sessions/${id}/delete`, { headers: { "sec-fetch-site": "cross-site" } })).status()).toBe(403);
  expect((await request.get(`/api/sessions/${id}`)).status()).toBe(200);
  // A page reached through another host name (DNS rebinding) gets nothing.
  expect((await request.get("/", { headers: { host: `evil.example:${E2E_PORT}` } })).status()).toBe(421);
});

test("a 300 MB body without Content-Length is refused at the cap", async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: E2E_PORT, path: "/api/sessions/import", method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (e) => (String(e).includes("EPIPE") || String(e).includes("ECONNRESET") ? undefined : reject(e)));
    const chunk = Buffer.alloc(1024 * 1024, 32);
    let sent = 0;
    const pump = () => {
      while (sent < 300) {
        sent++;
        if (!req.write(chunk)) return req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
  expect(status).toBe(413);
});

test("a second instance on the data directory in use exits non-zero with its message", async () => {
  // The data directory is in use: its lock file (db/client.ts) names a live process (this test's).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lb-busy-"));
  fs.writeFileSync(path.join(dataDir, "pglite.lock"), String(process.pid));
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(E2E_PORT + 1000), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test", LOOPBENCH_DATA_DIR: path.join(dataDir, "pglite"), DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => {
    const t = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 90_000);
    child.on("exit", (c) => {
      clearTimeout(t);
      resolve(c);
    });
  });
  expect(out).toMatch(/cannot start: The embedded database at .* is in use by process \d+/);
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
