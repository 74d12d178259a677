import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { axeSeriousOrCritical, gotoReady, hardKill, startOwnServer, waitUp } from "./helpers";

// Password mode (LOOPBENCH_PASSWORD), as someone reaching a shared server meets it: every page sends them
// to the login page, every API answers 401 without the session, a wrong password is named, the right
// one leads back to the page they asked for with an HttpOnly, SameSite=Strict cookie.
const PORT = Number(process.env.E2E_LOGIN_PORT ?? 3198);
const base = `http://127.0.0.1:${PORT}`;
const PASSWORD = "correct horse battery staple";

test("with LOOPBENCH_PASSWORD set, pages and APIs need a session from the login page", async ({ page, request }) => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "loopbench-login-")), "pglite");
  const server = startOwnServer(PORT, { LOOPBENCH_DATA_DIR: dataDir, LOOPBENCH_PASSWORD: PASSWORD });
  try {
    await waitUp(base);

    // No session: the API refuses with a message that names the fix, and never a page of data.
    const api = await request.get(`${base}/api/sessions`);
    expect(api.status()).toBe(401);
    expect((await api.json()).error).toMatch(/Sign in first.*LOOPBENCH_PASSWORD/);

    // A page sends the visitor to the login page, keeping where they were going.
    await gotoReady(page, `${base}/history`);
    await expect(page).toHaveURL(`${base}/login?next=${encodeURIComponent("/history")}`);
    const password = page.getByLabel("Password");
    await expect(password).toBeFocused();
    expect(await axeSeriousOrCritical(page), "axe on /login").toEqual([]);

    await password.fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Wrong password.");
    await expect(page).toHaveURL(/\/login/);
    expect((await page.context().cookies()).filter((c) => c.name === "loopbench_session")).toEqual([]);

    await password.fill(PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${base}/history`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === "loopbench_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    await page.screenshot({ path: test.info().outputPath("after-login.png") });

    // The browser's session now reaches the API as well.
    const withSession = await page.evaluate(async () => (await fetch("/api/sessions")).status);
    expect(withSession).toBe(200);
  } finally {
    hardKill(server);
  }
});
