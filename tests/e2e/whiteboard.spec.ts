import fs from "node:fs";
import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import { submitRound, gotoReady } from "./helpers";

const require = createRequire(import.meta.url);


const shots = process.env.E2E_SCREENSHOTS;

async function axeSeriousOrCritical(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve("axe-core") });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

async function setTheme(page: Page, theme: "light" | "dark") {
  await page.getByLabel("Color theme").selectOption(theme);
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

/** Draws with the mouse on Excalidraw's interactive canvas, in canvas-relative coordinates. */
async function drag(page: Page, from: [number, number], to: [number, number]) {
  const box = (await page.locator(".excalidraw canvas.interactive").boundingBox())!;
  await page.mouse.move(box.x + from[0], box.y + from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + (from[0] + to[0]) / 2, box.y + (from[1] + to[1]) / 2, { steps: 4 });
  await page.mouse.move(box.x + to[0], box.y + to[1], { steps: 4 });
  await page.mouse.up();
}

/** Labels the shape just drawn: Enter edits a selected box's label; an arrow's label takes a double-click on it. */
async function labelSelected(page: Page, text: string, dblclickAt?: [number, number]) {
  if (dblclickAt) {
    const box = (await page.locator(".excalidraw canvas.interactive").boundingBox())!;
    await page.mouse.dblclick(box.x + dblclickAt[0], box.y + dblclickAt[1]);
  } else {
    await page.keyboard.press("Enter");
  }
  await expect(page.locator(".excalidraw-wysiwyg")).toBeVisible();
  await page.keyboard.type(text);
  await page.keyboard.press("Escape");
}

async function waitSaved(page: Page) {
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible({ timeout: 15_000 });
}

/** Waits until an autosave that carries `text` has been accepted by the server. */
async function savedWith(page: Page, text: string) {
  await page.waitForResponse((r) => r.url().endsWith("/answer") && r.ok() && (r.request().postData() ?? "").includes(text), { timeout: 15_000 });
}

test("design round as an interview: draw, reload, answer a follow-up, debrief, replay, export and import — nothing leaves the app", async ({ page, request, baseURL }) => {
  test.setTimeout(240_000);
  // Nothing leaves the app: no request to another host is even attempted (a request the
  // Content-Security-Policy blocks counts too). Excalidraw 0.18 appends a CDN (esm.sh) to every font
  // face; components/whiteboard/excalidraw-env.ts drops it, so its fonts come only from this app.
  const isExternal = (url: string) => !url.startsWith(baseURL!) && !url.startsWith("data:") && !url.startsWith("blob:");
  const external: string[] = [];
  page.on("request", (req) => {
    if (isExternal(req.url())) external.push(req.url());
  });
  const fonts: string[] = [];
  page.on("requestfinished", (req) => {
    if (req.resourceType() === "font" || /\.woff2?$/.test(req.url())) fonts.push(req.url());
  });

  await gotoReady(page, "/");
  const card = page.locator("section.card", { has: page.getByRole("heading", { name: "E2E whiteboard loop", exact: true }) });
  await card.getByRole("button", { name: /Start loop/ }).click();
  await page.waitForURL(/\/loop\/[0-9a-f-]+$/);
  const loopUrl = page.url();
  const sessionId = loopUrl.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText("inference server");

  // Excalidraw is not loaded until the whiteboard opens.
  const scriptsBefore = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => (e as PerformanceResourceTiming).initiatorType === "script").length);
  await page.getByRole("button", { name: "Open whiteboard" }).click();
  await expect(page.locator(".excalidraw canvas.interactive")).toBeVisible({ timeout: 60_000 });
  const scriptsAfter = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => (e as PerformanceResourceTiming).initiatorType === "script").length);
  expect(scriptsAfter).toBeGreaterThan(scriptsBefore);

  // Two labelled boxes and a labelled arrow between them, with Excalidraw's keyboard shortcuts for the tools.
  await page.locator(".whiteboard-frame").evaluate((el) => el.scrollIntoView({ block: "center" }));
  await page.keyboard.press("r");
  await drag(page, [320, 150], [500, 230]); // right of the shape-properties panel
  await labelSelected(page, "API router");
  await waitSaved(page);
  await page.keyboard.press("r");
  await drag(page, [700, 150], [900, 230]);
  await labelSelected(page, "Paged KV cache");
  await page.keyboard.press("a");
  await drag(page, [505, 190], [695, 190]);
  await labelSelected(page, "KV blocks", [600, 190]);
  await expect(page.getByText(/6 elements, saved with your answer/)).toBeVisible();
  const savedDrawing = savedWith(page, "KV blocks");
  await page.getByRole("textbox", { name: "Architecture", exact: true }).fill("Continuous batching with chunked prefill of 512 tokens.");
  await savedDrawing;
  const showBoard = () => page.locator(".whiteboard-frame").evaluate((el) => el.scrollIntoView({ block: "center" }));
  await showBoard();
  if (shots) await page.screenshot({ path: `${shots}/whiteboard-light.png` });

  // axe on the round with the whiteboard open, light and dark.
  expect(await axeSeriousOrCritical(page), "light").toEqual([]);
  await setTheme(page, "dark");
  await expect(page.locator(".excalidraw.theme--dark")).toBeVisible();
  expect(await axeSeriousOrCritical(page), "dark").toEqual([]);
  await showBoard();
  if (shots) await page.screenshot({ path: `${shots}/whiteboard-dark.png` });
  await setTheme(page, "light");

  // Excalidraw's own SVG export points at no server.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
  const exportedSvg = fs.readFileSync((await download.path())!, "utf8");
  expect(exportedSvg).toContain("API router");
  const hosts = [...exportedSvg.matchAll(/https?:\/\/([^/"'\s)]+)/g)].map((m) => m[1]);
  expect(new Set(hosts.filter((h) => h !== "www.w3.org" && !h.startsWith("127.0.0.1")))).toEqual(new Set());

  // Reload: the drawing is back (the whiteboard reopens as it was left).
  await page.reload();
  await expect(page.locator(".excalidraw canvas.interactive")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/6 elements, saved with your answer/)).toBeVisible();
  await page.getByRole("button", { name: "Close whiteboard" }).click();
  const preview = page.getByTestId("diagram-image");
  await expect(preview).toHaveAttribute("alt", /API router.*KV blocks.*Paged KV cache/);
  if (shots) await page.screenshot({ path: `${shots}/whiteboard-preview.png`, fullPage: true });

  // The first follow-up arrives at its (scaled) minute; answer it in its own field.
  await expect(page.getByTestId("followup-toast")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("followup-toast")).toContainText("60 GB of free HBM");
  await page.getByTestId("followup-toast").getByRole("button", { name: "Answer it" }).click();
  const answer1 = page.getByRole("textbox", { name: "Your answer to question 1" });
  await expect(answer1).toBeFocused();
  await answer1.fill("128 KiB per token, so 60 GB holds about 460,000 tokens: roughly 240 conversations of 1,900 tokens. The next one waits in the admission queue.");
  // Ready early for the next one.
  await page.getByRole("button", { name: "I'm ready for a follow-up" }).click();
  const answer2 = page.getByRole("textbox", { name: "Your answer to question 2" });
  await expect(answer2).toBeVisible();
  const saved2 = savedWith(page, "interleaves the long prompt");
  await answer2.fill("Chunked prefill of 512 tokens interleaves the long prompt with decode steps, so TTFT for others stays bounded.");
  await saved2;
  if (shots) await page.screenshot({ path: `${shots}/interview.png`, fullPage: true });

  // A reload keeps the transcript.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Your answer to question 1" })).toHaveValue(/460,000 tokens/);
  await expect(page.getByRole("textbox", { name: "Your answer to question 2" })).toHaveValue(/Chunked prefill/);

  await submitRound(page);
  await expect(page.getByRole("heading", { name: "Loop complete" })).toBeVisible();
  await page.getByRole("link", { name: "See debrief" }).click();
  await expect(page.getByRole("heading", { name: "The interview" })).toBeVisible();
  const transcript = page.getByTestId("transcript");
  await expect(transcript).toContainText("60 GB of free HBM");
  await expect(transcript).toContainText("460,000 tokens");
  // The paged KV cache is only in the drawing (the written answer does not name it), so the debrief
  // quotes the diagram as its evidence: a label earns a third of a concept's credit.
  await expect(page.getByText(/diagram: .*Paged KV cache/i).first()).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/debrief.png`, fullPage: true });

  // What the grader read: the stored answer holds the labels and the interview.
  const exported = await (await request.get(`/api/sessions/${sessionId}/export?format=json`)).json();
  const graded = exported.rounds[0].answer;
  const texts = graded.diagram.elements.filter((e: { type: string }) => e.type === "text").map((e: { text: string }) => e.text);
  expect(texts.sort()).toEqual(["API router", "KV blocks", "Paged KV cache"]);
  expect(graded.diagram.elements.filter((e: { type: string }) => e.type === "arrow")).toHaveLength(1);
  expect(graded.followups.map((f: { id: string; source: string }) => [f.id, f.source])).toEqual([["conversations-per-gpu", "scripted"], ["long-prompts", "scripted"]]);

  // History: the replay shows the drawing as it was at each save.
  await gotoReady(page, `/history/${sessionId}`);
  const last = Number(await page.getByLabel("Replay position").getAttribute("max"));
  const alts: string[] = [];
  for (let i = 0; i <= last; i++) {
    await page.getByLabel("Replay position").fill(String(i));
    await expect(page.getByTestId("replay-status")).toContainText(`Save ${i + 1} of ${last + 1}`);
    const img = page.getByTestId("replay-answer").getByTestId("diagram-image");
    alts.push((await img.count()) ? ((await img.getAttribute("alt")) ?? "") : "(no drawing)");
  }
  // Saves while drawing: the first box alone (labelled), then both boxes and the arrow.
  expect(alts.some((a) => /API router/.test(a) && !/Paged KV cache/.test(a))).toBe(true);
  expect(alts[alts.length - 1]).toMatch(/API router.*KV blocks.*Paged KV cache/);
  if (shots) await page.screenshot({ path: `${shots}/history.png`, fullPage: true });

  // Markdown export: the SVG and the dialogue.
  const md = await (await request.get(`/api/sessions/${sessionId}/export?format=md`)).text();
  expect(md).toMatch(/!\[Diagram: [^\]]*Paged KV cache[^\]]*\]\(data:image\/svg\+xml;base64,/);
  expect(md).toMatch(/\*\*Interviewer \(\d+:\d\d\):\*\* Your GPUs hold 60 GB/);
  expect(md).toContain("> 128 KiB per token");

  // Import the JSON back: the copy replays the same drawing.
  await gotoReady(page, "/history");
  await page.getByLabel("Import a session (JSON export)").setInputFiles({ name: "export.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(exported)) });
  // The original is still here, so the import is refused until a second copy is asked for (issue 16).
  await page.getByTestId("import-duplicate").getByRole("button", { name: "Import a second copy anyway" }).click();
  await page.waitForURL((url) => /\/history\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(sessionId));
  await expect(page.getByTestId("replay-answer").getByTestId("diagram-image")).toHaveAttribute("alt", /Paged KV cache/);
  await expect(page.getByTestId("transcript").first()).toContainText("460,000 tokens");

  // Fonts came from this app, and nothing at all from anywhere else.
  // The drawing's fonts from the copied assets; the editor's UI font (from its CSS) bundled by Next.
  expect(fonts.filter((f) => f.startsWith(`${baseURL}/excalidraw-assets/fonts/Excalifont/`)).length).toBeGreaterThan(0);
  expect(fonts.filter((f) => !f.startsWith(`${baseURL}/excalidraw-assets/fonts/`) && !f.startsWith(`${baseURL}/_next/static/media/`))).toEqual([]);
  expect(external).toEqual([]);
});

test("the follow-up endpoint answers bad requests with a 4xx and a message", async ({ request }) => {
  const start = await request.post("/api/sessions", { data: { templateId: "quick-drill", kind: "behavioral", seed: 3 } });
  const { id } = await start.json();
  const bad = await request.post(`/api/sessions/${id}/rounds/0/followup`, { data: { early: "yes" } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error).toMatch(/early/);
  const notDesign = await request.post(`/api/sessions/${id}/rounds/0/followup`, { data: {} });
  expect(notDesign.status()).toBe(409);
  expect((await notDesign.json()).error).toMatch(/only design rounds have interviewer follow-ups/);
  const forged = await request.post(`/api/sessions/${id}/rounds/0/answer`, { data: { answer: { situation: "", task: "", action: "", result: "", followups: [{ id: "x" }] } } });
  expect(forged.status()).toBeLessThan(500);
});
