import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { gotoReady, hardKill, startOwnServer, waitUp } from "./helpers";

// This test runs its own server (not Playwright's) so it can kill it with SIGKILL mid-round.
const PORT = Number(process.env.E2E_RESTART_PORT ?? 3199);
const base = `http://127.0.0.1:${PORT}`;
const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "loopbench-restart-")), "pglite");

const startServer = () => startOwnServer(PORT, { LOOPBENCH_DATA_DIR: dataDir });

test("a server killed with SIGKILL mid-round and restarted loses no saved answer", async ({ page }) => {
  let server = startServer();
  try {
    await waitUp(base);
    await gotoReady(page, `${base}/`);
    const card = page.locator("section.card", { has: page.getByRole("heading", { name: "Quick drill", exact: true }) });
    await card.getByLabel("Round kind").selectOption("behavioral");
    await card.getByRole("button", { name: /Start loop/ }).click();
    await page.waitForURL(/\/loop\//);
    const text = "Survives kill -9: the checkpoint writer renamed before fsync, so I patched it.";
    await page.getByRole("textbox", { name: "Situation", exact: true }).fill(text);
    await expect(page.locator('[data-save-state="saved"]')).toBeVisible({ timeout: 15_000 });

    hardKill(server);
    await new Promise((r) => server.once("exit", r));
    server = startServer(); // the stale PGlite lock of the killed process is taken over
    await waitUp(base);

    await page.reload();
    await expect(page.getByRole("textbox", { name: "Situation", exact: true })).toHaveValue(text);
    await expect(page.getByRole("timer")).toBeVisible();
  } finally {
    hardKill(server);
  }
});
