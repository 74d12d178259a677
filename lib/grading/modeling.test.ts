import { describe, expect, it } from "vitest";
import type { ResolvedModelingQuestion } from "@/lib/scenarios/schema";
import type { ModelingAnswer, ModelingValue } from "./answers";
import { findAssumptionEvidence } from "./assumptions";
import { gradeModeling, scoreModelingQuestion } from "./modeling";

const q = (over: Partial<ResolvedModelingQuestion> = {}): ResolvedModelingQuestion => ({
  id: "slowest",
  prompt: "Expected delay of the slowest GPU per step",
  unit: "ms",
  expected: 146,
  tolerance: { relative: 0.05, reason: "the simulation's own spread" },
  weight: 1,
  derivation: "",
  ...over,
});
const point = (value: number, unit = "ms"): ModelingValue => ({ value, unit });
const range = (low: number, high: number, unit = "ms"): ModelingValue => ({ value: null, unit, mode: "range", low, high });

describe("range scoring", () => {
  it("gives a point estimate outside the band nothing (no half credit), inside it everything", () => {
    expect(scoreModelingQuestion(q(), point(108.7)).credit).toBe(0); // the no-straggler closed form, 26% low
    expect(scoreModelingQuestion(q(), point(146 * 1.07)).credit).toBe(0); // just outside a 5% band
    expect(scoreModelingQuestion(q(), point(150)).credit).toBe(1);
    expect(scoreModelingQuestion(q(), point(0.15, "s")).credit).toBe(1); // any unit of the dimension
  });

  it("credits a range that contains the answer in proportion to its tightness", () => {
    const tight = scoreModelingQuestion(q(), range(140, 152));
    expect(tight.credit).toBe(1);
    // Band is 2 x 7.3 = 14.6 ms wide; a 100-200 ms range is 6.8x as wide: 14.6% credit.
    const wide = scoreModelingQuestion(q(), range(100, 200));
    expect(wide.credit).toBeCloseTo(14.6 / 100, 3);
    expect(wide.note).toMatch(/contains it.*6\.8x as wide/);
    // Same range in seconds, ends swapped: the same credit.
    expect(scoreModelingQuestion(q(), range(0.2, 0.1, "s")).credit).toBeCloseTo(wide.credit, 6);
  });

  it("gives a range that excludes the answer nothing however narrow, unless it lies wholly inside the band", () => {
    expect(scoreModelingQuestion(q(), range(105, 112)).credit).toBe(0);
    expect(scoreModelingQuestion(q(), range(105, 112)).note).toMatch(/below it and excludes it/);
    expect(scoreModelingQuestion(q(), range(147, 150)).credit).toBe(1);
  });

  it("a wide honest range beats a narrow wrong one, and a wrong point with no range earns nothing", () => {
    const honest = scoreModelingQuestion(q(), range(90, 220)).credit;
    const narrowWrong = scoreModelingQuestion(q(), range(107, 110)).credit;
    const wrongPoint = scoreModelingQuestion(q(), point(108.7)).credit;
    expect(honest).toBeGreaterThan(0);
    expect(narrowWrong).toBe(0);
    expect(wrongPoint).toBe(0);
  });

  it("refuses a unit of the wrong dimension and an incomplete range", () => {
    expect(scoreModelingQuestion(q(), range(1, 2, "GB")).credit).toBe(0);
    expect(scoreModelingQuestion(q(), { value: null, unit: "ms", mode: "range", low: 100, high: null }).note).toMatch(/range incomplete/);
    expect(scoreModelingQuestion(q({ expected: 0 }), point(0.01)).credit).toBe(1);
  });
});

const scenario = {
  prompt: "Each GPU's part of the collective finishes late by a random delay, exponentially distributed with a mean of 20 ms.",
  questions: [q(), q({ id: "extra", prompt: "Extra time over the run", unit: "s", expected: 73_000, tolerance: { relative: 0.05, reason: "inherits the delay's band" } })],
  assumptions: [
    { id: "jitter-distribution", label: "Jitter distribution", weight: 1, synonyms: ["exponential", "jitter distribution", "distribution of the jitter"] },
    { id: "independence", label: "Independence across GPUs", weight: 1, synonyms: ["independ*", "iid"] },
    { id: "stragglers", label: "Stalls and stragglers", weight: 1, synonyms: ["stall*", "straggler*", "retransmit*"] },
    { id: "omissions", label: "What the model leaves out", weight: 1, synonyms: ["thermal throttling", "compute variance", "data loader*"] },
  ],
};
const answer = (values: ModelingAnswer["values"], assumptions: string, code = ""): ModelingAnswer => ({ values, assumptions, scratchpad: { code, output: null } });

describe("the seed's bar: clarity of assumptions and explicit uncertainty bounds", () => {
  const assumptions =
    "Jitter is exponential with a 20 ms mean per GPU, drawn independently for every GPU and step. " +
    "Stalls add 400 ms to one GPU in a thousand per step. I ignore thermal throttling and data loader hiccups.";

  it("keeps a candidate with incorrect math but honest bounds and stated assumptions well above the same math stated as points", () => {
    // Their estimates are off (they forgot part of the stall term) but their ranges say how unsure they are.
    const bounded = gradeModeling(scenario, answer({ slowest: range(110, 170), extra: range(55_000, 85_000, "s") }, assumptions));
    const points = gradeModeling(scenario, answer({ slowest: point(120), extra: point(60_000, "s") }, assumptions));
    // Both ranges are 4.1x as wide as the band and contain the answer: 24% of the 70 points, plus all 30 for assumptions.
    expect(bounded.score).toBeCloseTo(30 + 70 * (14.6 / 60), 0);
    expect(points.score).toBe(30);
    expect(points.items.filter((i) => i.id.startsWith("q:")).every((i) => i.points === 0)).toBe(true);
    expect(bounded.items.filter((i) => i.id.startsWith("assumption:")).every((i) => i.hit)).toBe(true);
  });

  it("finds assumptions in the scratchpad's comments, and counts a stated omission", () => {
    const code = "import random\n# Jitter: exponential, mean 20 ms, independent per GPU\nN = 128  # GPUs\n# Not modelled: compute variance between GPUs.\n";
    const g = gradeModeling(scenario, answer({}, "", code));
    const byId = Object.fromEntries(g.items.map((i) => [i.id, i]));
    expect(byId["assumption:jitter-distribution"]).toMatchObject({ hit: true, note: expect.stringMatching(/in the scratchpad comments/) });
    expect(byId["assumption:omissions"]).toMatchObject({ hit: true, evidence: "Not modelled: compute variance between GPUs." });
    expect(byId["assumption:stragglers"].hit).toBe(false);
  });

  it("does not accept keyword lists, questions or sentences copied from the prompt", () => {
    const stuffed = "Exponential, independent, stragglers, thermal throttling.\nIs the jitter exponential?\n" + scenario.prompt;
    const g = gradeModeling(scenario, answer({}, stuffed));
    expect(g.items.filter((i) => i.id.startsWith("assumption:")).map((i) => i.hit)).toEqual([false, false, false, false]);
    expect(g.items.find((i) => i.id === "assumption:stragglers")!.note).toMatch(/list of keywords/);
  });
});

describe("assumption evidence", () => {
  const concept = { id: "restart", synonyms: ["restart*", "restart time"] };
  const find = (text: string, acceptOmissions = true) => findAssumptionEvidence([{ id: "assumptions", text }], [concept], { acceptOmissions })[0];

  it("quotes the sentence that states it, across list items and wrapped lines", () => {
    const r = find("- Failures: one per 50,000 GPU-hours.\n- A restart takes 10 minutes,\n  plus the lost work.");
    expect(r).toMatchObject({ credit: 1, status: "stated", quote: "A restart takes 10 minutes, plus the lost work.", part: "assumptions" });
  });

  it("counts omissions written several ways, only when asked to", () => {
    for (const s of ["Failures during a restart are not modelled.", "We ignore restarts.", "I leave out restart failures for now.", "Assume no restart overhead."]) {
      expect(find(s), s).toMatchObject({ credit: 1, status: "omitted" });
      expect(find(s, false), s).toMatchObject({ credit: 0, status: "negated" });
    }
  });

  it("misses a bare mention and text copied from the question", () => {
    expect(find("Restarts.").credit).toBe(0);
    expect(find("").status).toBe("absent");
    const context = ["A restart after a failure takes 10 minutes plus the work lost since the last checkpoint."];
    expect(findAssumptionEvidence("A restart after a failure takes 10 minutes plus the work lost.", [concept], { acceptOmissions: true, context })[0].status).toBe("copied");
  });
});

describe("the modeling answer schema", () => {
  const output = { status: "ok", stdout: "hi\n", durationMs: 5, ranAt: "2026-11-27T10:00:00.000Z", codeHash: "0a1b2c3d", values: [{ name: "x", value: 1 }], series: [] };
  it("accepts ranges, a 'from' note and the scratchpad; still accepts the old shape", async () => {
    const { modelingAnswerSchema } = await import("./answers");
    expect(modelingAnswerSchema.safeParse({ values: { a: { value: null, unit: "ms", mode: "range", low: 1, high: 2, from: "mean of x" } }, assumptions: "", scratchpad: { code: "x = 1", output } }).success).toBe(true);
    expect(modelingAnswerSchema.safeParse({ values: { a: { value: 3, unit: "ms" } }, assumptions: "" }).success).toBe(true);
  });
  it("refuses what would not fit or is not a number, naming the field", async () => {
    const { modelingAnswerSchema } = await import("./answers");
    const series = { name: "s", kind: "list", n: 2, y: [1, 2], stats: { mean: 1.5, sd: 0.7, sem: 0.5, min: 1, max: 2, p5: 1, p50: 1.5, p95: 2 }, hist: { lo: 1, hi: 2, counts: [1, 1] } };
    const bad = [
      [{ values: {}, scratchpad: { code: "", output: { ...output, series: Array(9).fill(series) } } }, "scratchpad.output.series"],
      [{ values: {}, scratchpad: { code: "", output: { ...output, stdout: "x".repeat(20_000) } } }, "scratchpad.output.stdout"],
      [{ values: { a: { value: null, unit: "ms", mode: "range", low: Number.NaN, high: 2 } } }, "values.a.low"],
      [{ values: { a: { value: 1, unit: "ms", mode: "interval" } } }, "values.a.mode"],
    ] as const;
    for (const [answer, field] of bad) {
      const r = modelingAnswerSchema.safeParse(answer);
      expect(r.success, field).toBe(false);
      expect(r.error!.issues[0].path.join("."), field).toBe(field);
    }
  });
});
