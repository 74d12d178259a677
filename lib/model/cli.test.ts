import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const run = (...args: string[]) => spawnSync(tsx, ["lib/cli/model.ts", ...args], { cwd: root, encoding: "utf8", timeout: 20_000 });

describe("model CLI (subprocess)", () => {
  it("throughput --json prints the contract fields", () => {
    const r = run("throughput", "--preset", "trtllm-0.6", "--gpu", "a100-sxm-80gb", "--model", "llama-2-7b", "--precision", "fp16", "--tp", "1", "--batch", "60", "--input", "128", "--output", "2048", "--json");
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of ["outputTokensPerSecond", "outputTokensPerSecondPerGpu", "timeToFirstTokenMs", "timePerOutputTokenMs", "memoryPerGpuBytes"]) expect(typeof j[k]).toBe("number");
    expect(j.bound).toBe("memory");
    expect(j.outputTokensPerSecond).toBeGreaterThan(1928 * 0.8);
    expect(j.outputTokensPerSecond).toBeLessThan(1928 * 1.2);
  });

  it("memory --json pins Mistral 7B numbers", () => {
    const r = run("memory", "--model", "mistral-7b-v0.1", "--precision", "bf16", "--batch", "2", "--context", "8192", "--json");
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.kvBytesPerToken).toBe(131072);
    expect(j.kvCacheBytes).toBe(2 * 4096 * 131072); // sliding window caps the cache
    expect(j.weightsBytes).toBe(j.totalParams * 2);
    expect(j.activeParams).toBe(j.totalParams);
  });

  it("unknown ids exit non-zero and list the valid ones; too big says by how much", () => {
    const bad = run("memory", "--model", "gpt-5", "--context", "10", "--json");
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("llama-3-70b");
    const big = run("throughput", "--gpu", "l4", "--model", "llama-2-70b", "--batch", "1", "--input", "10", "--output", "10", "--json");
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/does not fit.*over by/);
  });
});
