import { describe, expect, it } from "vitest";
import { conceptIdOf, scenariosForConcept, seriesByConcept, seriesByKind, weakestConcepts, type ConceptRow } from "./progress";

const rows: ConceptRow[] = [
  { period: "2026-01-05", conceptId: "paged-kv", label: "Paged KV", hits: 0, total: 4 },
  { period: "2026-01-12", conceptId: "paged-kv", label: "Paged KV", hits: 4, total: 4 },
  { period: "2026-01-05", conceptId: "slo", label: "SLOs", hits: 2, total: 4 },
  { period: "2026-01-12", conceptId: "slo", label: "SLOs", hits: 1, total: 4 },
  { period: "2026-01-12", conceptId: "rare", label: "Rare", hits: 0, total: 1 },
];

describe("progress", () => {
  it("shapes series per kind and per concept, in time order", () => {
    const kinds = seriesByKind([
      { period: "2026-01-12", kind: "design", meanScore: 71.26, rounds: 3 },
      { period: "2026-01-05", kind: "design", meanScore: 50, rounds: 2 },
      { period: "2026-01-05", kind: "behavioral", meanScore: 40, rounds: 1 },
    ]);
    expect(kinds.map((s) => s.key)).toEqual(["behavioral", "design"]);
    expect(kinds[1].points).toEqual([
      { period: "2026-01-05", value: 50, n: 2 },
      { period: "2026-01-12", value: 71.3, n: 3 },
    ]);
    expect(seriesByConcept(rows).find((s) => s.key === "paged-kv")!.points.map((p) => p.value)).toEqual([0, 100]);
  });

  it("ranks weakest by recent hit rate, ignoring concepts seen too rarely", () => {
    const weak = weakestConcepts(rows, { recentPeriods: 1, minAttempts: 3 });
    expect(weak.map((w) => [w.conceptId, w.rate, w.recentRate])).toEqual([
      ["slo", 37.5, 25],
      ["paged-kv", 50, 100],
    ]);
  });

  it("suggests the scenarios whose rubric holds the concept", () => {
    const scenarios = [
      { id: "a", title: "A", kind: "design", rubric: { concepts: [{ id: "slo" }, { id: "x" }] } },
      { id: "b", title: "B", kind: "modeling" },
      { id: "c", title: "C", kind: "behavioral", rubric: { concepts: [{ id: "y" }] } },
    ];
    expect(scenariosForConcept("slo", scenarios)).toEqual([{ id: "a", title: "A", kind: "design" }]);
    expect(conceptIdOf("concept:slo")).toBe("slo");
    expect(conceptIdOf("structure:api")).toBeNull();
  });
});
