import { expect, test } from "@playwright/test";
import { gotoReady } from "./helpers";

test("the model sandbox recomputes on change, keeps its state in the URL, and explains its numbers", async ({ page }) => {
  await gotoReady(page, "/model");
  await page.getByLabel("GPU", { exact: true }).selectOption("a100-sxm-80gb");
  await page.getByLabel("Model", { exact: true }).selectOption("llama-2-7b");
  await page.getByLabel("Batch (concurrent sequences)").fill("64");
  await expect(page).toHaveURL(/gpu=a100-sxm-80gb/);
  await expect(page).toHaveURL(/model=llama-2-7b/);
  await expect(page).toHaveURL(/batch=64/);
  await expect(page.getByText("Memory per GPU").first()).toBeVisible();
  await expect(page.getByRole("img", { name: /Roofline: peak/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Output tokens\/s against batch/ })).toBeVisible();
  // The server computes the figures; fast typing is neither lost nor undone while it does.
  const input = page.getByLabel("Input tokens");
  await input.fill("");
  await input.pressSequentially("512");
  await expect(page).toHaveURL(/input=512/);
  await expect(input).toHaveValue("512");
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
  await expect(page.getByText(/KV .* per token/).first()).toBeVisible();
  // A shared link restores the same configuration.
  const url = page.url();
  await gotoReady(page, url);
  await expect(page.getByLabel("GPU", { exact: true })).toHaveValue("a100-sxm-80gb");
  await expect(page.getByLabel("Batch (concurrent sequences)")).toHaveValue("64");
  const derivation = page.locator("details", { has: page.locator("summary", { hasText: "Derivation" }) }).first();
  await derivation.locator("summary").click();
  await expect(derivation).toHaveAttribute("open", "");
  await expect(derivation).toContainText(/=/);
});

test("the model sandbox names bad input and shows no figures for impossible or non-fitting configurations", async ({ page }) => {
  // The sandbox's own alerts (Next.js adds an empty route announcer with role=alert to every page).
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  // Batch 0: the form keeps what the URL says and names the field and its range (no silent default).
  await gotoReady(page, "/model?batch=0");
  await expect(page.getByLabel("Batch (concurrent sequences)")).toHaveValue("0");
  await expect(alert).toContainText(/Batch \(concurrent sequences\): must be a whole number from 1 to 4,096/);
  await expect(page.getByText("Output tokens/s (all GPUs)")).toHaveCount(0);
  // TP must divide the heads; context over the model's limit is flagged.
  await gotoReady(page, "/model?model=llama-2-70b&tp=3&input=8000&output=10");
  await expect(alert).toContainText(/tp=3 does not divide/);
  await expect(alert).toContainText(/exceeds Llama 2 70B's context limit of 4,096/);
  // Does not fit: why, what to try, and no performance figures.
  await gotoReady(page, "/model?gpu=l4&model=llama-2-70b&batch=1&input=10&output=10");
  await expect(alert).toContainText(/Does not fit/);
  await expect(alert).toContainText(/at tp=\d+ \(\d+ GPUs\) fits one sequence/);
  await expect(page.getByText("Output tokens/s (all GPUs)")).toHaveCount(0);
  // A pasted config.json with a missing field is named.
  await gotoReady(page, `/model?model=custom&cfg=${encodeURIComponent('{"hidden_size": 4096}')}`);
  await expect(alert).toContainText(/config\.json: num_hidden_layers is missing/);
  // A knob out of range is named with its range, and the knob panel opens on it.
  await gotoReady(page, "/model?k.bandwidthEfficiency=1.5");
  await expect(alert).toContainText(/Knob bandwidthEfficiency: must be a number from 0.01 to 1/);
  await expect(page.getByLabel("bandwidthEfficiency")).toBeVisible();
  // Max-throughput mode reports the in-flight batch, each limit, and throughput against the batch.
  await gotoReady(page, "/model?mode=max-throughput&preset=trtllm&gpu=h100-sxm&model=llama-3.1-8b&precision=fp8&input=1000&output=1000");
  await expect(page.getByText(/Batch in flight \(limited by/)).toBeVisible();
  await expect(page.getByText(/Token budget per pass/)).toBeVisible();
  await expect(page.getByRole("img", { name: /Steady-state output tokens\/s against batch in flight/ })).toBeVisible();
  // An unvalidated preset says so.
  await gotoReady(page, "/model?preset=sglang");
  await expect(page.getByRole("note").filter({ hasText: /not validated/ })).toBeVisible();
});

test("the serving simulator runs in a worker and draws latency against request rate", async ({ page }) => {
  await gotoReady(page, "/model?tab=simulator&gpu=h100-sxm&model=mixtral-8x7b&tp=8&precision=fp8&input=1000&output=250&s.req=120&s.rates=5,20,40");
  await expect(page.getByRole("tab", { name: "Serving simulator" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("button", { name: "Run simulation" }).click();
  await expect(page.getByRole("img", { name: /Time to first token against request rate/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Highest rate the deployment sustains while meeting the SLO/)).toBeVisible();
  await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(3);
  // Far above capacity the run is flagged as overloaded rather than passed off as meeting the SLO.
  await gotoReady(page, "/model?tab=simulator&gpu=h100-sxm&model=llama-3.1-70b&tp=1&precision=fp8&input=1000&output=200&s.req=40&s.rates=0.5,20");
  await page.getByRole("button", { name: "Run simulation" }).click();
  await expect(page.getByRole("table").locator("tbody tr").nth(1)).toContainText("(overloaded)", { timeout: 60_000 });
  await expect(page.getByRole("note").filter({ hasText: /Overloaded/ })).toBeVisible();
  // The training tab is one keypress away and computes from its own fields.
  await page.getByRole("tab", { name: "Serving simulator" }).press("ArrowRight");
  await expect(page).toHaveURL(/tab=training/);
  await expect(page.getByText("Wall-clock time at the assumed MFU")).toBeVisible();
});

test("the kernel lab checks a kernel on WebGPU (SwiftShader), shows the verdict and device, and keeps the attempt", async ({ page }) => {
  await gotoReady(page, "/lab?problem=kv-cache-append");
  await expect(page.getByRole("heading", { level: 2 })).toContainText(/Append/i);
  await page.getByRole("button", { name: "Check", exact: true }).click();
  // The starter writes nothing: the checker must reject it, naming the device it ran on.
  await expect(page.getByText(/fail-wrong/).first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText(/webgpu/i).first()).toBeVisible();
  await expect(page.getByRole("table").getByText("fail-wrong").first()).toBeVisible({ timeout: 15_000 });
});
