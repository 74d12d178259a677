import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/**
 * Clicks "Submit round" and confirms in the dialog that asks first while time is left. Returns what the
 * dialog listed as still empty, so a spec can check it.
 */
export async function submitRound(page: Page): Promise<string[]> {
  await page.getByRole("button", { name: "Submit round" }).click();
  const dialog = page.getByRole("dialog", { name: "Submit this round now?" });
  await expect(dialog).toBeVisible();
  const empty = await dialog.getByRole("listitem").allTextContents();
  await dialog.getByRole("button", { name: "Submit now" }).click();
  await expect(dialog).toBeHidden();
  return empty;
}

/**
 * Opens a page and waits until React has hydrated it (the root layout marks `<html data-hydrated>`).
 * A fill or a click on server-rendered HTML before that is lost: the handler is not attached yet.
 */
export async function gotoReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-hydrated="true"]').waitFor({ state: "attached" });
}

/**
 * Replaces the whole text of a Monaco editor (`[data-editor=...][data-ready="true"]`) with `text`, as a
 * paste: typed newlines would be auto-indented by Monaco. Waits for the editor to be ready first.
 */
export async function pasteIntoEditor(page: Page, editor: Locator, text: string, readyTimeoutMs = 60_000): Promise<void> {
  await expect(editor).toBeVisible({ timeout: readyTimeoutMs });
  await editor.locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    document.activeElement?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * A server of its own for a spec that needs to kill it or to start it with other settings (the test
 * build, a fresh embedded database unless `dataDir` is given), in its own process group so a kill reaches
 * every process it started.
 */
export function startOwnServer(port: number, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test", DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", () => {});
  child.stderr?.on("data", (d) => process.stderr.write(`[server :${port}] ${d}`));
  return child;
}

/** Waits until the server on `base` answers (any status under 500: with a password set, `/` is a 401 to a script). */
export async function waitUp(base: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/`)).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server on ${base} did not start within 60 s`);
}

/** SIGKILL to the server's whole process group. */
export function hardKill(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

const axePath = createRequire(import.meta.url).resolve("axe-core");

/** axe-core's serious and critical violations on the page as it is now, one line each (empty: none). */
export async function axeSeriousOrCritical(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }> } }).axe.run();
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length}): ${JSON.stringify(v.nodes.map((n) => n.html.slice(0, 120)))}`);
  });
}

/** POSTs JSON to the app and expects a 2xx (the body is named in the failure); returns the JSON answer. */
export async function post(request: APIRequestContext, url: string, data?: unknown) {
  const res = await request.post(url, { data: data ?? {} });
  expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

/**
 * Rounds 1 and 2 of the e2e-mini loop (modeling, behavioral) started and submitted through the API,
 * after a spec has played round 0 (design) its own way: the session ends complete, with a debrief.
 */
export async function finishMiniLoop(request: APIRequestContext, id: string): Promise<void> {
  await post(request, `/api/sessions/${id}/rounds/1/start`);
  await post(request, `/api/sessions/${id}/rounds/1/submit`, { answer: { values: { "kv-per-token": { value: 128, unit: "KiB" } }, assumptions: "BF16, 32 layers." } });
  await post(request, `/api/sessions/${id}/rounds/2/start`);
  await post(request, `/api/sessions/${id}/rounds/2/submit`, { answer: { situation: "We disagreed.", task: "I owned it.", action: "I profiled and measured.", result: "p99 dropped from 1.8 s to 0.6 s." } });
}

/** Switches the page to a theme as the theme menu does (stored choice + data-theme), with the matching media. */
export async function setTheme(page: Page, theme: "light" | "dark"): Promise<void> {
  await page.evaluate((t) => {
    localStorage.setItem("loopbench-theme", t);
    document.documentElement.dataset.theme = t;
  }, theme);
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
}
