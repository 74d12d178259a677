import { describe, expect, it } from "vitest";
import { directionMisconceptions } from "./behavioral";
import { misconceptionExampleErrors } from "./misconceptions";

describe("built-in behavioral directions (blame, deflection, consensus)", () => {
  it.each(directionMisconceptions.map((m) => [m.id, m] as const))("%s finds its must-match sentences and none of its must-not-match ones", (_, m) => {
    expect(m.examples.match.length).toBeGreaterThanOrEqual(2);
    expect(m.examples.noMatch.length).toBeGreaterThanOrEqual(2);
    expect(misconceptionExampleErrors(m)).toEqual([]);
  });
});

import { findEvidence } from "./evidence";
import { paraphraseFamilies } from "./paraphrase";

describe("paraphrase families", () => {
  it.each(Object.entries(paraphraseFamilies))("%s finds its plain-language examples and gives its counter-examples nothing", (name, f) => {
    for (const s of f.examples.match) expect(findEvidence(s, [{ id: name, families: [name] }])[0].status, s).not.toBe("absent");
    for (const s of f.examples.noMatch) expect(findEvidence(s, [{ id: name, families: [name] }])[0].credit, s).toBe(0);
  });
});

import { gradeBehavioral } from "./behavioral";

describe("wrong claims are counted per sentence", () => {
  const scenario = {
    prompt: "Tell me about an incident you fixed.",
    rubric: {
      concepts: [{ id: "fix", label: "The fix", weight: 1, synonyms: ["fixed"] }],
      misconceptions: [
        { id: "blame-others", claim: "Another team's fault", severity: "severe" as const, patterns: ["their fault"], correction: "Own your part.", examples: { match: ["It was their fault."], noMatch: ["I fixed it."] } },
      ],
    },
  };
  it("charges one sentence once even when two patterns find it, and only caps at Strong No for two wrong sentences", () => {
    const one = gradeBehavioral(scenario as never, { situation: "An outage hit us.", task: "Fix it.", action: "It was entirely their fault, and I fixed nothing.", result: "It came back." });
    const costs = one.items.filter((i) => i.kind === "misconception").map((i) => i.points);
    expect(costs.filter((p) => p < 0)).toHaveLength(1);
    expect(one.items.some((i) => i.id === "cap:misconceptions")).toBe(false);
  });
});
