import { describe, expect, it } from "vitest";
import { decideLoop } from "./decision";

const r = (score: number | null, title = "r") => ({ title, kind: "design", score, decision: null });

describe("loop decision", () => {
  it("gives Strong Yes only with two independent Strong Yes rounds and none below Yes", () => {
    expect(decideLoop([r(90), r(85), r(70)]).decision).toBe("Strong Yes");
    expect(decideLoop([r(90), r(75), r(70)]).decision).toBe("Yes");
    expect(decideLoop([r(95), r(92), r(60)]).decision).toBe("Yes");
    expect(decideLoop([r(90)]).decision).toBe("Strong Yes");
  });

  it("advances only Strong Yes", () => {
    expect(decideLoop([r(90), r(85)]).advances).toBe(true);
    expect(decideLoop([r(75), r(70)]).advances).toBe(false);
  });

  it("rejects low or mostly-failing loops", () => {
    expect(decideLoop([r(50), r(45)]).decision).toBe("No");
    expect(decideLoop([r(10), r(20)]).decision).toBe("Strong No");
    expect(decideLoop([r(0)]).decision).toBe("Strong No");
  });

  it("leaves ungraded rounds out of the vote and says so", () => {
    const d = decideLoop([r(null, "Coding"), r(88), r(82)]);
    expect(d.decision).toBe("Strong Yes");
    expect(d.reasons[0]).toMatch(/Coding .* does not vote/);
    expect(decideLoop([r(null)]).decision).toBeNull();
  });
});
