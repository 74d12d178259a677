import { describe, expect, it } from "vitest";
import { findEvidence } from "./evidence";
import { findFigures } from "./figures";
import { sentenceTokens } from "./nlp";
import { buildSentences } from "./sentences";
import { findMisconceptions } from "./misconceptions";

const util = { id: "utilization", synonyms: ["utilisation", "utilization"] };
const shadow = { id: "shadow", synonyms: ["shadow traffic"] };
const canary = { id: "canary", synonyms: ["canary"] };
const rootCause = { id: "root-cause", synonyms: ["root cause"] };
const paged = { id: "paged-kv", synonyms: ["paged attention"], patterns: ["fixed-size|small + page*|block* ~8"] };
const ev = (text: string, c: object, opts = {}) => findEvidence(text, [c as never], opts)[0];

describe("findEvidence: the candidate's own claim", () => {
  it("refuses dismissed, negated and attributed mentions (the issue's examples)", () => {
    expect(ev("Utilisation is not important and fair share means whoever shouts loudest gets the GPUs.", util)).toMatchObject({ credit: 0, status: "dismissed" });
    expect(ev("Shadow traffic is skipped because it doubles cost.", shadow)).toMatchObject({ credit: 0, status: "dismissed" });
    expect(ev("We do not need a canary.", canary)).toMatchObject({ credit: 0, status: "negated" });
    expect(ev("No canary: we ship to everyone at once.", canary)).toMatchObject({ credit: 0, status: "negated" });
    expect(ev("They said the root cause was a race in the allocator.", rootCause)).toMatchObject({ credit: 0, status: "attributed" });
    expect(ev("Prefix caching is overkill here because prompts differ.", { id: "p", synonyms: ["prefix caching"] })).toMatchObject({ credit: 0, status: "dismissed" });
  });

  it("affirmed elsewhere in the answer still counts, with the affirming sentence quoted", () => {
    const e = ev("Some say a canary is not needed. We send 1% of traffic to a canary for 24 hours because regressions show up in p95 first.", canary);
    expect(e.credit).toBe(1);
    expect(e.quote).toMatch(/^We send 1%/);
  });

  it("credits a mechanism fully, a bare sentence half and a list fragment a third", () => {
    expect(ev("We keep each request's attention state in fixed-size pages of 16 tokens, so no memory is reserved up front.", paged)).toMatchObject({ credit: 1, status: "mechanism" });
    expect(ev("We use paged attention in the server.", paged)).toMatchObject({ credit: 0.5, status: "named" });
    expect(ev("- paged attention\n- continuous batching", paged).status).toBe("fragment");
    expect(ev("- paged attention\n- continuous batching", paged).credit).toBeCloseTo(1 / 3);
    // The mechanism may come in the next sentence of the same paragraph.
    expect(ev("We use paged attention in the server. Blocks of 16 tokens come from a free list, so fragmentation stays under one block.", paged).status).toBe("mechanism");
  });

  it("matches plain-language descriptions through patterns and lemmas", () => {
    expect(ev("Each chat's state lives in small pages handed out from a free list.", paged).credit).toBeGreaterThanOrEqual(0.5);
    expect(ev("The KV-caches are checked.", { id: "kv", synonyms: ["kv cache"] }).status).not.toBe("absent");
  });

  it("never splits a number: 0.2% is not 2%", () => {
    expect(ev("Checkpointing takes 0.2% of step time.", { id: "x", synonyms: ["2% of"] }).status).toBe("absent");
    expect(ev("Checkpointing takes 2% of step time.", { id: "x", synonyms: ["2% of"] }).status).not.toBe("absent");
  });

  it("gives nothing for sentences copied from the question", () => {
    const prompt = "Design the serving stack for an open-weight 7B model behind a public chat API with a paged attention cache.";
    expect(ev("Design the serving stack for an open-weight 7B model behind a public chat API with a paged attention cache.", paged, { context: [prompt] })).toMatchObject({ credit: 0, status: "copied" });
  });

  it("accepts stated omissions when asked (modeling assumptions)", () => {
    const prefill = { id: "prefill", synonyms: ["prefill"] };
    expect(ev("We ignore prefill because prompts are short.", prefill)).toMatchObject({ credit: 0, status: "dismissed" });
    expect(ev("We ignore prefill because prompts are short.", prefill, { acceptOmissions: true })).toMatchObject({ credit: 1, status: "omitted" });
  });

  it("gives a third in a behavioral story when someone else did it", () => {
    expect(ev("Eventually someone found the root cause and we restarted the job.", rootCause, { firstPersonOnly: true }).status).toBe("someone-else");
    expect(ev("I bisected the checkpoints and found the root cause: a rename before fsync.", rootCause, { firstPersonOnly: true }).credit).toBe(1);
  });
});

describe("figures", () => {
  const figs = (t: string) => findFigures(sentenceTokens(t).flat()).map((f) => [f.base, Math.round(f.value * 1000) / 1000]);
  it("reads numbers with units in base units", () => {
    expect(figs("KV is 128 KiB per token and 500 GB at peak.")).toEqual([["B", 131072], ["B", 5e11]]);
    expect(figs("About 45 tokens/s per stream, 22 ms per step.")).toEqual([["tokens/s", 45], ["s", 0.022]]);
    expect(figs("It costs $2.5M a year, 0.2% of the budget, 3x the old one.")).toEqual([["USD", 2.5e6], ["fraction", 0.002], ["fraction", 3]]);
    expect(figs("We need 12 GPUs and 3.35 TB/s.")).toEqual([["count", 12], ["B/s", 3.35e12]]);
  });
});

describe("misconceptions", () => {
  const m = {
    id: "kv-quadratic",
    claim: "The KV cache grows with the square of the context",
    severity: "severe" as const,
    patterns: ["kv|cache + grow*|scale* + square|quadratic* ~12 !linear*"],
    correction: "Linear: 128 KiB per token.",
    examples: { match: ["x"], noMatch: ["y"] },
  };
  it("finds the claim in the candidate's sentence, not in a denial or someone else's mouth", () => {
    expect(findMisconceptions(buildSentences([{ id: "a", text: "The KV cache grows with the square of the sequence length." }]), [m])).toHaveLength(1);
    expect(findMisconceptions(buildSentences([{ id: "a", text: "It is a myth that the KV cache grows quadratically." }]), [m])).toHaveLength(0);
    expect(findMisconceptions(buildSentences([{ id: "a", text: "Attention compute grows quadratically, but the KV cache grows linearly." }]), [m])).toHaveLength(0);
    expect(findMisconceptions(buildSentences([{ id: "a", text: "Some people think the KV cache grows with the square of the context." }]), [m])).toHaveLength(0);
  });
});

describe("round 2: contrastive dismissal and the causal-marker audit", () => {
  const automation = { id: "automation", synonyms: ["automation"] };
  it("treats 'X is nice, but we skip it / it is not worth it' as a dismissal", () => {
    expect(ev("Automation is nice, but a small team doesn't have time to build it, so deploys stay manual.", automation).status).toBe("dismissed");
    expect(ev("Shadow traffic is great, but it is not worth it for a 3 GPU fleet.", shadow).status).toBe("dismissed");
    expect(ev("Although shadow traffic is useful, we skip it.", shadow).status).toBe("dismissed");
  });
  it("keeps a concession that is answered with a mechanism", () => {
    expect(ev("Paged attention is useful but not free: it costs 5% more kernel time, so we tune the block size.", paged).status).toBe("mechanism");
    expect(ev("Shadow traffic doubles cost, but we run it for 24 hours because regressions show there first.", shadow).status).toBe("mechanism");
  });
  it("does not read 'I led the team' or 'mean latency' as a causal link", () => {
    const kinds = (t: string) => buildSentences([{ id: "x", text: t }])[0].signals.map((s) => s.kind);
    expect(kinds("I led our payments platform team.")).not.toContain("causal");
    expect(kinds("The mean latency matters.")).not.toContain("causal");
    expect(kinds("The drive was slow.")).not.toContain("causal");
    expect(kinds("A full queue leads to a stall.")).toContain("causal");
    expect(kinds("Fragmentation results in wasted memory.")).toContain("causal");
  });
});
