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
  await expect(page.getByRole("img", { name: /Output tokens\/s against batch/ })).toBeVisible();
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

test("the model sandbox names bad input and shows no figures for impossible or non-fitting configurations", async ({ page }) => {
  // Batch 0: the form keeps what the URL says and names the field and its range (no silent default).
  await page.goto("/model?batch=0");
  await expect(page.getByLabel("Batch (concurrent sequences)")).toHaveValue("0");
  await expect(page.getByRole("alert")).toContainText(/Batch \(concurrent sequences\): must be a whole number from 1 to 4,096/);
  await expect(page.getByText("Output tokens/s (all GPUs)")).toHaveCount(0);
  // TP must divide the heads; context over the model's limit is flagged.
  await page.goto("/model?model=llama-2-70b&tp=3&input=8000&output=10");
  await expect(page.getByRole("alert")).toContainText(/tp=3 does not divide/);
  await expect(page.getByRole("alert")).toContainText(/exceeds Llama 2 70B's context limit of 4,096/);
  // Does not fit: why, and no performance figures.
  await page.goto("/model?gpu=l4&model=llama-2-70b&batch=1&input=10&output=10");
  await expect(page.getByRole("alert")).toContainText(/Does not fit/);
  await expect(page.getByText("Output tokens/s (all GPUs)")).toHaveCount(0);
  // A pasted config.json with a missing field is named.
  await page.goto(`/model?model=custom&cfg=${encodeURIComponent('{"hidden_size": 4096}')}`);
  await expect(page.getByRole("alert")).toContainText(/config\.json: num_hidden_layers is missing/);
  // Max-throughput mode reports the in-flight batch and what limits it.
  await page.goto("/model?mode=max-throughput&preset=trtllm&gpu=h100-sxm&model=llama-3.1-8b&precision=fp8&input=1000&output=1000");
  await expect(page.getByText(/Batch in flight \(limited by/)).toBeVisible();
});

test("the serving simulator runs in a worker and draws latency against request rate", async ({ page }) => {
  await page.goto("/model?tab=simulator&gpu=h100-sxm&model=mixtral-8x7b&tp=8&precision=fp8&input=1000&output=250&s.req=120&s.rates=5,20,40");
  await expect(page.getByRole("tab", { name: "Serving simulator" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("button", { name: "Run simulation" }).click();
  await expect(page.getByRole("img", { name: /Time to first token against request rate/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Highest rate meeting the SLO/)).toBeVisible();
  await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(3);
  // The training tab is one keypress away and computes from its own fields.
  await page.getByRole("tab", { name: "Serving simulator" }).press("ArrowRight");
  await expect(page).toHaveURL(/tab=training/);
  await expect(page.getByText("Wall-clock time at the assumed MFU")).toBeVisible();
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
