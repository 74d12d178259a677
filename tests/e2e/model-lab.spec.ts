import { expect, test } from "@playwright/test";

test("the model sandbox recomputes on change, keeps its state in the URL, and explains its numbers", async ({ page }) => {
  await page.goto("/model");
  await page.getByLabel("GPU", { exact: true }).selectOption("a100-sxm-80gb");
  await page.getByLabel("Model", { exact: true }).selectOption("llama-2-7b");
  await page.getByLabel("Batch (concurrent sequences)").fill("64");
  await expect(page).toHaveURL(/gpu=a100-sxm-80gb/);
  await expect(page).toHaveURL(/model=llama-2-7b/);
  await expect(page).toHaveURL(/batch=64/);
  await expect(page.getByText("Memory per GPU").first()).toBeVisible();
  await expect(page.getByRole("img", { name: /Roofline: peak/ })).toBeVisible();
  // A shared link restores the same configuration.
  const url = page.url();
  await page.goto(url);
  await expect(page.getByLabel("GPU", { exact: true })).toHaveValue("a100-sxm-80gb");
  await expect(page.getByLabel("Batch (concurrent sequences)")).toHaveValue("64");
  const derivation = page.locator("details", { has: page.locator("summary", { hasText: "Derivation" }) }).first();
  await derivation.locator("summary").click();
  await expect(derivation).toHaveAttribute("open", "");
  await expect(derivation).toContainText(/=/);
});

test("the kernel lab checks a kernel on WebGPU (SwiftShader), shows the verdict and device, and keeps the attempt", async ({ page }) => {
  await page.goto("/lab?problem=kv-cache-append");
  await expect(page.getByRole("heading", { level: 2 })).toContainText(/Append/i);
  await page.getByRole("button", { name: "Check", exact: true }).click();
  // The starter writes nothing: the checker must reject it, naming the device it ran on.
  await expect(page.getByText(/fail-wrong/).first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/webgpu/i).first()).toBeVisible();
  await expect(page.getByRole("table").getByText("fail-wrong").first()).toBeVisible({ timeout: 15_000 });
});
