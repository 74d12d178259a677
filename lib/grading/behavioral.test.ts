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
