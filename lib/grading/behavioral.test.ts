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
