import { describe, expect, it } from "vitest";
import { countdownTitle } from "./countdown";

describe("the tab title's countdown", () => {
  it("shows the time left, marks the last minute and a pause, and says when time is up", () => {
    expect(countdownTitle(12 * 60_000 + 4_000, false)).toBe("12:04 · Loopbench");
    expect(countdownTitle(60_001, false)).toBe("01:01 · Loopbench");
    expect(countdownTitle(60_000, false)).toBe("⚠ 01:00 · Loopbench");
    expect(countdownTitle(42_000, false)).toBe("⚠ 00:42 · Loopbench");
    expect(countdownTitle(0, false)).toBe("Time is up · Loopbench");
    expect(countdownTitle(12 * 60_000 + 4_000, true)).toBe("⏸ 12:04 · Loopbench");
    expect(countdownTitle(2 * 3_600_000 + 5_000, false)).toBe("2:00:05 · Loopbench");
  });
});
