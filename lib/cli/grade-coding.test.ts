import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioLibrary, type CodingScenario } from "@/lib/scenarios";

// `npm run grade` on coding answers, as a subprocess: the same path a person takes (the cached esbuild
// bundle of lib/cli/bundled.mjs, which once broke here while tsx still worked: bundled esbuild and
// playwright-core cannot find their own files).
const root = path.resolve(import.meta.dirname, "../..");
const run = (...args: string[]) => spawnSync(process.execPath, ["lib/cli/bundled.mjs", "lib/cli/grade.ts", ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lb-grade-coding-"));
const file = (name: string, body: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, body);
  return p;
};
const lis = loadScenarioLibrary(undefined, { kinds: ["coding"] }).scenarios.find((s) => s.id === "longest-increasing-run") as CodingScenario;

describe("grade CLI, coding answers", () => {
  it("grades the reference 100 and a quadratic solution below Yes, with the slowness named", () => {
    const good = run("--scenario", lis.id, "--answer", file("lis.ts", lis.reference.typescript!), "--json");
    expect(good.status, good.stderr).toBe(0);
    const g = JSON.parse(good.stdout);
    expect([g.scenario.kind, g.language, g.grade.score, g.grade.decision]).toEqual(["coding", "typescript", 100, "Strong Yes"]);
    expect(g.grade.items.length).toBeGreaterThan(0);

    const slow = lis.wrong.find((w) => w.language === "typescript" && w.kind === "wrong-complexity")!;
    const bad = run("--scenario", lis.id, "--answer", file("slow.ts", slow.code), "--json");
    expect(bad.status, bad.stderr).toBe(0);
    const b = JSON.parse(bad.stdout);
    expect(["No", "Strong No"]).toContain(b.grade.decision);
    expect(b.grade.summary).toMatch(/too slow: stopped after .* limit .*more than/i);
    expect(b.grade.data.failedCategories).toEqual([{ category: "performance", failed: 1, total: 1 }]);
  }, 240_000);

  it("exits 2 with a named reason for bad input", () => {
    const wrongExt = run("--scenario", lis.id, "--answer", file("lis.txt", "x"), "--json");
    expect([wrongExt.status, wrongExt.stderr]).toEqual([2, expect.stringMatching(/\.py \(Python\) or \.ts/)]);
    const empty = run("--scenario", lis.id, "--answer", file("empty.py", "  \n"), "--json");
    expect([empty.status, empty.stderr]).toEqual([2, expect.stringMatching(/is empty: write the function lis_length/)]);
    const missing = run("--scenario", lis.id, "--answer", path.join(tmp, "nope.py"), "--json");
    expect([missing.status, missing.stderr]).toEqual([2, expect.stringMatching(/cannot read the answer file/)]);
    const unknown = run("--scenario", "no-such-coding-id", "--answer", file("a.py", "x = 1"), "--json");
    expect(unknown.status).toBe(2);
  }, 60_000);
});
