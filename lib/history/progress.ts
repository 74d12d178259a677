/**
 * Progress over time from aggregated rows (the database groups rounds by week; this shapes them):
 * mean score per round kind, hit rate per rubric concept, the weakest concepts, and the scenarios
 * whose rubric would make the candidate practice them.
 */
export type KindRow = { period: string; kind: string; meanScore: number; rounds: number };
export type ConceptRow = { period: string; conceptId: string; label: string; hits: number; total: number };

export type SeriesPoint = { period: string; value: number; n: number };
export type Series = { key: string; label: string; points: SeriesPoint[] };

export function seriesByKind(rows: KindRow[]): Series[] {
  const by = new Map<string, SeriesPoint[]>();
  for (const r of rows) {
    const pts = by.get(r.kind) ?? [];
    pts.push({ period: r.period, value: round1(r.meanScore), n: r.rounds });
    by.set(r.kind, pts);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, points]) => ({ key: kind, label: kind, points: points.sort((a, b) => a.period.localeCompare(b.period)) }));
}

/** Hit rate (0..100) per concept per period. */
export function seriesByConcept(rows: ConceptRow[]): Series[] {
  const by = new Map<string, { label: string; points: SeriesPoint[] }>();
  for (const r of rows) {
    const e = by.get(r.conceptId) ?? { label: r.label, points: [] };
    e.points.push({ period: r.period, value: r.total ? round1((100 * r.hits) / r.total) : 0, n: r.total });
    by.set(r.conceptId, e);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, e]) => ({ key: id, label: e.label, points: e.points.sort((a, b) => a.period.localeCompare(b.period)) }));
}

export type ConceptStanding = { conceptId: string; label: string; hits: number; total: number; rate: number; recentRate: number | null };

/**
 * Concepts ranked from weakest: by hit rate over the most recent periods (`recentPeriods`), falling
 * back to the whole history, so a concept the candidate has since learned stops being named.
 * Concepts seen fewer than `minAttempts` times are not ranked: one miss is not a weakness.
 */
export function weakestConcepts(rows: ConceptRow[], opts: { limit?: number; minAttempts?: number; recentPeriods?: number } = {}): ConceptStanding[] {
  const { limit = 5, minAttempts = 3, recentPeriods = 4 } = opts;
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const recent = new Set(periods.slice(-recentPeriods));
  const acc = new Map<string, { label: string; hits: number; total: number; rHits: number; rTotal: number }>();
  for (const r of rows) {
    const a = acc.get(r.conceptId) ?? { label: r.label, hits: 0, total: 0, rHits: 0, rTotal: 0 };
    a.hits += r.hits;
    a.total += r.total;
    if (recent.has(r.period)) (a.rHits += r.hits), (a.rTotal += r.total);
    acc.set(r.conceptId, a);
  }
  return [...acc.entries()]
    .filter(([, a]) => a.total >= minAttempts)
    .map(([conceptId, a]) => ({
      conceptId,
      label: a.label,
      hits: a.hits,
      total: a.total,
      rate: round1((100 * a.hits) / a.total),
      recentRate: a.rTotal ? round1((100 * a.rHits) / a.rTotal) : null,
    }))
    .sort((x, y) => (x.recentRate ?? x.rate) - (y.recentRate ?? y.rate) || x.rate - y.rate || x.conceptId.localeCompare(y.conceptId))
    .slice(0, limit);
}

type ScenarioLike = { id: string; title: string; kind: string; rubric?: unknown };

/** Scenarios whose rubric contains the concept id: the ones that would make the candidate practice it. */
export function scenariosForConcept(conceptId: string, scenarios: ScenarioLike[]): { id: string; title: string; kind: string }[] {
  return scenarios
    .filter((s) => {
      const concepts = (s.rubric as { concepts?: { id?: unknown }[] } | undefined)?.concepts;
      return Array.isArray(concepts) && concepts.some((c) => c?.id === conceptId);
    })
    .map((s) => ({ id: s.id, title: s.title, kind: s.kind }));
}

/** "concept:paged-kv" -> "paged-kv"; other rubric items (structure, questions) are not concepts. */
export function conceptIdOf(itemId: string): string | null {
  return itemId.startsWith("concept:") ? itemId.slice("concept:".length) : null;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
