import { describe, expect, it } from "vitest";
import { check } from "./checker";

const exact = { kind: "exact" } as const;
const float = (rtol: number, atol: number) => ({ kind: "float", rtol, atol }) as const;
const unordered = { kind: "unordered" } as const;

describe("exact checker", () => {
  it("compares nested values, not their printed text", () => {
    expect(check(exact, [1, [2, { a: "x" }]], [1, [2, { a: "x" }]]).pass).toBe(true);
    expect(check(exact, { b: 1, a: 2 }, { a: 2, b: 1 }).pass).toBe(true);
    expect(check(exact, 1, 1.0).pass).toBe(true);
    expect(check(exact, "1", 1).pass).toBe(false);
    expect(check(exact, [1, 2], [2, 1])).toEqual({ pass: false, reason: "at [0]: expected 2, got 1" });
  });
  it("says where and why values differ", () => {
    expect(check(exact, [1, 2, 3], [1, 2])).toMatchObject({ pass: false, reason: expect.stringContaining("expected 2 items, got 3") });
    expect(check(exact, { a: 1 }, { a: 1, b: 2 })).toMatchObject({ reason: expect.stringContaining('missing key "b"') });
    expect(check(exact, null, [1])).toMatchObject({ reason: expect.stringContaining("expected a list, got null") });
    expect(check(exact, undefined, 3)).toMatchObject({ reason: "expected 3, got nothing" });
  });
  it("decodes the worker's NaN and infinity markers", () => {
    expect(check(exact, { $float: "nan" }, Number.NaN).pass).toBe(true);
    expect(check(exact, [{ $float: "-inf" }], [Number.NEGATIVE_INFINITY]).pass).toBe(true);
    expect(check(exact, { $float: "inf" }, 1e308).pass).toBe(false);
  });
});

describe("float checker", () => {
  it("accepts values within atol + rtol * |expected|, elementwise", () => {
    expect(check(float(1e-6, 0), [1.0000005, [2e6 + 1]], [1, [2e6]]).pass).toBe(true);
    expect(check(float(1e-6, 0), [1.00001], [1]).pass).toBe(false);
    expect(check(float(0, 1e-3), 0.0009, 0).pass).toBe(true);
    expect(check(float(0, 1e-3), -0.002, 0)).toMatchObject({ pass: false, reason: expect.stringContaining("tolerance") });
  });
  it("keeps infinities and NaN exact and other leaves exact", () => {
    expect(check(float(0.1, 0.1), { $float: "inf" }, 1e300).pass).toBe(false);
    expect(check(float(0.1, 0.1), { $float: "nan" }, Number.NaN).pass).toBe(true);
    expect(check(float(0.1, 0.1), ["a", 1.05], ["a", 1]).pass).toBe(true);
    expect(check(float(0.1, 0.1), ["b", 1], ["a", 1]).pass).toBe(false);
  });
});

describe("unordered checker", () => {
  it("is multiset equality", () => {
    expect(check(unordered, [3, 1, 2], [1, 2, 3]).pass).toBe(true);
    expect(check(unordered, [[1, 2], [0]], [[0], [1, 2]]).pass).toBe(true);
    expect(check(unordered, [1, 1, 2], [1, 2, 2]).pass).toBe(false);
    expect(check(unordered, [1, 2], [1, 2, 2]).pass).toBe(false);
    expect(check(unordered, [{ b: 1, a: 0 }], [{ a: 0, b: 1 }]).pass).toBe(true);
  });
  it("applies a tolerance to items when given one", () => {
    expect(check({ kind: "unordered", atol: 1e-6 }, [0.3000000001, 0.1], [0.1, 0.3]).pass).toBe(true);
    expect(check({ kind: "unordered", atol: 1e-6 }, [[0.3000000001], [0.1]], [[0.1], [0.3]]).pass).toBe(true);
    expect(check({ kind: "unordered", atol: 1e-6 }, [0.31, 0.1], [0.1, 0.3]).pass).toBe(false);
  });
  it("handles large lists in linear time", () => {
    const a = Array.from({ length: 50_000 }, (_, i) => i);
    const t0 = performance.now();
    expect(check(unordered, [...a].reverse(), a).pass).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
