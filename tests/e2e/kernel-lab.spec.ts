import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { axeSeriousOrCritical, submitRound, gotoReady, pasteIntoEditor } from "./helpers";

// The kernel lab and the kernel round in Chromium with WebGPU on SwiftShader (a software renderer: speed is
// reported as not measured on a GPU), and on the CPU fallback; axe in light and dark on both pages.

async function pasteKernel(page: Page, file: string) {
  await pasteIntoEditor(page, page.locator('[data-editor="wgsl"][data-ready="true"]'), fs.readFileSync(file, "utf8"));
}

test("the lab shows shape values, says SwiftShader is not a GPU, runs the CPU fallback when chosen, and passes axe in light and dark", async ({ page }) => {
  await gotoReady(page, "/lab?problem=kv-append-rope");
  await expect(page.getByRole("heading", { level: 2 })).toContainText(/RoPE/);
  const webgpu = page.getByRole("radio", { name: /WebGPU: SwiftShader/ });
  await expect(webgpu).toBeChecked({ timeout: 30_000 });
  // Check the starter on WebGPU: rejected, with the positions' values in the shape column.
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(page.getByText("fail-wrong", { exact: true }).first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("cell", { name: /positions=\[0, 17, 63\]/ })).toBeVisible();
  // The fast reference on the CPU fallback: passes, timed against naive, and says the times are not a GPU's.
  await pasteKernel(page, "kernels/kv-append-rope/fast.wgsl");
  await page.getByRole("radio", { name: /CPU fallback/ }).check();
  await page.getByRole("button", { name: "Benchmark", exact: true }).click();
  await expect(page.getByText(/All \d+ checks passed/)).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText("CPU fallback: not a GPU", { exact: true })).toBeVisible();
  await expect(page.getByRole("note")).toContainText(/say nothing about how the kernel runs on a GPU/);
  await expect(page.getByText(/interleaved rounds/).first()).toBeVisible();
  await expect(page.getByText(/Not projected onto GPUs/)).toBeVisible();
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeSeriousOrCritical(page), `axe on /lab (${scheme})`).toEqual([]);
  }
});

test("the kernel round: a browser benchmark on a software renderer does not count for speed; the server grades correctness, rescaled", async ({ page }) => {
  await gotoReady(page, "/");
  const card = page.locator("section.card", { has: page.getByRole("heading", { name: "Quick drill", exact: true }) });
  await card.getByLabel("Round kind").selectOption("kernel");
  await card.getByText("Choose scenarios instead of drawing them").click();
  await card.getByLabel("Round 1 scenario").selectOption("kv-append-rope-round");
  await card.getByRole("button", { name: /Start loop/ }).click();
  await page.waitForURL(/\/loop\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/RoPE/);
  await pasteKernel(page, "kernels/kv-append-rope/fast.wgsl");
  await page.getByRole("button", { name: "Benchmark", exact: true }).click();
  await expect(page.getByText(/All \d+ checks passed/)).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole("note").filter({ hasText: /will not count for speed/ })).toBeVisible();
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeSeriousOrCritical(page), `axe on the kernel round (${scheme})`).toEqual([]);
  }
  // The server grades the saved source with its own headless harness (SwiftShader here): correct, speed not
  // measured on a GPU, so the score is out of correctness alone.
  await submitRound(page);
  await page.getByRole("link", { name: "See debrief" }).click({ timeout: 180_000 });
  await page.waitForURL(/\/debrief$/, { timeout: 60_000 });
  await expect(page.getByText(/not measured on a GPU: SwiftShader/).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/pass: 3\/3 cases, speed not measured on a GPU\./)).toBeVisible();
  await expect(page.getByText("100/100").first()).toBeVisible();
});
