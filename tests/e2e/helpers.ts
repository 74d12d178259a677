import { expect, type Page } from "@playwright/test";

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
