import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioLibrary, type DesignScenario } from "@/lib/scenarios";
import { pickFollowup } from "./probes";
import { parseDesignAnswer } from "./answer-files";
import { gradeDesign } from "./design";

const lib = loadScenarioLibrary([path.join(process.cwd(), "scenarios")]);
const kv = lib.scenarios.find((s) => s.id === "inference-server-kv-cache") as DesignScenario;
const answer = (md: string) => parseDesignAnswer(md, kv.sections).answer;

describe("pickFollowup", () => {
  it("asks the scripted question while the answer is too short to probe", () => {
    const p = pickFollowup({ scenario: kv, answer: answer("## Requirements\nFast."), asked: [], index: 1 });
    expect(p).toEqual({ id: kv.followups[1].id, question: kv.followups[1].question, source: "scripted" });
  });

  it("quotes a misconception back first, severe before minor, then never repeats it", () => {
    const text =
      "## Estimates\nThe KV cache grows with the square of the sequence length, because every token attends to every other token, so memory is tiny and everything fits on one GPU easily.\n\n## Architecture\nWe allocate the maximum context for each request up front and run a simple loop that processes the requests one by one in arrival order on each replica of the model.";
    const first = pickFollowup({ scenario: kv, answer: answer(text), asked: [], index: 0 })!;
    expect(first.id).toBe("probe:misconception:kv-quadratic");
    expect(first.quote).toMatch(/grows with the square/);
    expect(first.question).toMatch(/^You wrote: ".*square.*" Walk me through the bytes per token/);
    const second = pickFollowup({ scenario: kv, answer: answer(text), asked: [{ id: first.id }], index: 1 })!;
    expect(second.id).toBe("probe:misconception:reserve-max");
    // The same inputs give the same question.
    expect(pickFollowup({ scenario: kv, answer: answer(text), asked: [], index: 0 })).toEqual(first);
  });

  it("then probes the heaviest core concept still missing, then a missing estimate, then scripted", () => {
    const text = "## Architecture\nA router spreads requests over replicas. Each replica runs the model and streams tokens back to the client over server-sent events, and we log every request for later analysis and billing of each customer account. The API is a single POST endpoint with streaming enabled by default for every client that connects.";
    const p = pickFollowup({ scenario: kv, answer: answer(text), asked: [], index: 0 })!;
    expect(p.source).toBe("probe");
    expect(p.id).toBe("probe:concept:continuous-batching");
    const core = kv.rubric.concepts.filter((c) => c.weight === 3).map((c) => `probe:concept:${c.id}`);
    const afterCore = pickFollowup({ scenario: kv, answer: answer(text), asked: core.map((id) => ({ id })), index: 0 })!;
    expect(afterCore.id).toMatch(/^probe:(concept|estimate):/);
    const concepts = kv.rubric.concepts.map((c) => ({ id: `probe:concept:${c.id}` }));
    const est = pickFollowup({ scenario: kv, answer: answer(text), asked: concepts, index: 0 })!;
    expect(est.id).toMatch(/^probe:estimate:/);
    const all = [...concepts, ...kv.rubric.numbers.map((e) => ({ id: `probe:estimate:${e.id}` }))];
    expect(pickFollowup({ scenario: kv, answer: answer(text), asked: all, index: 2 })!.id).toBe(kv.followups[2].id);
    expect(pickFollowup({ scenario: kv, answer: answer(text), asked: [...all, ...kv.followups.map((f) => ({ id: f.id }))], index: 2 })).toBeNull();
  });

  it("every design scenario's core concepts and misconceptions carry a probe (the loader enforces it)", () => {
    for (const s of lib.scenarios.filter((x): x is DesignScenario & { file: string } => x.kind === "design")) {
      const core = Math.max(...s.rubric.concepts.map((c) => c.weight));
      for (const c of s.rubric.concepts.filter((c) => c.weight === core)) expect(c.probe, `${s.id} ${c.id}`).toBeTruthy();
      for (const m of s.rubric.misconceptions) expect(m.probe, `${s.id} ${m.id}`).toBeTruthy();
    }
  });
});

describe("follow-ups and diagram in the design grade", () => {
  it("grades each follow-up as followup:<id>, counts it in the round, and quotes diagram labels", () => {
    const base = answer("## Architecture\nA router spreads requests over replicas; each replica streams tokens back to the client.");
    const diagram = {
      elements: [
        { id: "a", type: "rectangle" as const, x: 0, y: 0 },
        { id: "ta", type: "text" as const, x: 0, y: 0, text: "Router", containerId: "a" },
        { id: "b", type: "rectangle" as const, x: 0, y: 0 },
        { id: "tb", type: "text" as const, x: 0, y: 0, text: "Scheduler", containerId: "b" },
        { id: "arr", type: "arrow" as const, x: 0, y: 0, startBinding: { elementId: "a" }, endBinding: { elementId: "b" } },
        { id: "tarr", type: "text" as const, x: 0, y: 0, text: "continuous batching: admits new sequences every iteration", containerId: "arr" },
      ],
    };
    const followups = [
      { id: "probe:concept:paged-kv", question: kv.rubric.concepts.find((c) => c.id === "paged-kv")!.probe!, source: "probe" as const, target: "paged-kv", askedAtMs: 600000, answer: "KV lives in fixed-size blocks of 16 tokens from a free list, with a block table per sequence, so nothing reserves the maximum length." },
      { id: kv.followups[0].id, question: kv.followups[0].question, source: "scripted" as const, askedAtMs: 900000, answer: "" },
    ];
    const g = gradeDesign(kv, { ...base, diagram, followups });
    const batching = g.items.find((i) => i.id === "concept:continuous-batching")!;
    expect(batching.evidence).toMatch(/^diagram: Router → Scheduler: continuous batching/);
    expect(batching.hit).toBe(true);
    const probe = g.items.find((i) => i.id === "followup:probe:concept:paged-kv")!;
    expect(probe.hit).toBe(true);
    const unanswered = g.items.find((i) => i.id === `followup:${kv.followups[0].id}`)!;
    expect(unanswered.hit).toBe(false);
    expect(unanswered.note).toMatch(/not answered/);
    const sum = Math.round(g.items.reduce((a, i) => a + i.points, 0) * 10) / 10;
    expect(Math.abs(sum - g.score!)).toBeLessThan(1);
  });
});
