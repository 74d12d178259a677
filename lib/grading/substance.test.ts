import { describe, expect, it } from "vitest";
import type { Concept, Misconception } from "@/lib/scenarios/schema";
import { CAP_SEVERE, FLOOR_MAX, scoreProse, type ProseInput } from "./prose-score";

/**
 * The general mechanisms that keep a grade on substance rather than vocabulary: the substance floor (an
 * on-topic answer full of its own reasoning and figures, with no wrong claim, never falls off a cliff
 * for avoiding the rubric's words) and denied concepts (a rubric concept the answer says is not done or
 * not needed, and shows nowhere else, is a wrong claim).
 */
const concept = (id: string, label: string, synonyms: string[], weight = 1): Concept => ({ id, label, synonyms, weight, patterns: [], families: [] }) as unknown as Concept;
const concepts = [
  concept("paged", "Paged KV cache (block allocator)", ["paged attention", "block table"], 3),
  concept("preempt", "Preemption under memory pressure", ["preemption", "swap out"], 2),
  concept("gil", "A native call that does not release the GIL", ["does not release the gil"], 1),
];
const topic = "An inference server keeps the KV cache of every request on the GPU; memory runs out under long prompts. Design the cache: allocation, admission, what happens when memory is full, and how many requests fit on an 80 GB card.";
const input = (text: string, misconceptions: Misconception[] = []): ProseInput => ({
  kind: "design",
  concepts,
  misconceptions,
  estimates: [],
  parts: [{ id: "design", label: "Design", text, minWords: 30 }],
  weights: { concepts: 55, estimates: 15, figures: 10, structure: 20, ownership: 0 },
  figureTarget: 5,
  copySources: ["Design the cache."],
  topicDocs: [topic],
});

// Plain words, no rubric phrase: twelve sentences with a causal link, figure or comparison, ten figures.
const plain = [
  "Each request's attention state for a 70B model costs about 320 KB per token, so a 4,000-token chat holds 1.3 GB of the card.",
  "The weights take 140 GB across two 80 GB cards, which leaves about 20 GB for the requests' state on the pair.",
  "That is room for roughly 15 long chats at once, because 20 GB divided by 1.3 GB is 15.",
  "I hand out the state memory in small fixed pieces of 16 tokens from a free list, so nothing is reserved for tokens that never come.",
  "When the free list runs dry, the newest request is paused and its pieces are copied to host memory over PCIe at 25 GB/s, which takes about 50 ms for 1.3 GB.",
  "Paused requests come back first when pieces free up, so nobody starves for more than a few seconds.",
  "Admission checks the free pieces against the prompt length before a request starts, because a half-started request wastes its prefill.",
  "Under the old scheme we reserved the full 32k context per request, which held 10 GB each and fit only 2 requests.",
  "With pieces of 16 tokens the waste is under one piece per request, less than 1% of the memory instead of 60%.",
  "Throughput rises from about 400 to 2,500 tokens/s on the same cards because the batch grows from 2 to 15 requests.",
  "Latency per token stays near 30 ms since decoding is bound by reading the weights, not by the batch size.",
  "I watch the share of paused requests; above 5% we add a card, since pausing costs 50 ms each time.",
].join(" ");

describe("substance floor", () => {
  it("an on-topic answer full of its own reasoning and figures, without the rubric's words, is at least Yes", () => {
    const g = scoreProse(input(plain));
    expect(g.score).toBeGreaterThanOrEqual(FLOOR_MAX);
    expect(g.items.find((i) => i.id === "floor:substance")?.note).toMatch(/sentence\(s\) with a causal link/);
  });

  it("does not lift an answer with a wrong claim, a shallow answer or an off-topic essay", () => {
    const wrong: Misconception = {
      id: "quadratic",
      claim: "The cache grows with the square of the sequence length",
      severity: "severe",
      patterns: ["square + sequence|length ~8"],
      correction: "It grows linearly with tokens.",
      examples: { match: ["It grows with the square of the length."], noMatch: ["It grows linearly."] },
    } as Misconception;
    const withWrong = scoreProse(input(plain + " The state grows with the square of the sequence length, so long chats are 4x worse at 2x length.", [wrong]));
    expect(withWrong.items.some((i) => i.id === "floor:substance")).toBe(false);
    expect(withWrong.score).toBeLessThan(65);
    const shallow = scoreProse(input("We keep the state on the GPU because it is faster. We add more cards when memory runs out. It should scale to 10 GB or so."));
    expect(shallow.items.some((i) => i.id === "floor:substance")).toBe(false);
    const offTopic = "I rebuilt our invoice OCR pipeline: 600 invoices were labelled in 2 evenings, the new table parser cut errors by 70%, the model retrained in 3 hours on 4 cards, accuracy rose from 81% to 95% in 8 days, and the customer renewed for 3 years because go-live kept its date. ".repeat(3);
    expect(scoreProse(input(offTopic)).items.some((i) => i.id === "floor:substance")).toBe(false);
  });
});

describe("denied concepts", () => {
  it("a rubric concept said to be unnecessary, and shown nowhere else, is a wrong claim with the concept as correction", () => {
    const g = scoreProse(input("Paged attention is not needed here because the KV cache is small, so we reserve the full context per request up front."));
    const hit = g.items.find((i) => i.id === "misconception:denied:paged");
    expect(hit).toMatchObject({ kind: "misconception", status: "minor" });
    expect(hit!.points).toBeLessThan(0);
    expect(hit!.correction).toMatch(/Paged KV cache/);
  });

  it("not when another sentence shows the concept, nor for a concept that is itself about an absence", () => {
    const g = scoreProse(
      input("Some teams say paged attention is not needed. We use a block table of 16-token pages, so waste stays under one page per request. The scheduler stalls when a native call does not release the GIL for 200 ms."),
    );
    expect(g.items.some((i) => i.id.startsWith("misconception:denied:"))).toBe(false);
  });
});

describe("behavioral direction from the rubric itself", () => {
  const star = (text: string): ProseInput => ({
    ...input(text),
    kind: "behavioral",
    concepts: [concept("check", "Checked understanding (they restated it)", ["restate", "play it back"], 2), concept("numbers", "Gave the numbers that matter to them", ["cost per request", "per customer"], 3)],
    parts: [{ id: "action", label: "Action", text, minWords: 30 }],
    weights: { concepts: 45, estimates: 0, figures: 15, structure: 15, ownership: 25 },
    figureTarget: 3,
    firstPerson: true,
  });

  it("saying you did not do what the question values is severe (capped halfway into No)", () => {
    const g = scoreProse(star("I showed her 14 charts of cost per request because the numbers speak for themselves. I didn't ask her to restate it, since she wasn't going to follow the details anyway."));
    expect(g.items.find((i) => i.id === "misconception:denied:check")?.status).toBe("severe");
    expect(g.score).toBeLessThanOrEqual(CAP_SEVERE);
  });

  it("the organisation's roles are other actors: 'Our CFO asked ... per customer' is context, not the candidate's move", () => {
    const g = scoreProse(star("Our CFO asked why the bill had gone up 40% and wanted to cap spend per customer."));
    expect(g.items.find((i) => i.id === "concept:numbers")?.status).toBe("someone-else");
  });
});

describe("numeric wrong claims against key estimates", () => {
  const fits: Misconception = {
    id: "bf16-fits",
    claim: "The 300B model in BF16 fits comfortably on one 8 x H100 node",
    severity: "severe",
    patterns: ["300 gb + bf16 ~8"],
    correction: "BF16 is 2 bytes per parameter: 600 GB.",
    examples: { match: ["In BF16 it takes about 300 GB."], noMatch: ["In BF16 it takes 600 GB."] },
  } as Misconception;
  const est = { id: "bf16", quantity: "Weight bytes of the 300B model in BF16", value: 600e9, unit: "B", tolerance: { relative: 0.1 }, cues: ["bf16", "weights"], weight: 1 } as unknown as ProseInput["estimates"][number];
  const run = (text: string) => scoreProse({ ...input(text, [fits]), estimates: [est] });

  it("a sentence that states the key estimate within tolerance is not a numeric wrong claim", () => {
    expect(run("Weights: 300B x 2 B = 600 GB in BF16, 300 GB in FP8, so FP8 leaves room for the KV cache.").items.some((i) => i.id === "misconception:bf16-fits")).toBe(false);
  });

  it("the wrong figure is still a wrong claim", () => {
    expect(run("In BF16 the weights take about 300 GB, so one node fits the model with plenty of room.").items.some((i) => i.id === "misconception:bf16-fits")).toBe(true);
  });
});

describe("the question restated in another word order", () => {
  it("is copied, not the candidate's claim; a sentence of the candidate's own with the question's words is not", () => {
    const pasted = "My task was to design the cache: allocation, admission, and what happens when memory is full. The cache keeps the KV of every request on the GPU, and memory runs out under long prompts.";
    const g = scoreProse({ ...input(pasted), copySources: [topic] });
    expect(g.score).toBeLessThan(5);
    expect(g.items.filter((i) => i.kind === "structure").every((i) => /copied from the question/.test(i.note ?? "") || i.points === 0)).toBe(true);
    const own = scoreProse({ ...input("Admission checks the free blocks against the prompt length before a request starts, because a half-started request wastes its prefill."), copySources: [topic] });
    expect(own.items.find((i) => i.kind === "structure")!.points).toBeGreaterThan(0);
  });
});
