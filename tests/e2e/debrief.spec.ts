import { createRequire } from "node:module";
import { expect, test, type Page } from "@playwright/test";
import { submitRound, gotoReady } from "./helpers";

const require = createRequire(import.meta.url);

async function axeSeriousOrCritical(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve("axe-core") });
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
  });
}

// A fluent but wrong design answer: the debrief must say what was wrong, quote it, and correct it.
test("the debrief explains a wrong design answer: quotes, corrections, estimates with derivations", async ({ page }) => {
  await gotoReady(page, "/");
  const card = page.locator("section.card", { has: page.getByRole("heading", { name: "Quick drill", exact: true }) });
  await card.getByLabel("Round kind").selectOption("design");
  await card.getByText("Choose scenarios instead of drawing them").click();
  await card.getByLabel("Round 1 scenario").selectOption("inference-server-kv-cache");
  await card.getByRole("button", { name: /Start loop/ }).click();
  await page.waitForURL(/\/loop\/[0-9a-f-]+$/);

  await page.getByRole("textbox", { name: "Estimates", exact: true }).fill(
    "The KV cache grows with the square of the sequence length, because every token attends to every other token, so the whole peak fits in about 14 GB. Decode is compute bound, so the tensor cores are the bottleneck.",
  );
  await page.getByRole("textbox", { name: "Architecture", exact: true }).fill(
    "We use static batching: collect 64 requests and run them until the longest one finishes. Paged attention is not needed here because the KV cache is small.",
  );
  await page.getByRole("textbox", { name: "Failure modes", exact: true }).fill("Preemption is skipped because we never run out of memory. If latency grows we add GPUs.");
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible({ timeout: 15_000 });
  await submitRound(page);
  await page.getByRole("link", { name: "See debrief" }).click();

  const wrong = page.getByRole("note", { name: "Wrong claims in your answer" });
  await expect(wrong).toContainText("grows with the square of the sequence length");
  await expect(wrong).toContainText("What is true instead");
  await expect(wrong).toContainText("128 KiB per token");
  await expect(page.getByText(/dismissed: the sentence skips it/).first()).toBeVisible();
  await expect(page.getByText(/expected 498 GB/).first()).toBeVisible();
  await expect(page.getByText(/How it is derived/).first()).toBeVisible();
  await expect(page.getByTestId("decision")).toHaveText(/^(No|Strong No)$/);

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: test.info().outputPath(`debrief-${scheme}.png`), fullPage: true });
    expect(await axeSeriousOrCritical(page), `axe in ${scheme} mode`).toEqual([]);
  }
});
