import fs from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { finishMiniLoop, gotoReady, post } from "./helpers";

const draft = { sections: { requirements: "Draft: serve chats.", architecture: "Draft: a single replica." } };
const final = {
  sections: {
    requirements: "Serve 2,000 concurrent chats with TTFT under 500 ms at p95 and 30 tokens/s per stream.",
    architecture: "FINAL: continuous batching with a paged KV cache (block table, 16-token blocks), prefix caching and admission control returning 429.",
  },
};

/** A short loop played through the API, as the loop page would: two saves, then every round submitted. */
async function playLoop(request: APIRequestContext): Promise<string> {
  const { id } = await post(request, "/api/sessions", { templateId: "e2e-mini", mode: "strict", seed: 5 });
  await post(request, `/api/sessions/${id}/rounds/0/answer`, { answer: draft });
  await post(request, `/api/sessions/${id}/rounds/0/answer`, { answer: final });
  await post(request, `/api/sessions/${id}/rounds/0/submit`);
  await finishMiniLoop(request, id);
  return id;
}

test("a finished loop is found in the history, replayed, exported, imported back, compared and deleted", async ({ page, request }) => {
  const id = await playLoop(request);

  // Found through the filters.
  await gotoReady(page, "/history");
  await page.getByLabel("Loop", { exact: true }).selectOption("e2e-mini");
  await page.getByLabel("Round kind", { exact: true }).selectOption("behavioral");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/template=e2e-mini/);
  await page.locator(`a[href="/history/${id}"]`).click();
  await expect(page.getByRole("heading", { level: 1, name: "E2E mini loop" })).toBeVisible();
  await page.locator('html[data-hydrated="true"]').waitFor({ state: "attached" });
  await expect(page.getByTestId("decision")).toContainText(/Strong Yes|Yes|No|Strong No/);
  await expect(page.getByRole("heading", { name: /Round 1: .*inference server/i })).toBeVisible();
  await expect(page.getByText("Paged KV cache (block allocator)").first()).toBeVisible();

  // Replay: the first save shows the draft, the last the final answer.
  const slider = page.getByLabel("Replay position");
  await expect(slider).toBeVisible();
  await slider.fill("0");
  await expect(page.getByTestId("replay-status")).toContainText("Save 1 of 4");
  await expect(page.getByTestId("replay-answer")).toContainText("Draft: a single replica.");
  await expect(page.getByTestId("replay-answer")).not.toContainText("FINAL:");
  await slider.fill("1");
  await expect(page.getByTestId("replay-answer")).toContainText("FINAL: continuous batching");
  await page.getByRole("button", { name: /Next save/ }).click();
  await expect(page.getByTestId("replay-status")).toContainText("Save 3 of 4");

  // Export as Markdown (a download) and as JSON.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export Markdown" }).click()]);
  const md = fs.readFileSync((await download.path())!, "utf8");
  expect(download.suggestedFilename()).toMatch(/^loopbench-e2e-mini-.*\.md$/);
  expect(md).toMatch(/^# E2E mini loop/);
  expect(md).toContain("FINAL: continuous batching");
  expect(md).toMatch(/✓ hit \| Paged KV cache/);
  const exported = await (await request.get(`/api/sessions/${id}/export?format=json`)).json();
  expect(exported).toMatchObject({ format: "loopbench-session", version: 1 });

  // A foreign or broken file is refused with the field named; nothing is written.
  const bad = await request.post("/api/sessions/import", { data: { ...exported, format: "someone-else" } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error).toMatch(/format/);
  const broken = await request.post("/api/sessions/import", { data: { ...exported, rounds: [{ ...exported.rounds[0], kind: "poetry" }] } });
  expect(broken.status()).toBe(422);
  expect((await broken.json()).error).toMatch(/rounds\.0\.kind/);
  const notJson = await request.post("/api/sessions/import", { headers: { "content-type": "application/json" }, data: Buffer.from("{nope") });
  expect(notJson.status()).toBe(400);

  // Import it back through the upload control on /history.
  await gotoReady(page, "/history");
  // The original is still here, so the import is refused (409) with a link to it; a copy is imported only when asked.
  const dup = await request.post("/api/sessions/import", { data: exported });
  expect(dup.status()).toBe(409);
  expect(await dup.json()).toMatchObject({ duplicateOf: { id }, error: expect.stringMatching(/already in your history/) });
  await page.getByLabel("Import a session (JSON export)").setInputFiles({ name: "export.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(exported)) });
  const refusal = page.getByTestId("import-duplicate");
  await expect(refusal).toContainText("export.json was not imported");
  await expect(refusal.getByRole("link", { name: "Open the session already here" })).toHaveAttribute("href", `/history/${id}`);
  await page.screenshot({ path: test.info().outputPath("import-duplicate.png") });
  await refusal.getByRole("button", { name: "Import a second copy anyway" }).click();
  await page.waitForURL((url) => /\/history\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(id));
  const copyId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: "E2E mini loop" })).toBeVisible();
  await expect(page.getByTestId("imported-marker")).toContainText(`from session ${id}`);
  await gotoReady(page, "/history");
  await expect(page.locator("tr", { has: page.locator(`a[href="/history/${copyId}"]`) }).getByText("imported", { exact: true })).toBeVisible();
  await gotoReady(page, `/history/${copyId}`);
  await page.getByLabel("Replay position").fill("0");
  await expect(page.getByTestId("replay-answer")).toContainText("Draft: a single replica.");

  // Side by side with the original.
  await gotoReady(page, `/history/compare?a=${id}&b=${copyId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Compare — E2E mini loop" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Round 3:/ })).toBeVisible();

  // Progress names the rounds' kinds.
  await gotoReady(page, "/history/progress");
  await expect(page.getByRole("heading", { name: /Mean score per round kind/ })).toBeVisible();

  // Delete the copy; the original stays.
  await gotoReady(page, `/history/${copyId}`);
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Delete session" }).click();
  await page.waitForURL(/\/history$/);
  expect((await request.get(`/api/sessions/${copyId}/export?format=json`)).status()).toBe(404);
  expect((await request.get(`/api/sessions/${id}/export?format=md`)).status()).toBe(200);
});
