import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The grade command line, as a subprocess: the same path a person takes.
const root = path.resolve(import.meta.dirname, "../..");
// The npm script's path: the cached esbuild bundle of lib/cli/grade.ts (rebuilt when a source is newer).
const run = (...args: string[]) => spawnSync(process.execPath, ["lib/cli/bundled.mjs", "lib/cli/grade.ts", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lb-grade-"));
const file = (name: string, body: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, body);
  return p;
};

describe("grade CLI (subprocess)", () => {
  it("grades a modeling answer file and prints JSON with every item", () => {
    const answer = file("m.yaml", "values:\n  kv-per-token: { value: 128, unit: KiB }\n  weights: { value: 14.5, unit: GB }\nassumptions: BF16 weights and KV cache, 80 GB = 80e9 bytes, 10% of the GPU reserved for activations.\n");
    const r = run("--scenario", "kv-cache-budget", "--answer", answer, "--json");
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.scenario.kind).toBe("modeling");
    expect(j.grade.items.map((i: { id: string; hit: boolean }) => [i.id, i.hit])).toEqual([
      ["q:kv-per-token", true],
      ["q:weights", true],
      ["q:max-sequences", false],
      // The scenario's listed assumptions, found at sentence level: the sliding window is not stated.
      ["assumption:bytes-convention", true],
      ["assumption:precision", true],
      ["assumption:reserve", true],
      ["assumption:window", false],
    ]);
    expect(j.grade.score).toBe(69.2); // 2/3 of the 70 question points + 3/4 of the 30 assumption points
    expect(j.warnings.join(" ")).toMatch(/no value for: max-sequences/);
  });

  it("prints the decision and each item with its evidence for a behavioral answer", () => {
    const answer = file("b.md", "Situation: p99 was 1.8 s.\nTask: I owned latency.\nAction: I profiled the copies and built a prototype; the platform team disagreed.\nResult: p99 dropped from 1.8 s to 420 ms.\n");
    const r = run("--scenario", "forced-technical-decision", "--answer", answer);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Score [\d.]+\/100 -> (Strong Yes|Yes|No|Strong No)/);
    expect(r.stdout).toMatch(/HIT .*Built evidence/);
    expect(r.stdout).toMatch(/evidence: .*prototype/);
    expect(r.stdout).toMatch(/MISS .*States the trade-off/);
  });

  it("exits non-zero on an unknown scenario, listing the valid ids, and on a malformed answer file", () => {
    const r = run("--scenario", "no-such-scenario", "--answer", "x");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no scenario has id "no-such-scenario"/);
    expect(r.stderr).toMatch(/design: .*inference-server-kv-cache/);
    const bad = run("--scenario", "kv-cache-budget", "--answer", file("bad.yaml", "values:\n  weights: { value: lots, unit: GB }\n"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/values\.weights\.value/);
  });
});
