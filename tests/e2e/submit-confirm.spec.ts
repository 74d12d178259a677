import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import { gotoReady, setTheme } from "./helpers";

// Submitting with time left asks first and names what is still empty (issue 11 item 7).
const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");

async function seriousAxe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } };
    return (await w.axe.run()).violations;
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} ×${v.nodes.length}`);
}

test("Submit with time left asks first, names the empty section; Keep working submits nothing; Submit now submits", async ({ page, request }) => {
  await gotoReady(page, "/");
  const card = page.locator("section.card", { has: page.getByRole("heading", { name: "E2E mini loop", exact: true }) });
  await card.getByRole("button", { name: /Start loop/ }).click();
  await page.waitForURL(/\/loop\/[0-9a-f-]+$/);
  const sessionId = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText("inference server");

  await page.getByRole("textbox", { name: "Requirements", exact: true }).fill("Serve 2,000 concurrent chats with TTFT under 500 ms at p95.");
  await page.getByRole("textbox", { name: "Estimates", exact: true }).fill("   ");
  await page.keyboard.press("Control+s");
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible({ timeout: 15_000 });

  const submit = page.getByRole("button", { name: "Submit round" });
  const dialog = page.getByRole("dialog", { name: "Submit this round now?" });
  await submit.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Keep working" })).toBeFocused();
  const empty = await dialog.getByRole("listitem").allTextContents();
  expect(empty).toContain("Section “Estimates” is empty"); // whitespace only counts as empty
  expect(empty).toContain("Section “Architecture” is empty");
  expect(empty.join("\n")).not.toContain("Requirements");
  await expect(dialog).toContainText(/left\. Submitting is final/);

  for (const theme of ["light", "dark"] as const) {
    await setTheme(page, theme);
    await page.waitForTimeout(200);
    await page.screenshot({ path: test.info().outputPath(`submit-dialog-${theme}.png`) });
    expect(await seriousAxe(page), `axe serious/critical with the dialog open (${theme})`).toEqual([]);
  }

  // Esc cancels; so does "Keep working". Nothing is submitted: the round is still active after a reload.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await submit.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep working" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("inference server");
  await expect(page.getByRole("heading", { name: /Round 1 submitted/ })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Requirements", exact: true })).toHaveValue(/TTFT under 500 ms/);
  const view = await (await request.get(`/api/sessions/${sessionId}`)).json();
  expect(view.rounds[0].status).toBe("active");
  expect(view.rounds[0].submittedAt).toBeNull();

  // Enter on "Submit now" submits.
  await submit.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Submit now" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /Round 1 submitted/ })).toBeVisible();
  const after = await (await request.get(`/api/sessions/${sessionId}`)).json();
  expect(after.rounds[0].status).toBe("submitted");
  expect(after.rounds[0].submitReason).not.toBe("deadline");
});
