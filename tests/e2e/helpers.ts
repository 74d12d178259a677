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
