import { describe, expect, it } from "vitest";
import { main } from "@/lib/cli/kernels";

// A kernel that never finishes hangs SwiftShader's GPU thread: the CLI must still answer, with
// fail-timeout and exit 1, and kill the browser it started. Own browser: this one is left unusable.
describe("never-terminating kernels", () => {
  it("the CLI reports fail-timeout within a bounded time and exits 1", async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (s: unknown) => lines.push(String(s));
    const t0 = Date.now();
    let code: number;
    try {
      code = await main(["check", "attention-prefill", "kernels/attention-prefill/wrong/never-terminates.wgsl", "--json", "--run-timeout-ms", "3000", "--no-speedup"]);
    } finally {
      console.log = log;
    }
    const r = JSON.parse(lines.join("\n"));
    expect(r.verdict).toBe("fail-timeout");
    expect(r.message).toMatch(/did not finish within 3000 ms/);
    expect(code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(45_000);
  }, 90_000);

  it("the CLI exits 2 on a harness-level problem (unknown problem) and 0 on a pass", async () => {
    const err = console.error;
    const log = console.log;
    console.error = () => {};
    console.log = () => {};
    try {
      expect(await main(["check", "no-such-problem", "x.wgsl"])).toBe(2);
      expect(await main(["check", "kv-cache-append", "kernels/kv-cache-append/fast.wgsl", "--no-speedup", "--json"])).toBe(0);
    } finally {
      console.error = err;
      console.log = log;
    }
  }, 90_000);
});
