import type { Sentence } from "./sentences";

/**
 * Generalities: the words of a plausible but shallow answer ("we would prioritise ruthlessly, focus on
 * the most important features, and it would probably be much cheaper"). Hedges, vague quantities,
 * outcome adjectives without a figure, and platitudes. Strong answers in the calibration sets use at
 * most ~1 per 100 words; shallow ones 2 to 6.
 */
const GENERALITIES = new Set([
  // hedges
  "maybe", "probably", "perhaps", "somewhat", "fairly", "basically", "generally", "overall", "really", "very", "definitely",
  // vague quantities
  "lot", "lots", "various", "huge", "massive", "significant", "significantly",
  // outcomes without a figure
  "better", "faster", "simpler", "cheaper", "improved", "improve",
  // platitudes
  "ensure", "focus", "communication", "prioritise", "prioritize", "ruthlessly", "carefully", "best", "important", "key", "critical", "things", "stuff",
]);

/** Generalities per 100 words at or above which, with few figures, an answer is vague. */
export const VAGUE_GENERALITIES_PER_100 = 2;
/** Figures (numbers with units in full sentences) per 100 words below which an answer is vague. */
export const VAGUE_FIGURES_PER_100 = 2;

export type Vagueness = { words: number; generalities: number; figures: number; vague: boolean; examples: string[] };

export function vagueness(own: Sentence[]): Vagueness {
  const words = own.reduce((a, s) => a + s.words, 0);
  const hits = own.flatMap((s) => s.tokens).filter((t) => GENERALITIES.has(t.norm));
  const figures = new Set(own.filter((s) => !s.fragment).flatMap((s) => s.figures.filter((f) => f.base !== "count" || f.value !== 1).map((f) => f.text))).size;
  const per100 = (n: number) => (100 * n) / Math.max(1, words);
  const vague = words >= 40 && per100(hits.length) >= VAGUE_GENERALITIES_PER_100 && per100(figures) < VAGUE_FIGURES_PER_100;
  return { words, generalities: hits.length, figures, vague, examples: [...new Set(hits.map((t) => t.text.toLowerCase()))].slice(0, 6) };
}
