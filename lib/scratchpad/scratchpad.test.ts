import { afterAll, describe, expect, it } from "vitest";
import { createNodeRunner } from "@/lib/runner";
import { pythonComments } from "./comments";
import { codeHash, scratchpadRequest, toScratchpadOutput } from "./program";
import { unitFromName, scratchpadOptions } from "./use-options";

// The same worker core and harness as the browser's Pyodide worker, in a Node worker thread.
const runner = createNodeRunner();
afterAll(() => runner.dispose());

async function run(code: string, timeMs = 20_000) {
  const req = scratchpadRequest(code, { timeMs, outputBytes: 64 * 1024 });
  const r = await runner.run(req);
  return toScratchpadOutput(r, { code, lineOffset: req.lineOffset, lines: req.lines });
}

describe("scratchpad runs (real Pyodide)", () => {
  it("runs a Monte Carlo script: printed output, top-level numbers as values, lists as summarised series", async () => {
    const code = [
      "import random, statistics",
      "random.seed(1)",
      "GPUS = 128",
      "delays_ms = [max(random.expovariate(1 / 20) for _ in range(GPUS)) for _ in range(3000)]",
      "mean_delay_ms = statistics.mean(delays_ms)",
      "curve = {'x': [1, 2, 4, 8], 'y': [10.0, 20.0, 40.0, 80.0]}",
      "result = {'p_stall': 0.12, 'label': 'not a number'}",
      "flag = True",
      "if __name__ == '__main__':",
      "    print(f'mean {mean_delay_ms:.1f} ms')",
    ].join("\n");
    const out = await run(code);
    expect(out.status).toBe("ok");
    expect(out.stdout).toMatch(/^mean 10\d\.\d ms\n$/);
    expect(out.values.map((v) => v.name)).toEqual(["GPUS", "mean_delay_ms", "result['p_stall']"]);
    const delays = out.series.find((s) => s.name === "delays_ms")!;
    expect(delays).toMatchObject({ kind: "list", n: 3000 });
    expect(delays.y).toHaveLength(400);
    expect(delays.hist.counts.reduce((a, b) => a + b, 0)).toBe(3000);
    expect(delays.stats.mean).toBeCloseTo(out.values[1].value, 3);
    expect(Math.abs(delays.stats.mean - 108.7)).toBeLessThan(4 * delays.stats.sem + 1);
    expect(out.series.find((s) => s.name === "curve")).toMatchObject({ kind: "xy", x: [1, 2, 4, 8], y: [10, 20, 40, 80] });
    expect(out.codeHash).toBe(codeHash(code));
  }, 120_000);

  it("reports errors at the candidate's own line numbers, with what was printed before", async () => {
    const out = await run("print('before')\nx = 1\ny = x / 0\n");
    expect(out).toMatchObject({ status: "error", stdout: "before\n", error: { type: "ZeroDivisionError", line: 3 } });
    const syntax = await run("from __future__ import annotations\nx = (\n");
    expect(syntax.status).toBe("error");
    expect(syntax.error?.kind).toBe("syntax");
  }, 60_000);

  it("stops a runaway script at the time limit and runs the next one", async () => {
    const t0 = performance.now();
    const out = await run("print('spinning')\nwhile True:\n    pass\n", 1500);
    expect(out.status).toBe("timeout");
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect((await run("z = 2 + 2\n")).values).toEqual([{ name: "z", value: 4 }]);
  }, 60_000);
});

describe("use this value", () => {
  it("offers values, means, medians, and two kinds of range from a series", () => {
    const out = {
      status: "ok" as const, stdout: "", durationMs: 1, ranAt: "", codeHash: "",
      values: [{ name: "mean_delay_ms", value: 146.2 }],
      series: [{ name: "delays_ms", kind: "list" as const, n: 2000, y: [1, 2], stats: { mean: 146, sd: 120, sem: 2.68, min: 40, max: 900, p5: 70, p50: 118, p95: 460 }, hist: { lo: 40, hi: 900, counts: [1, 1] } }],
    };
    const opts = scratchpadOptions(out);
    expect(opts.map((o) => o.key)).toEqual(["v:mean_delay_ms", "m:delays_ms", "md:delays_ms", "ci:delays_ms", "pr:delays_ms"]);
    expect(opts[3]).toMatchObject({ mode: "range", low: 140.64, high: 151.36 });
    expect(unitFromName("mean_delay_ms", ["us", "ms", "s"])).toBe("ms");
    expect(unitFromName("95% CI of the mean of delays_ms (mean ± 2 SE, n = 2000)", ["us", "ms", "s"])).toBe("ms");
    expect(unitFromName("result['cost_usd']", ["USD", "cents"])).toBe("USD");
    expect(unitFromName("total", ["ms"])).toBeNull();
  });
});

describe("scratchpad comments", () => {
  it("reads # comments and docstrings, not # inside strings", () => {
    const code = ['"""Jitter model.', 'Exponential, 20 ms mean."""', "x = '# not a comment'  # GPUs fail independently", "# We ignore", "# thermal throttling.", "", "s = \"\"\"also # not\"\"\"", "# ---"].join("\n");
    expect(pythonComments(code)).toBe("Jitter model. Exponential, 20 ms mean.\n\nGPUs fail independently\n\nWe ignore thermal throttling.");
  });
});
