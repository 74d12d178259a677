import { describe, expect, it } from "vitest";
import { formatQuantity, toBase, unitsFor } from "./index";

describe("units", () => {
  it("converts any unit of a dimension to its base", () => {
    expect(toBase(128, "KiB", "B")).toBe(131072);
    expect(toBase(14.48, "GB", "B")).toBeCloseTo(14.48e9);
    expect(toBase(22.6, "%", "fraction")).toBeCloseTo(0.226);
    expect(toBase(2, "h", "s")).toBe(7200);
    expect(toBase(1, "parsec", "B")).toBeNull();
    expect(unitsFor("B")).toContain("GiB");
  });
  it("formats base values readably", () => {
    expect(formatQuantity(131072, "B")).toBe("131 KB");
    expect(formatQuantity(4554, "s")).toBe("1.27 h");
    expect(formatQuantity(0.2258, "fraction")).toBe("22.6 %");
  });
});
