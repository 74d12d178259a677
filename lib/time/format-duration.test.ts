import { describe, expect, it } from "vitest";
import { formatDuration, formatTimeUsed } from "./format-duration";

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [499, "0 s"],
    [500, "1 s"],
    [34_000, "34 s"],
    [59_400, "59 s"],
    // Rounds up into the next minute: never "60 s" or "0 min 60 s".
    [59_600, "1 min"],
    [60_000, "1 min"],
    [65_000, "1 min 05 s"],
    [12 * 60_000 + 4_000, "12 min 04 s"],
    [60 * 60_000, "60 min"],
    [240 * 60_000, "240 min"],
  ])("%d ms is %s", (ms, text) => expect(formatDuration(ms)).toBe(text));

  it("writes an unknown or impossible span as a dash or zero", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(undefined)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
    expect(formatDuration(-5_000)).toBe("0 s");
  });
});

describe("formatTimeUsed", () => {
  it("says how much of the round's time was used, in the same format on both sides", () => {
    expect(formatTimeUsed(34_000, 60 * 60_000)).toBe("34 s of 60 min");
    expect(formatTimeUsed(20_400, 20_400)).toBe("20 s of 20 s");
    expect(formatTimeUsed(null, 45 * 60_000)).toBe("— of 45 min");
  });
});
