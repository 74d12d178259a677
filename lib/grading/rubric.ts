import type { Concept } from "@/lib/scenarios/schema";
import { findPhrase, findQuantities, wordCount } from "./text-match";
import { decisionForScore, round1, type Grade, type RubricItem } from "./types";

/** Share of structure and quantity points an answer keeps when it hits none of the heaviest concepts. */
export const CORE_MISSED_FACTOR = 0.25;

export type RubricWeights = { concepts: number; structure: number; quantities: number };

export type StructurePart = { id: string; label: string; text: string; minWords: number };

/**
 * Shared scorer for prose rounds (system design and behavioral). Deterministic and explained:
 * - concepts (most of the score): each scenario concept is hit when one of its phrases appears;
 * - structure: each expected part (design section, STAR field) holds at least `minWords` words;
 * - quantities: distinct numbers with units, up to `quantityTarget`.
 * Structure and quantity points are scaled by how on-topic the answer is (concept coverage / `onTopicAt`,
 * and a quarter of that when none of the heaviest concepts is hit), so well-formed gibberish or an
 * off-topic essay full of numbers still scores near zero. docs/rubric-method.md has the arithmetic.
 */
export function scoreRubric(input: {
  kind: string;
  concepts: Concept[];
  parts: StructurePart[];
  weights: RubricWeights;
  quantityTarget: number;
  onTopicAt?: number;
  penalties?: { label: string; phrases: string[]; pointsEach: number; maxPoints: number };
}): Grade {
  const { concepts, parts, weights, quantityTarget } = input;
  const onTopicAt = input.onTopicAt ?? 0.35;
  const fullText = parts.map((p) => p.text).join("\n\n");
  const items: RubricItem[] = [];

  const totalWeight = concepts.reduce((s, c) => s + c.weight, 0);
  let hitWeight = 0;
  for (const c of concepts) {
    const max = (weights.concepts * c.weight) / totalWeight;
    const found = findPhrase(fullText, c.synonyms);
    if (found) hitWeight += c.weight;
    items.push({
      id: `concept:${c.id}`,
      label: c.label,
      points: found ? max : 0,
      maxPoints: max,
      hit: !!found,
      evidence: found ? found.quote : null,
      note: found ? `matched "${found.phrase}"` : `not found; any of: ${c.synonyms.slice(0, 4).join(", ")}`,
    });
  }
  const coverage = totalWeight ? hitWeight / totalWeight : 0;
  // The heaviest concepts are the scenario's core mechanisms. An answer that names none of them
  // speaks in outcomes, not mechanisms (seed 004), or is about something else that happens to share
  // a few generic words ("reduced", "hours"): its structure and numbers are then worth a quarter.
  const coreWeight = Math.max(0, ...concepts.map((c) => c.weight));
  const coreHit = items.some((i, k) => i.hit && concepts[k].weight === coreWeight);
  const relevance = Math.min(1, coverage / onTopicAt) * (coreHit || concepts.length === 0 ? 1 : CORE_MISSED_FACTOR);

  for (const p of parts) {
    const words = wordCount(p.text);
    const ok = words >= p.minWords;
    const max = weights.structure / parts.length;
    items.push({
      id: `structure:${p.id}`,
      label: `${p.label} is answered`,
      points: ok ? max * relevance : 0,
      maxPoints: max,
      hit: ok,
      evidence: ok ? excerpt(p.text) : null,
      note: ok
        ? relevance < 1
          ? `${words} words; scaled by ${Math.round(relevance * 100)}% because ${coreHit ? "few rubric concepts appear" : "none of the core (heaviest) concepts appears"}`
          : `${words} words`
        : `${words} words; at least ${p.minWords} expected`,
    });
  }

  const quantities = findQuantities(fullText);
  const qShare = Math.min(quantities.length, quantityTarget) / quantityTarget;
  items.push({
    id: "quantities",
    label: `Quantified mechanisms (numbers with units, ${quantityTarget} expected)`,
    points: weights.quantities * qShare * relevance,
    maxPoints: weights.quantities,
    hit: quantities.length >= quantityTarget,
    evidence: quantities.length ? quantities.slice(0, 8).join(", ") : null,
    note: `${quantities.length} distinct number(s) with units` + (relevance < 1 && quantities.length ? `; scaled by ${Math.round(relevance * 100)}% for relevance` : ""),
  });

  if (input.penalties) {
    const { label, phrases, pointsEach, maxPoints } = input.penalties;
    const hits = phrases.map((ph) => findPhrase(fullText, [ph])).filter((x): x is NonNullable<typeof x> => !!x);
    const lost = Math.min(maxPoints, hits.length * pointsEach);
    items.push({
      id: "penalty:process-words",
      label,
      points: -lost,
      maxPoints: 0,
      hit: hits.length === 0,
      evidence: hits.length ? hits.map((h) => `"${h.phrase}": ${h.quote}`).join(" | ") : null,
      note: hits.length ? `-${lost} points: process words without a mechanism behind them` : "none used",
    });
  }

  const raw = items.reduce((s, i) => s + i.points, 0);
  const score = round1(Math.max(0, Math.min(100, raw)));
  for (const i of items) i.points = round1(i.points), (i.maxPoints = round1(i.maxPoints));
  const hitConcepts = items.filter((i) => i.id.startsWith("concept:") && i.hit).length;
  return {
    kind: input.kind,
    score,
    decision: decisionForScore(score),
    items,
    summary:
      wordCount(fullText) === 0
        ? "Empty answer."
        : `${hitConcepts}/${concepts.length} rubric concepts, ${quantities.length} quantified figure(s), ${parts.filter((p) => wordCount(p.text) >= p.minWords).length}/${parts.length} parts answered.`,
  };
}

function excerpt(text: string, max = 120): string {
  const t = text.trim().replace(/\s+/g, " ");
  return t.length > max ? t.slice(0, max) + "…" : t;
}
