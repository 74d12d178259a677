import { describe, expect, it } from "vitest";
import { historyHref, parseHistoryQuery, toSessionFilter } from "./filters";

describe("history query", () => {
  it("parses filters and drops values that are not valid", () => {
    const q = parseHistoryQuery({ page: "3", kind: "design", decision: "Strong No", from: "2026-01-01", to: "2026-01-31", template: "DROP TABLE", view: "weird" });
    expect(q).toMatchObject({ page: 3, kind: "design", decision: "Strong No", from: "2026-01-01", to: "2026-01-31", view: "sessions" });
    expect(q.template).toBeUndefined();
    expect(parseHistoryQuery({ page: "-2", kind: "poetry" })).toMatchObject({ page: 1, kind: undefined });
    const f = toSessionFilter(q);
    expect(f.from!.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(f.to!.toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });

  it("writes links that keep the filters", () => {
    const q = parseHistoryQuery({ kind: "design", page: "2" });
    expect(historyHref(q, { page: 3 })).toBe("/history?page=3&kind=design");
    expect(historyHref(q, { page: 1 })).toBe("/history?kind=design");
    expect(historyHref({}, {})).toBe("/history");
  });
});
