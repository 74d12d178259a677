import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { gotoReady } from "./helpers";

// This test runs its own server (not Playwright's) so it can kill it with SIGKILL mid-round.
const PORT = Number(process.env.E2E_RESTART_PORT ?? 3199);
const base = `http://127.0.0.1:${PORT}`;
const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "loopbench-restart-")), "pglite");

function startServer(): ChildProcess {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test", LOOPBENCH_DATA_DIR: dataDir, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so the kill reaches every process it started
  });
  child.stdout?.on("data", () => {});
  child.stderr?.on("data", (d) => process.stderr.write(`[restart server] ${d}`));
  return child;
}

async function waitUp() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start within 60 s");
}

function hardKill(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

test("a server killed with SIGKILL mid-round and restarted loses no saved answer", async ({ page }) => {
  let server = startServer();
  try {
    await waitUp();
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
    await waitUp();

    await page.reload();
    await expect(page.getByRole("textbox", { name: "Situation", exact: true })).toHaveValue(text);
    await expect(page.getByRole("timer")).toBeVisible();
  } finally {
    hardKill(server);
  }
});
