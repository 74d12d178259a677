import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reapOrphanChromium } from "./chromium";

// A stand-in for a browser left behind: a detached process (its own group, like the sandbox's Chromium)
// whose command line holds the profile flag the reaper looks for.
function fakeBrowser(profile: string): ChildProcess {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "--", `--user-data-dir=${profile}`], { detached: true, stdio: "ignore" });
  child.unref();
  return child;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8")); // a zombie is dead
  } catch {
    return false;
  }
}

/** A pid that existed and has exited, with the start time it had. */
function deadOwner(): string {
  const r = spawnSync(process.execPath, ["-e", "const s=require('fs').readFileSync('/proc/self/stat','utf8');process.stdout.write(process.pid+' '+s.slice(s.lastIndexOf(')')+2).split(' ')[19])"]);
  return r.stdout.toString();
}

const tmpRoots: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.pid && alive(c.pid)) process.kill(c.pid, "SIGKILL");
  for (const d of tmpRoots.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function profile(root: string, owner: string | null): string {
  const dir = fs.mkdtempSync(path.join(root, "loopbench-chromium-"));
  if (owner !== null) fs.writeFileSync(path.join(dir, "loopbench-owner"), owner);
  return dir;
}

describe.skipIf(!fs.existsSync("/proc/self/stat"))("reapOrphanChromium", () => {
  it("kills the browser of a server that is gone and removes its profile; leaves a live owner's and an unowned one alone", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "reap-test-"));
    tmpRoots.push(root);
    const orphanDir = profile(root, deadOwner());
    const mineDir = profile(root, `${process.pid} ${fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ")[19]}`);
    const unownedDir = profile(root, null);
    const orphan = fakeBrowser(orphanDir);
    const mine = fakeBrowser(mineDir);
    const unowned = fakeBrowser(unownedDir);
    children.push(orphan, mine, unowned);
    await new Promise((r) => setTimeout(r, 200)); // let the command lines appear in /proc

    const out = reapOrphanChromium(root);

    expect(out).toEqual({ profiles: 1, pids: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(orphan.pid!)).toBe(false);
    expect(fs.existsSync(orphanDir)).toBe(false);
    expect(alive(mine.pid!)).toBe(true);
    expect(fs.existsSync(mineDir)).toBe(true);
    expect(alive(unowned.pid!)).toBe(true);
    expect(fs.existsSync(unownedDir)).toBe(true);
  });

  it("does not take a reused pid for the owner: the start time must match", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "reap-test-"));
    tmpRoots.push(root);
    // Our own pid with a start time it never had: the owner that wrote this is gone.
    const dir = profile(root, `${process.pid} 1`);
    const orphan = fakeBrowser(dir);
    children.push(orphan);
    await new Promise((r) => setTimeout(r, 200));
    expect(reapOrphanChromium(root)).toEqual({ profiles: 1, pids: 1 });
  });
});

const chromiumExe = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

describe.skipIf(!fs.existsSync("/proc/self/stat") || !fs.existsSync(chromiumExe))("a server killed with SIGKILL (real Chromium)", () => {
  it("leaves its sandbox browser running, and the next launch's reaper stops it", async () => {
    // The server stand-in: a process that starts the shared sandbox browser the way the app does, then waits.
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "reap-server-")), "server.mts");
    tmpRoots.push(path.dirname(script));
    fs.writeFileSync(script, `import { getSharedChromium } from ${JSON.stringify(path.resolve("lib/sandbox/chromium.ts"))};\nconst c = await getSharedChromium();\nconsole.log("browser " + c.child.pid);\nsetInterval(() => {}, 1000);\n`);
    const server = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, CHROMIUM_PATH: chromiumExe } });
    children.push(server);
    const browserPid = await new Promise<number>((resolve, reject) => {
      let out = "";
      const t = setTimeout(() => reject(new Error(`no browser within 60 s: ${out}`)), 60_000);
      server.once("exit", (code) => reject(new Error(`the server stand-in exited (${code}) before its browser started: ${out}`)));
      server.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /browser (\d+)/.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(Number(m[1]));
        }
      });
    });
    server.kill("SIGKILL");
    await new Promise((r) => server.once("exit", r));
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(browserPid), "the browser outlives a server killed with SIGKILL").toBe(true);

    const out = reapOrphanChromium();

    expect(out.profiles).toBeGreaterThanOrEqual(1);
    expect(out.pids).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(browserPid)).toBe(false);
  }, 90_000);
});
