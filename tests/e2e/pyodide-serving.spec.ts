import fs from "node:fs";
import { createRequire } from "node:module";
import { expect, test } from "@playwright/test";
import { gotoReady } from "./helpers";

// Pyodide as the browser gets it (issue 11): gzipped, immutable under a versioned URL, the wasm requested
// once per page, and Python started as a coding round opens (before any click).

const require = createRequire(import.meta.url);
const pkgPath = require.resolve("pyodide/package.json");
const VERSION = (JSON.parse(fs.readFileSync(pkgPath, "utf8")) as { version: string }).version;
const WASM_SIZE = fs.statSync(pkgPath.replace(/package\.json$/, "pyodide.asm.wasm")).size;

test("the runtime files are served gzipped, typed, immutable under their version, and decode to the real file", async ({ request }) => {
  const res = await request.get(`/pyodide/${VERSION}/pyodide.asm.wasm`, { headers: { "accept-encoding": "gzip, deflate, br" } });
  expect(res.status()).toBe(200);
  const h = res.headers();
  expect(h["content-encoding"]).toBe("gzip");
  expect(h["content-type"]).toBe("application/wasm");
  expect(h["cache-control"]).toMatch(/immutable/);
  expect(h["cache-control"]).toMatch(/max-age=31536000/);
  expect(h["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  // Decoded, the body is the wasm itself (magic number, full size): not compressed bytes passed off as wasm.
  const body = await res.body();
  expect(body.length).toBe(WASM_SIZE);
  expect([...body.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
  const js = await request.get(`/pyodide/${VERSION}/pyodide.asm.js`, { headers: { "accept-encoding": "gzip" } });
  expect(js.headers()["content-encoding"]).toBe("gzip");
  expect(js.headers()["content-type"]).toMatch(/^text\/javascript/);
  // Revalidation by ETag; the unversioned URL still works but is not immutable.
  const again = await request.get(`/pyodide/${VERSION}/pyodide.mjs`, { headers: { "if-none-match": (await request.get(`/pyodide/${VERSION}/pyodide.mjs`)).headers()["etag"] } });
  expect(again.status()).toBe(304);
  const plain = await request.get("/pyodide/pyodide.mjs");
  expect(plain.status()).toBe(200);
  expect(plain.headers()["cache-control"]).not.toMatch(/immutable/);
  // Another version, an unknown name, a deeper path: a 404 that says why, in JSON.
  const other = await request.get("/pyodide/0.0.1/pyodide.asm.wasm");
  expect(other.status()).toBe(404);
  expect(other.headers()["content-type"]).toMatch(/application\/json/);
  expect((await other.json()).error).toMatch(/not installed here/);
  expect((await request.get(`/pyodide/${VERSION}/__proto__`)).status()).toBe(404);
  expect((await request.get(`/pyodide/${VERSION}/x/pyodide.mjs`)).status()).toBe(404);
});

test("a coding round starts Python on open and requests the wasm once", async ({ page, context, request }) => {
  const res = await request.post("/api/sessions", { data: { templateId: "quick-drill", kind: "coding", mode: "practice", scenarioIds: { "0": "top-p-sampling" } } });
  expect(res.ok()).toBe(true);
  const { url } = (await res.json()) as { url: string };
  const wasm: string[] = [];
  const encodings = new Map<string, string>();
  context.on("request", (r) => {
    if (r.url().endsWith("/pyodide.asm.wasm")) wasm.push(r.url());
  });
  context.on("response", async (r) => {
    if (r.url().includes("/pyodide/")) encodings.set(r.url().split("/").pop()!, (await r.headerValue("content-encoding")) ?? "none");
  });
  await gotoReady(page, url);
  // No click: the runtime comes up while the statement is read.
  await expect(page.locator('[data-runtime="ready"]').first()).toBeVisible({ timeout: 120_000 });
  expect(wasm).toEqual([expect.stringContaining(`/pyodide/${VERSION}/pyodide.asm.wasm`)]);
  expect(encodings.get("pyodide.asm.wasm")).toBe("gzip");
  // Python really runs on that runtime.
  await page.getByRole("button", { name: "Run visible tests" }).click();
  await expect(page.locator('[data-run-summary="ok"]')).toBeVisible({ timeout: 60_000 });
});
