import { describe, expect, it } from "vitest";
import { answerParts, answerToMarkdown } from "./answer-text";

const scenario = { questions: [{ id: "slowest", prompt: "Expected delay of the slowest GPU", unit: "ms" }, { id: "steps", prompt: "Steps", unit: "count" }] };
const answer = {
  values: { slowest: { value: null, unit: "ms", mode: "range", low: 140.6, high: 151.4, from: "95% CI of the mean of delays_ms (mean ± 2 SE, n = 2000)" }, steps: { value: 500000, unit: "" } },
  assumptions: "Jitter is exponential.",
  scratchpad: {
    code: "import random\ndelays_ms = [1.0, 2.0]\n",
    output: {
      status: "ok", stdout: "mean 146.0 ms\n", durationMs: 812, ranAt: "2026-11-27T10:00:00.000Z", codeHash: "00000000",
      values: [{ name: "mean_delay_ms", value: 146 }],
      series: [{ name: "delays_ms", kind: "list", n: 2000, y: [1, 2], stats: { mean: 146, sd: 120, sem: 2.68, min: 40, max: 900, p5: 70, p50: 118, p95: 460 }, hist: { lo: 40, hi: 900, counts: [1, 1] } }],
    },
  },
};

describe("modeling answers in the review and the export", () => {
  it("shows ranges, where a number came from, the scratchpad's code and its output", () => {
    const md = answerToMarkdown("modeling", answer, scenario);
    expect(md).toContain("| Expected delay of the slowest GPU | 140.6–151.4 ms (range) (from the scratchpad: 95% CI of the mean of delays_ms (mean ± 2 SE, n = 2000)) |");
    expect(md).toContain("| Steps | 500,000 |");
    expect(md).toContain("```python\nimport random\ndelays_ms = [1.0, 2.0]\n\n```");
    expect(md).toMatch(/mean 146\.0 ms\n--- values ---\nmean_delay_ms = 146\n--- series ---\ndelays_ms: n = 2000, mean 146 \(95% CI 140\.64-151\.36\)/);
    const parts = answerParts("modeling", answer, scenario);
    expect(parts.map((p) => p.label)).toEqual(["Expected delay of the slowest GPU", "Steps", "Assumptions", "Scratchpad (Python)", "Scratchpad output"]);
  });

  it("still reads answers saved before ranges and the scratchpad existed", () => {
    expect(answerToMarkdown("modeling", { values: { steps: { value: 3, unit: "" } }, assumptions: "" }, scenario)).toContain("| Steps | 3 |");
  });
});
