import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { submitRound, gotoReady, pasteIntoEditor } from "./helpers";

// A live modeling round as a new user plays it: the TPM technical screen's jitter exercise, a Monte
// Carlo in the Python scratchpad (Pyodide in the page), its output and plot, one of its results used
// as a range answer, submission, and the range graded against the reference simulation in the debrief.

const require = createRequire(import.meta.url);
const SHOTS = process.env.LIVE_SHOTS_DIR;

const MONTE_CARLO = `# Assumptions: each GPU's jitter is exponential with a 20 ms mean, independent across GPUs and steps.
# A GPU stalls for an extra 400 ms in 1 of 1,000 GPU-steps (stragglers).
# Not modelled: thermal throttling and compute variance between GPUs.
import random
import statistics

random.seed(7)
GPUS, STEPS = 128, 2000
delays_ms = []
for _ in range(STEPS):
    delays_ms.append(max(random.expovariate(1 / 20) + (400 if random.random() < 0.001 else 0) for _ in range(GPUS)))
mean_delay_ms = statistics.mean(delays_ms)
print(f"mean slowest delay {mean_delay_ms:.1f} ms over {STEPS} steps")
`;

/** Replaces the editor's text as a paste (typed newlines would be auto-indented by Monaco). */
async function setCode(page: Page, code: string) {
  const editor = page.locator('[data-testid="scratchpad"] [data-editor="monaco"][data-ready="true"]');
  await pasteIntoEditor(page, editor, code);
  await expect(editor.locator(".view-lines")).toContainText("mean slowest delay");
}

async function axe(page: Page, label: string) {
  await page.addScriptTag({ path: require.resolve("axe-core") });
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(o?: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad, `${label}: ${JSON.stringify(bad, null, 2)}`).toEqual([]);
}

async function shots(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300); // the plot re-reads the theme's colours
    await page.screenshot({ path: path.join(SHOTS, `${name}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("a new user simulates jitter in the scratchpad, answers with its range, and sees the range graded in the debrief", async ({ page }) => {
  test.setTimeout(240_000);
  await gotoReady(page, "/");
  const card = page.locator("section.card", { has: page.getByRole("heading", { name: "TPM technical screen", exact: true }) });
  await card.getByRole("button", { name: /Start loop/ }).click();
  await page.waitForURL(/\/loop\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Live modeling");

  const pad = page.getByTestId("scratchpad");
  await expect(pad.locator('[data-runtime="ready"]')).toBeVisible({ timeout: 120_000 });
  await setCode(page, MONTE_CARLO);
  await pad.getByRole("button", { name: "Run", exact: true }).click();

  // Printed output, the values, and the samples plotted as a histogram (uPlot draws a canvas).
  await expect(pad.getByTestId("scratchpad-stdout")).toContainText(/mean slowest delay 1\d\d\.\d ms over 2000 steps/, { timeout: 60_000 });
  await expect(pad.getByTestId("scratchpad-values")).toContainText("mean_delay_ms");
  const plot = pad.locator('[data-testid="scratchpad-plot"][data-series="delays_ms"]');
  await expect(plot.locator("canvas").first()).toBeVisible();
  await expect(plot.getByRole("img")).toHaveAttribute("aria-label", /Histogram of delays_ms: 2,000 values/);

  // Question 4 is the slowest GPU's expected delay: take the Monte Carlo's 95% confidence interval as the answer.
  const q4 = page.locator('[data-question="slowest-delay"]');
  const ci = q4.getByLabel("Scratchpad result for question 4");
  const option = await ci.locator("option", { hasText: "delays_ms: 95% CI of the mean" }).getAttribute("value");
  await ci.selectOption(option!);
  await q4.getByRole("button", { name: "Use this value for question 4" }).click();
  await expect(q4.getByRole("radio", { name: "Range" })).toBeChecked();
  const low = Number(await q4.getByLabel("Low end for question 4").inputValue());
  const high = Number(await q4.getByLabel("High end for question 4").inputValue());
  expect(low).toBeGreaterThan(120);
  expect(high).toBeGreaterThan(low);
  await expect(q4.getByLabel("Unit for question 4")).toHaveValue("ms");
  await expect(q4).toContainText("From the scratchpad: 95% CI of the mean of delays_ms");
  // A wrong point estimate for question 6 (the run's slowdown), for contrast in the debrief.
  await page.getByLabel(/Fractional slowdown of each step/).fill("0.025");
  await page.getByRole("textbox", { name: "Assumptions", exact: true }).fill(
    "The all-reduce overlaps with the backward pass, so only the jitter shows. My 2,000-step Monte Carlo has a standard error of about 2%, so I give the 95% interval.",
  );
  await expect(page.locator('[data-save-state="saved"]')).toBeVisible({ timeout: 15_000 });

  await axe(page, "live modeling round");
  await shots(page, "modeling-round");

  // Autosaved: a reload restores the code's output and the range.
  await page.reload();
  await expect(page.getByTestId("scratchpad-stdout")).toContainText("mean slowest delay");
  await expect(page.locator('[data-question="slowest-delay"]').getByLabel("Low end for question 4")).toHaveValue(String(low));

  await submitRound(page);
  await expect(page.getByRole("heading", { name: "Loop complete" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("link", { name: "See debrief" }).click();

  const debrief = page.getByTestId("modeling-debrief");
  const row = debrief.locator('[data-question="slowest-delay"]');
  await expect(row.getByTestId("expected")).toHaveText(/^1\d\d(\.\d)? ms$/);
  await expect(row.getByTestId("given")).toHaveText(/–.* ms \(range\)/);
  await expect(row).toContainText("from the scratchpad: 95% CI of the mean of delays_ms");
  await expect(row).toContainText(/your range contains it/);
  await expect(row).toContainText("100% credit");
  await row.getByText("Derivation").click();
  await expect(row).toContainText(/Reference simulation \(seed 128/);
  await expect(debrief.locator('[data-question="slowdown"]')).toContainText("0% credit");
  // The assumptions written as scratchpad comments were found and quoted.
  const stalls = page.getByRole("row", { name: /Assumption stated: The stall model/ });
  await expect(stalls.getByLabel("hit")).toBeVisible();
  await expect(stalls).toContainText("A GPU stalls for an extra 400 ms in 1 of 1,000 GPU-steps");

  await axe(page, "debrief");
  await shots(page, "debrief");
  if (SHOTS) fs.writeFileSync(path.join(SHOTS, "debrief.txt"), await page.locator("main").innerText());
});
