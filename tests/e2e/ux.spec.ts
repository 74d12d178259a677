import { expect, test } from "@playwright/test";
import { gotoReady, post } from "./helpers";

const ownershipTitles = [
  "Rebuilding your last project with a tenth of the headcount and infrastructure",
  "The bottleneck that blocked a model release, and how you removed it",
  "Owning a research idea all the way to production",
];
/** The visible scenario line, without its screen-reader prefix. */
const scenarioLine = (t: string) => t.replace(/^Scenario:\s*/, "").trim();
const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const star = { situation: "We disagreed about the cache.", task: "I owned the decision.", action: "I profiled it and measured a 2x win.", result: "Latency dropped from 900 ms to 400 ms." };

test("every page for a missing or malformed id answers HTTP 404 with the not-found page", async ({ page }) => {
  for (const url of [
    "/loop/not-a-uuid",
    "/loop/00000000-0000-4000-8000-000000000000",
    "/loop/not-a-uuid/debrief",
    "/loop/%E2%9C%93%20x",
    "/history/not-a-uuid",
    "/history/compare?a=nope&b=also-nope",
    "/history/compare?type=kernel&a=nope&b=also-nope",
    "/nope",
  ]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" }), url).toBeVisible();
  }
  await page.screenshot({ path: test.info().outputPath("not-found.png"), fullPage: true });
  // The skip link is the first stop of the keyboard and moves to the main content.
  await gotoReady(page, "/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.screenshot({ path: test.info().outputPath("skip-link.png") });
  await skip.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

test("custom round titles show the drawn scenario under them; the tab counts down; time used reads the same on every page", async ({ page, request }) => {
  const { id } = await post(request, "/api/sessions", { templateId: "e2e-titled", mode: "strict", seed: 3 });
  await post(request, `/api/sessions/${id}/rounds/0/start`);
  await gotoReady(page, `/loop/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Ownership round" })).toBeVisible();
  const first = scenarioLine(await page.getByTestId("round-scenario").innerText());
  // The round asks for tags: [ownership]: the drawn scenario is one of those.
  expect(ownershipTitles).toContain(first);
  await expect(page).toHaveTitle(/^0[45]:\d\d · Loopbench$/);
  await page.screenshot({ path: test.info().outputPath("loop-title.png") });

  await post(request, `/api/sessions/${id}/rounds/0/submit`, { answer: star });
  await post(request, `/api/sessions/${id}/rounds/1/start`);
  await gotoReady(page, `/loop/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Last round" })).toBeVisible();
  const second = scenarioLine(await page.getByTestId("round-scenario").innerText());
  expect(second).toBe("A technical decision you forced despite opposition");
  // A 30-second round: its whole time is the last minute, marked in the tab.
  await expect(page).toHaveTitle(/^⚠ 00:[0-3]\d · Loopbench$/);
  await post(request, `/api/sessions/${id}/rounds/1/submit`, { answer: star });

  await gotoReady(page, `/loop/${id}/debrief`);
  const debriefScenarios = await page.getByTestId("round-scenario").allInnerTexts();
  expect(debriefScenarios.map(scenarioLine)).toEqual([first, second]);
  const debriefTimes = (await page.locator("p.muted.small", { hasText: "time used" }).allInnerTexts()).map((t) => t.match(/time used (.+?) ·/)![1]);
  expect(debriefTimes).toHaveLength(2);
  for (const t of debriefTimes) expect(t).toMatch(/^(\d+ s|\d+ min( \d\d s)?) of (5 min|30 s)$/);
  await page.screenshot({ path: test.info().outputPath("debrief.png"), fullPage: true });

  await gotoReady(page, `/history/${id}`);
  expect((await page.getByTestId("round-scenario").allInnerTexts()).map(scenarioLine)).toEqual([first, second]);
  const historyTimes = (await page.locator("p.muted.small", { hasText: "Time used" }).allInnerTexts()).map((t) => t.match(/Time used (.+?) ·/)![1]);
  expect(historyTimes).toEqual(debriefTimes);
  await page.screenshot({ path: test.info().outputPath("history.png"), fullPage: true });

  const md = await (await request.get(`/api/sessions/${id}/export?format=md`)).text();
  expect(md).toContain(`## Round 1: Ownership round (behavioral)\n\n_${first}_ · time used ${debriefTimes[0]}`);

  // Compare with a second session of the same loop: each round names its scenario.
  const { id: other } = await post(request, "/api/sessions", { templateId: "e2e-titled", mode: "strict", seed: 3 });
  await gotoReady(page, `/history/compare?a=${id}&b=${other}`);
  await expect(page.getByRole("heading", { level: 2, name: "Round 1: Ownership round" })).toBeVisible();
  await expect(page.getByTestId("round-scenario").first()).toHaveText(new RegExp(escape(first)));
  await page.screenshot({ path: test.info().outputPath("compare.png"), fullPage: true });
});
