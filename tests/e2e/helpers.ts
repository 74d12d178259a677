import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Clicks "Submit round" and confirms in the dialog that asks first while time is left. Returns what the
 * dialog listed as still empty, so a spec can check it.
 */
export async function submitRound(page: Page): Promise<string[]> {
  await page.getByRole("button", { name: "Submit round" }).click();
  const dialog = page.getByRole("dialog", { name: "Submit this round now?" });
  await expect(dialog).toBeVisible();
  const empty = await dialog.getByRole("listitem").allTextContents();
  await dialog.getByRole("button", { name: "Submit now" }).click();
  await expect(dialog).toBeHidden();
  return empty;
}

/**
 * Opens a page and waits until React has hydrated it (the root layout marks `<html data-hydrated>`).
 * A fill or a click on server-rendered HTML before that is lost: the handler is not attached yet.
 */
export async function gotoReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-hydrated="true"]').waitFor({ state: "attached" });
}

/**
 * Replaces the whole text of a Monaco editor (`[data-editor=...][data-ready="true"]`) with `text`, as a
 * paste: typed newlines would be auto-indented by Monaco. Waits for the editor to be ready first.
 */
export async function pasteIntoEditor(page: Page, editor: Locator, text: string, readyTimeoutMs = 60_000): Promise<void> {
  await expect(editor).toBeVisible({ timeout: readyTimeoutMs });
  await editor.locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    document.activeElement?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
