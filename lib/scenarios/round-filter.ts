export const difficulties = ["easy", "medium", "hard"] as const;
export type Difficulty = (typeof difficulties)[number];

/**
 * What a loop round may ask of a drawn scenario, besides its kind: `tags` (the scenario carries at least
 * one of them) and `difficulty` (one level or a list of levels). Both given: both must hold. Plain
 * functions without zod, so the start form can filter its choices in the browser; the schema is in schema.ts.
 */
export type RoundFilter = { tags?: string[]; difficulty?: Difficulty | Difficulty[] };

export function hasRoundFilter(f: RoundFilter): boolean {
  return !!(f.tags?.length || f.difficulty !== undefined);
}

/** Whether a scenario satisfies a round's tags and difficulty (a round without a filter takes any). */
export function matchesRoundFilter(s: { tags?: string[]; difficulty?: string }, f: RoundFilter): boolean {
  if (f.tags?.length && !f.tags.some((t) => (s.tags ?? []).includes(t))) return false;
  if (f.difficulty !== undefined) {
    const levels: string[] = Array.isArray(f.difficulty) ? f.difficulty : [f.difficulty];
    if (!levels.includes(s.difficulty ?? "medium")) return false;
  }
  return true;
}

/** The filter in words, for messages and the start page: "tagged ml or numerics, hard". */
export function describeRoundFilter(f: RoundFilter): string {
  const parts: string[] = [];
  if (f.tags?.length) parts.push(`tagged ${f.tags.join(" or ")}`);
  if (f.difficulty !== undefined) parts.push(Array.isArray(f.difficulty) ? f.difficulty.join(" or ") : f.difficulty);
  return parts.join(", ");
}
