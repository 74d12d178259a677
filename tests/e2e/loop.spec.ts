import { expect, test, type Page } from "@playwright/test";
import { submitRound, gotoReady } from "./helpers";

async function startLoop(page: Page, loopTitle: string, opts: { mode?: "strict" | "practice"; kind?: string; scenario?: string } = {}) {
  await gotoReady(page, "/");
  const card = page.locator("section.card", { has: page.getByRole("heading", { name: loopTitle, exact: true }) });
  if (opts.mode) await card.getByLabel("Mode").selectOption(opts.mode);
  if (opts.kind) await card.getByLabel("Round kind").selectOption(opts.kind);
  if (opts.scenario) {
    await card.getByText("Choose scenarios instead of drawing them").click();
    await card.getByLabel("Round 1 scenario").selectOption(opts.scenario);
  }
  await card.getByRole("button", { name: /Start loop/ }).click();
  await page.waitForURL(/\/loop\/[0-9a-f-]+$/);
  await expect(page.getByRole("timer")).toBeVisible();
}

async function waitSaved(page: Page) {
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible({ timeout: 15_000 });
}

test("a new user runs a short loop: answers every round, one auto-submits at its deadline, debrief", async ({ page }) => {
  await startLoop(page, "E2E mini loop");

  // Round 1: system design, strict mode (no pause), Markdown preview.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("inference server");
  await expect(page.getByRole("button", { name: "Pause" })).toHaveCount(0);
  await page.getByRole("textbox", { name: "Requirements", exact: true }).fill("Serve **2,000** concurrent chats with TTFT under 500 ms at p95 and 30 tokens/s per stream.");
  await page.getByRole("textbox", { name: "Estimates", exact: true }).fill("KV per token is 128 KiB in BF16: 2,000 streams x 1,900 tokens is about 500 GB of KV cache. Decode is memory bound: 14.5 GB of weights per step at 2.5 TB/s is 6 ms.");
  await page.getByRole("textbox", { name: "Architecture", exact: true }).fill("Continuous batching with a paged KV cache (block table, 16-token blocks), chunked prefill of 512 tokens, prefix caching, admission control that returns 429 under overload, preemption that swaps KV to CPU.");
  await page.getByRole("tab", { name: "Preview" }).first().click();
  await expect(page.getByLabel("Requirements preview").locator("strong")).toHaveText("2,000");
  await waitSaved(page);
  await submitRound(page);
  await expect(page.getByRole("heading", { name: /Round 1 submitted/ })).toBeVisible();
  await page.getByRole("button", { name: "Next round" }).click();

  // Round 2: modeling with unit-aware inputs.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("KV cache fits");
  await page.getByLabel(/KV-cache bytes per token/).fill("128");
  await page.getByLabel("Unit for question 1").selectOption("KiB");
  await page.getByLabel(/Memory for the weights/).fill("14.48");
  await page.getByLabel("Unit for question 2").selectOption("GB");
  await page.getByLabel(/Sequences of 4,096 tokens/).fill("107");
  await page.getByRole("textbox", { name: "Assumptions", exact: true }).fill("80 GB means 80e9 bytes; 10% reserved for activations and runtime; BF16 is 2 bytes; the sliding window caps KV at 4,096 tokens.");
  await submitRound(page);
  await expect(page.getByRole("heading", { name: /Round 2 submitted/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /Round 2 submitted/ }).getByText("100/100")).toBeVisible();
  await page.getByRole("button", { name: "Next round" }).click();

  // Round 3: behavioral, 20 seconds long: type, let the autosave land, and let the deadline submit it.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("forced");
  await page.getByRole("textbox", { name: "Situation", exact: true }).fill("Our p99 was 1.8 s and the platform team wanted 10 more GPUs.");
  await page.getByRole("textbox", { name: "Action", exact: true }).fill("I profiled the server and measured that 60% of step time was host-to-device copies; the team disagreed, so I built a prototype with a pinned pool and load-tested it at 3x peak, then I made the call to ship it.");
  await waitSaved(page);
  await expect(page.getByRole("heading", { name: "Loop complete" })).toBeVisible({ timeout: 40_000 });
  await page.getByRole("link", { name: "See debrief" }).click();

  await expect(page.getByRole("heading", { name: "Hiring decision" })).toBeVisible();
  await expect(page.getByTestId("decision")).toHaveText(/^(Strong Yes|Yes|No|Strong No)$/);
  await expect(page.getByText("Submitted automatically at the deadline")).toBeVisible();
  // The behavioral answer typed before the deadline was kept and graded.
  await expect(page.getByText(/load-tested it at 3x peak/).first()).toBeVisible();
  await page.getByText("How the bar works").click();
  await expect(page.getByText(/advances only Strong Yes/)).toBeVisible();
});

test("a reload mid-round restores the answer and the clock; practice mode pauses", async ({ page }) => {
  await startLoop(page, "Quick drill", { mode: "practice", kind: "behavioral" });
  await page.getByRole("textbox", { name: "Situation", exact: true }).fill("Reload me: a 512-GPU training run hit NaN at step 41k.");
  await waitSaved(page);
  const before = Number(await page.getByRole("timer").getAttribute("data-remaining-ms"));
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Situation", exact: true })).toHaveValue("Reload me: a 512-GPU training run hit NaN at step 41k.");
  const after = Number(await page.getByRole("timer").getAttribute("data-remaining-ms"));
  expect(after).toBeLessThanOrEqual(before);
  expect(after).toBeGreaterThan(before - 60_000);

  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByText(/Paused. The clock is stopped/)).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Situation", exact: true })).toBeDisabled();
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByRole("textbox", { name: "Situation", exact: true })).toBeEnabled();
});

test("Markdown in answers renders without running scripts or raw HTML", async ({ page }) => {
  let alerted = false;
  page.on("dialog", async (d) => {
    alerted = true;
    await d.dismiss();
  });
  // A scenario whose sections include Requirements (design scenarios may declare their own sections).
  await startLoop(page, "Quick drill", { kind: "design", scenario: "inference-server-kv-cache" });
  await page.getByRole("textbox", { name: "Requirements", exact: true }).fill('<img src=x onerror="alert(1)"><script>alert(2)</script> [link](javascript:alert(3)) **safe**');
  await page.getByRole("tab", { name: "Preview" }).first().click();
  const preview = page.getByLabel("Requirements preview");
  await expect(preview.locator("strong")).toHaveText("safe");
  await expect(preview.locator("img, script")).toHaveCount(0);
  const href = await preview.locator("a").first().getAttribute("href").catch(() => null);
  expect(href ?? "").not.toContain("javascript:");
  expect(alerted).toBe(false);
});
