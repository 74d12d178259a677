import type { Concept, Estimate, Misconception } from "@/lib/scenarios/schema";
import { conceptEvidence, conceptVocabulary, relatedWordsEvidence, type ConceptEvidence } from "./evidence";
import { checkEstimate, type EstimateCheck } from "./estimates";
import { findMisconceptions, matchMisconception, type MisconceptionHit } from "./misconceptions";
import { contentLemmas, ON_TOPIC_AT, relevanceFactor, topicModel } from "./relevance";
import { sentenceTokens } from "./nlp";
import { buildSentences, copySourceIndex, type Sentence, type TextPart } from "./sentences";
import { vagueness } from "./vagueness";
import { decisionForScore, round1, type Grade, type RubricItem } from "./types";

/**
 * The prose scorer shared by system design and behavioral rounds. Deterministic and explained: every
 * item carries the quoted sentence and the reason it counted or did not (docs/rubric-method.md has the
 * arithmetic).
 */
export const CAP_NO = 64;
/** Two or more wrong claims, one of them severe: the answer is built on them, capped below an honest weak answer (Strong No). */
export const CAP_STRONG_NO = 10;
/**
 * One severe wrong claim caps the round halfway into No, not at its top: an answer wrong in an important
 * way ranks below an honest shallow one (which scores 20 to 60), and stays a No either way.
 */
export const CAP_SEVERE = 50;
/** Wrong claims cost 8 (severe) or 4 (minor) points each, at most this many in all; a severe one also caps the round at CAP_SEVERE (No). */
export const MAX_MISCONCEPTION_LOSS = 12;
/**
 * Substance floor: an on-topic answer full of its own reasoning (sentences with a causal link, figure or
 * comparison, and figures with units) and no wrong claim cannot fall off a cliff because it avoids the
 * rubric's wording. Floor = FLOOR_MAX x ramp(mechanism sentences, 5 -> 10) x ramp(distinct figures, 4 -> 8)
 * x ramp(BM25 topic cosine, 0.06 -> 0.12) (ramp(x, a -> b) = clamp((x - a) / (b - a), 0, 1)), when no wrong
 * claim, fragment or generalities cap applies. Shallow answers (a handful of
 * reasoning sentences, few figures) and off-topic essays get nothing from it.
 */
export const FLOOR_MAX = 65;
/** A sentence of at least this many content words, this share of them from the question and no figure, is the question restated. */
export const RESTATED_MIN_WORDS = 4;
export const RESTATED_SHARE = 0.85;
/** Ramps per kind: a story (behavioral, 3 figures expected) is about half the length of a design (5 expected). */
export const FLOOR_MECHANISM = { design: [5, 10], behavioral: [4, 8] } as const;
export const FLOOR_FIGURES = { design: [4, 8], behavioral: [2, 6] } as const;
/** The floor grows with the topic cosine from the first value to the second (no step where a story's wording drifts). */
export const FLOOR_COSINE = [0.06, 0.12] as const;
const ramp = (x: number, [a, b]: readonly [number, number]) => Math.max(0, Math.min(1, (x - a) / (b - a)));

export type ProseWeights = { concepts: number; estimates: number; figures: number; structure: number; ownership: number };

export type ProsePart = { id: string; label: string; text: string; minWords: number };

export type ProseInput = {
  kind: "design" | "behavioral";
  concepts: Concept[];
  misconceptions: Misconception[];
  estimates: Estimate[];
  parts: ProsePart[];
  /** Diagram and follow-up answers: evidence for concepts and estimates, not structure. */
  extraParts?: TextPart[];
  weights: ProseWeights;
  figureTarget: number;
  /** Texts a sentence must not be copied from: prompt, hints, follow-up questions. */
  copySources: string[];
  /** Texts that define the topic for relevance. */
  topicDocs: string[];
  /** Behavioral: someone else's action earns a third; first-person action clauses earn ownership. */
  firstPerson?: boolean;
  penalties?: { label: string; phrases: string[]; pointsEach: number; maxPoints: number };
};

export type ProseAnalysis = {
  sentences: Sentence[];
  concepts: { concept: Concept; evidence: ConceptEvidence }[];
  misconceptions: MisconceptionHit[];
  estimates: { estimate: Estimate; check: EstimateCheck }[];
  /** BM25 cosine of the candidate's own words with the scenario's, and the factor it gives (0..1). */
  topicCosine: number;
  relevance: number;
};

/** Sentences, concept evidence, misconceptions and estimates: what both the scorer and the probe picker read. */
export function analyzeProse(input: Pick<ProseInput, "concepts" | "misconceptions" | "estimates" | "parts" | "extraParts" | "copySources" | "topicDocs" | "firstPerson">): ProseAnalysis {
  const parts: TextPart[] = [...input.parts.map((p) => ({ id: p.id, text: p.text, source: "answer" as const })), ...(input.extraParts ?? [])];
  const sentences = buildSentences(parts, copySourceIndex(input.copySources));
  // The question restated in other word order ("It was a check, a heartbeat, a gate or a fault-injection
  // test"): a sentence whose content words all come from the question and that gives no figure is not the
  // candidate's own claim, whatever its trigrams.
  const questionWords = new Set(input.copySources.flatMap((t) => sentenceTokens(t.replace(/\s+/g, " ")).flatMap(contentLemmas)));
  for (const s of sentences) {
    if (s.copied || s.source !== "answer" || s.figures.length) continue;
    const content = contentLemmas(s.tokens);
    if (content.length >= RESTATED_MIN_WORDS && content.filter((w) => questionWords.has(w)).length / content.length >= RESTATED_SHARE) s.copied = true;
  }
  // A labelled arrow between two labelled boxes is a relation, not a bare name.
  for (const s of sentences) if (s.part === "diagram-relation" && s.text.includes(":")) s.fragment = false;
  const topic = topicModel(input.topicDocs);
  for (const s of sentences) s.relevance = topic.similarity(contentLemmas(s.tokens));
  const own = sentences.filter((s) => !s.copied && s.source === "answer");
  const topicCosine = topic.similarity(own.flatMap((s) => contentLemmas(s.tokens)));
  const estimates = input.estimates.map((estimate) => ({ estimate, check: checkEstimate(sentences, estimate) }));
  // A sentence that states a key estimate within tolerance is not a numeric wrong claim: "300B x 2 B = 600 GB
  // BF16, 300 GB FP8" gets the BF16 figure right, whatever a pattern about "300 GB ... BF16" finds in it.
  const rightFigure = new Set<number>();
  for (const { check } of estimates) {
    if (check.status !== "within" || !check.quote) continue;
    const q = check.quote.replace(/^(diagram|follow-up): /, "").replace(/…$/, "");
    for (const x of sentences) if (x.text.startsWith(q)) rightFigure.add(x.index);
  }
  const numericClaim = (m: Misconception) => m.patterns.some((p) => /\d/.test(p));
  const claimable = (x: Sentence, m: Misconception) => !(rightFigure.has(x.index) && numericClaim(m));
  const misconceptions = findMisconceptions(sentences, input.misconceptions, claimable);
  // A sentence that makes a wrong claim is evidence of nothing but the claim: "waiting grows linearly
  // with utilisation" does not show the utilisation concept, and "static batching: run until the
  // longest finishes" shares words with continuous batching while saying the opposite.
  const wrongSentences = new Set(sentences.filter((s) => input.misconceptions.some((m) => claimable(s, m) && matchMisconception(s, m))).map((s) => s.index));
  const usable = sentences.map((s) => (wrongSentences.has(s.index) ? { ...s, tokens: [] } : s));
  const concepts = input.concepts.map((concept) => ({ concept, evidence: conceptEvidence(usable, concept, { firstPersonOnly: input.firstPerson }) }));
  const vocab = input.concepts.map((c) => conceptVocabulary(c));
  const df = new Map<string, number>();
  for (const v of vocab) for (const w of v) df.set(w, (df.get(w) ?? 0) + 1);
  concepts.forEach((c, i) => {
    if (c.evidence.status !== "absent") return;
    const distinctive = new Set([...vocab[i]].filter((w) => (df.get(w) ?? 0) <= 2));
    const rel = relatedWordsEvidence(usable.filter((s) => !wrongSentences.has(s.index) && (!input.firstPerson || !s.otherActor)), c.concept.id, distinctive);
    if (rel) c.evidence = rel;
  });
  return { sentences, concepts, misconceptions, estimates, topicCosine, relevance: relevanceFactor(topicCosine) };
}

const PROCESS_VERBS = new Set([
  "send", "update", "inform", "escalate", "align", "facilitate", "coordinate", "meet", "attend", "ask", "tell", "keep", "wait", "agree", "discuss",
  "present", "share", "schedule", "organize", "organise", "communicate", "sync", "loop", "feel", "think", "believe", "hope", "want", "know", "be",
  "have", "go", "get", "mention", "remind", "join", "help", "support", "delegate", "assume", "set", "push", "involve", "document",
  "insist", "hold", "follow", "bring",
]);

/** "I profiled", "I wrote", "I decided": first-person actions that are not meetings or messages. */
export function ownedActions(sentences: Sentence[]): Sentence[] {
  return sentences.filter((s) => {
    if (s.copied || s.source !== "answer" || s.fragment) return false;
    // Shorthand with the subject left out: "Profiled 50 steps ...", "Ran both layouts ...".
    const first = s.tokens[0];
    if (first && first.pos === "VERB" && first.norm !== first.lemma && /ed$|^ran$|^wrote$|^took$|^built$|^made$/.test(first.norm) && !PROCESS_VERBS.has(first.lemma)) return true;
    for (let i = 0; i < s.tokens.length - 1; i++) {
      if (s.tokens[i].text !== "I") continue;
      for (let k = i + 1; k < Math.min(s.tokens.length, i + 4); k++) {
        const t = s.tokens[k];
        if (t.pos === "VERB" && !PROCESS_VERBS.has(t.lemma)) return true;
        if (t.pos === "VERB" || t.pos === "NOUN") break;
      }
    }
    return false;
  });
}

function statusLabel(e: ConceptEvidence): string {
  return e.status === "mechanism" ? "with mechanism" : e.status;
}

export function scoreProse(input: ProseInput): Grade & { analysis: ProseAnalysis } {
  const analysis = analyzeProse(input);
  const { sentences } = analysis;
  const w = { ...input.weights };
  if (!input.estimates.length) {
    w.concepts += w.estimates;
    w.estimates = 0;
  }
  const items: RubricItem[] = [];
  const own = sentences.filter((s) => !s.copied && s.source === "answer");
  const ownWords = own.reduce((a, s) => a + s.words, 0);

  // 1. Concepts
  const totalWeight = input.concepts.reduce((a, c) => a + c.weight, 0) || 1;
  const coreWeight = Math.max(0, ...input.concepts.map((c) => c.weight));
  for (const { concept, evidence } of analysis.concepts) {
    const max = (w.concepts * concept.weight) / totalWeight;
    items.push({
      id: `concept:${concept.id}`,
      label: concept.label,
      points: max * evidence.credit,
      maxPoints: max,
      hit: evidence.credit >= 0.5,
      evidence: evidence.quote,
      note: evidence.reason,
      kind: "concept",
      status: evidence.status,
    });
  }
  const coreShown = analysis.concepts.some(({ concept, evidence }) => concept.weight === coreWeight && evidence.credit >= 0.5);

  // 2. Key estimates
  if (w.estimates > 0) {
    const totalE = input.estimates.reduce((a, e) => a + e.weight, 0) || 1;
    for (const { estimate, check } of analysis.estimates) {
      const max = (w.estimates * estimate.weight) / totalE;
      const note =
        check.status === "absent"
          ? `no figure for it; expected ${check.expected}`
          : check.status === "within"
            ? `${check.given}: within tolerance of ${check.expected}`
            : check.status === "near"
              ? `${check.given}: ${check.miss}, within twice the tolerance (half credit); expected ${check.expected}`
              : `${check.given}: ${check.miss}; expected ${check.expected}`;
      items.push({
        id: `estimate:${estimate.id}`,
        label: estimate.quantity,
        points: max * check.credit,
        maxPoints: max,
        hit: check.credit === 1,
        evidence: check.quote,
        note,
        kind: "estimate",
        status: check.status,
        given: check.given ?? undefined,
        expected: check.expected,
        derivation: check.derivation || undefined,
      });
    }
  }

  // 3. Figures that carry reasoning: numbers with units in the candidate's own clauses (not list
  // fragments), scaled by how on-topic the answer is.
  // Relevance: the answer's wording against the scenario's (BM25), or the share of the rubric it shows,
  // whichever is higher, so a story or design in plain words that shows the concepts is never off topic.
  // One stray rubric word ("a gate at the stairs") is not a topic: the rubric share counts from two concepts shown.
  const conceptShare = analysis.concepts.reduce((a, c) => a + c.concept.weight * c.evidence.credit, 0) / totalWeight;
  // Counted in distinct sentences: one sentence with a figure that two broad concepts both accept
  // ("latency crept from 40 ms to 180 ms" as numbers and as outcome) is not a topic.
  const conceptsShown = new Set(analysis.concepts.filter((c) => c.evidence.credit >= 0.5).map((c) => c.evidence.sentence ?? c.concept.id)).size;
  // Without a core concept the rubric share vouches for half as much: an answer to a neighbouring
  // question shares the side concepts (sizing, profiling) but not the core the question is about.
  const R = Math.max(analysis.relevance, conceptsShown >= 2 ? Math.min(1, conceptShare / 0.4) * (coreShown ? 1 : 0.5) : 0);
  const rNote = R < 1 ? `; scaled by ${Math.round(R * 100)}% because the answer is ${R === 0 ? "off" : "partly off"} the question's topic (similarity ${analysis.topicCosine.toFixed(2)})` : "";
  const figureTexts = new Set<string>();
  let decorative = 0;
  for (const s of own) {
    const figs = s.signals.filter((x) => x.kind === "figure");
    if (!figs.length) continue;
    if (s.fragment) {
      decorative += figs.length;
      continue;
    }
    for (const f of figs) figureTexts.add(f.text.toLowerCase());
  }
  const figShare = Math.min(figureTexts.size, input.figureTarget) / input.figureTarget;
  items.push({
    id: "figures",
    label: `Figures that carry the reasoning (numbers with units in full sentences, ${input.figureTarget} expected)`,
    points: w.figures * figShare * R,
    maxPoints: w.figures,
    hit: figureTexts.size >= input.figureTarget && R >= 1,
    evidence: figureTexts.size ? [...figureTexts].slice(0, 8).join(", ") : null,
    note: `${figureTexts.size} figure(s) in full sentences` + (decorative ? `; ${decorative} in bare list items or fragments earn nothing` : "") + (figureTexts.size ? rNote : ""),
    kind: "figures",
  });

  // 4. Structure: each part holds enough of the candidate's own, on-topic words.
  for (const p of input.parts) {
    const mine = own.filter((s) => s.part === p.id);
    const words = mine.reduce((a, s) => a + s.words, 0);
    const share = Math.min(1, words / p.minWords);
    const max = w.structure / input.parts.length;
    const copiedWords = sentences.filter((s) => s.copied && s.part === p.id).reduce((a, s) => a + s.words, 0);
    items.push({
      id: `structure:${p.id}`,
      label: `${p.label} is answered`,
      points: max * share * R,
      maxPoints: max,
      hit: share >= 1 && R >= 1,
      evidence: mine.length ? mine[0].text.slice(0, 120) + (mine[0].text.length > 120 ? "…" : "") : null,
      note: `${words} words of your own (${p.minWords} expected)` + (copiedWords ? `; ${copiedWords} copied from the question earn nothing` : "") + (words ? rNote : ""),
      kind: "structure",
    });
  }

  // 5. Ownership (behavioral): first-person actions that are not meetings or messages.
  if (w.ownership > 0) {
    const acts = ownedActions(sentences);
    const share = Math.min(1, acts.length / 3);
    items.push({
      id: "ownership",
      label: 'First-person ownership ("I measured", "I wrote", "I decided"; 3 expected)',
      points: w.ownership * share * R,
      maxPoints: w.ownership,
      hit: share >= 1,
      evidence: acts.length ? acts[0].text : null,
      note: acts.length ? `${acts.length} sentence(s) where you act on the problem yourself` : "no sentence where you act on the problem yourself (meetings, updates and escalations do not count)",
      kind: "ownership",
    });
  }

  // 6. Misconceptions: a cost, a correction, and a cap when severe.
  // A concept the rubric expects that the answer denies or dismisses, and shows nowhere else ("paged
  // attention is not needed here", "I didn't ask her to restate it"), is a wrong claim too: severe for a
  // behavioral story (the opposite of the value asked for) and for a design's core concept, minor otherwise.
  const denied: MisconceptionHit[] = analysis.concepts
    // A concept that is itself about an absence ("a native call that does not release the GIL") is not denied by a negation.
    .filter(({ concept }) => !/\b(not|no|never|without|n't|cannot)\b/i.test([concept.label, ...concept.synonyms].join(" ")))
    .filter(({ evidence }) => (evidence.status === "negated" || evidence.status === "dismissed") && evidence.sentence != null && !sentences[evidence.sentence]?.copied)
    .map(({ concept, evidence }) => ({
      id: `denied:${concept.id}`,
      claim: `${evidence.status === "negated" ? "Says it is not done" : "Dismisses it as unnecessary"}: ${concept.label}`,
      severity: input.kind === "behavioral" && sentences[evidence.sentence!]?.firstPerson ? "severe" : "minor",
      quote: evidence.quote ?? "",
      sentence: evidence.sentence!,
      sentences: [evidence.sentence!],
      correction: concept.probe ? `A strong answer shows it: ${concept.label}. ${concept.probe}` : `A strong answer shows it, with how and how much: ${concept.label}.`,
    }));
  const wrongClaims = [...analysis.misconceptions, ...denied];
  // Each wrong claim costs its points until the budget (12) is spent; the rest still show, at 0.
  let misLeft = MAX_MISCONCEPTION_LOSS;
  // One sentence is one wrong claim, however many patterns find it (a scenario's own "blame-others" and
  // the built-in "blame" often quote the same sentence): only the first costs.
  const charged = new Set<number>();
  for (const m of wrongClaims) {
    const repeat = charged.has(m.sentence);
    charged.add(m.sentence);
    const cost = repeat ? 0 : m.severity === "severe" ? 8 : 4;
    const take = Math.min(cost, misLeft);
    misLeft -= take;
    items.push({
      id: `misconception:${m.id}`,
      label: `Wrong claim: ${m.claim}`,
      points: -take,
      maxPoints: 0,
      hit: false,
      evidence: m.quote,
      note:
        `${m.severity === "severe" ? `severe (caps the round at ${CAP_SEVERE}, No)` : "minor"}: ${take ? `-${take} points` : "no further points"}` +
        (repeat ? " (the same sentence as a wrong claim above)" : take < cost ? ` (wrong claims cost ${MAX_MISCONCEPTION_LOSS} points at most in all)` : ""),
      kind: "misconception",
      status: m.severity,
      correction: m.correction,
    });
  }

  if (input.penalties) {
    const { label, phrases, pointsEach, maxPoints } = input.penalties;
    const lower = own.map((s) => s.text.toLowerCase());
    const hits = phrases.filter((ph) => lower.some((t) => new RegExp(`(?<![\\p{L}])${ph.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}s?(?![\\p{L}])`, "u").test(t)));
    const lost = Math.min(maxPoints, hits.length * pointsEach);
    items.push({
      id: "penalty:process-words",
      label,
      points: -lost,
      maxPoints: 0,
      hit: hits.length === 0,
      evidence: hits.length ? hits.map((h) => `"${h}"`).join(", ") : null,
      note: hits.length ? `-${lost} points: process words standing in for a mechanism` : "none used",
      kind: "penalty",
    });
  }

  let raw = items.reduce((a, i) => a + i.points, 0);
  const caps: { id: string; label: string; note: string }[] = [];
  const fragmentWords = own.filter((s) => s.fragment).reduce((a, s) => a + s.words, 0);
  if (ownWords > 0 && fragmentWords / ownWords > 0.5) {
    caps.push({ id: "cap:fragments", label: "Mostly fragments: capped at No", note: `${Math.round((fragmentWords / ownWords) * 100)}% of your words are in bare list items or fragments; a committee cannot see your reasoning` });
  }
  const vague = vagueness(own);
  if (vague.vague) {
    caps.push({
      id: "cap:vague",
      label: "Generalities instead of specifics: capped at No",
      note: `${vague.generalities} hedges or generalities (${vague.examples.map((e) => `"${e}"`).join(", ")}) and ${vague.figures} figure(s) in ${vague.words} words; say what you measured and changed, in numbers`,
    });
  }
  const severe = wrongClaims.filter((m) => m.severity === "severe");
  if (severe.length) caps.push({ id: "cap:misconception", label: `A severe wrong claim: capped at ${CAP_SEVERE} (No)`, note: severe.map((m) => m.claim).join("; ") });
  if (input.concepts.length && !coreShown && ownWords > 0) {
    const core = input.concepts.filter((c) => c.weight === coreWeight).map((c) => c.label);
    caps.push({ id: "cap:core", label: "No core mechanism shown: capped at No", note: `none of the heaviest concepts (${core.join("; ")}) appears with at least half credit` });
  }
  const wrongSentences = new Set(wrongClaims.flatMap((m) => m.sentences ?? [m.sentence])).size;
  const capAt = severe.length && wrongSentences >= 2 ? CAP_STRONG_NO : severe.length ? CAP_SEVERE : CAP_NO;
  if (capAt === CAP_SEVERE) caps.sort((a, b) => Number(b.id === "cap:misconception") - Number(a.id === "cap:misconception"));
  if (capAt === CAP_STRONG_NO) caps.unshift({ id: "cap:misconceptions", label: "Built on wrong claims: capped at Strong No", note: `${wrongSentences} sentences with wrong claims, ${severe.length} severe` });
  if (caps.length && raw > capAt) {
    const cut = raw - capAt;
    items.push({ id: caps[0].id, label: caps[0].label, points: -cut, maxPoints: 0, hit: false, evidence: null, note: caps.map((c) => c.note).join(" | "), kind: "cap" });
    raw = capAt;
  } else {
    for (const c of caps) items.push({ id: c.id, label: c.label, points: 0, maxPoints: 0, hit: false, evidence: null, note: c.note, kind: "cap" });
  }

  // 7. Substance floor (see FLOOR_MAX): the answer's own reasoning, counted without the rubric's words.
  const mechSentences = own.filter((s) => !s.fragment && s.signals.some((g) => g.kind !== "derivation")).length;
  // A minor denial ("no activation checkpointing is needed") may be a defensible trade-off: it costs its
  // points but does not block the floor; a scenario's wrong claim or a severe denial does.
  const blocked = analysis.misconceptions.length > 0 || denied.some((d) => d.severity === "severe") || caps.some((c) => c.id === "cap:fragments" || c.id === "cap:vague");
  // A design answer must also engage the question's own quantities (a key estimate within or near
  // tolerance) or be fully on topic (cosine at least ON_TOPIC_AT): an essay on a neighbouring system shares
  // the domain's words and figures, not the question's numbers. A story (behavioral) has no key estimates
  // and shares little wording with the model story, so the cosine gate alone applies.
  const engaged =
    input.kind === "behavioral" ||
    analysis.topicCosine >= ON_TOPIC_AT ||
    analysis.estimates.some((e) => e.check.status === "within" || e.check.status === "near");
  const floor =
    blocked || !engaged
      ? 0
      : FLOOR_MAX * ramp(analysis.topicCosine, FLOOR_COSINE) * ramp(mechSentences, FLOOR_MECHANISM[input.kind]) * ramp(figureTexts.size, FLOOR_FIGURES[input.kind]);
  if (floor > raw) {
    items.push({
      id: "floor:substance",
      label: "Substance in your own words (reasoning sentences and figures, no wrong claim)",
      points: floor - raw,
      maxPoints: 0,
      hit: true,
      evidence: null,
      note: `${mechSentences} sentence(s) with a causal link, figure or comparison (${FLOOR_MECHANISM[input.kind][1]} expected) and ${figureTexts.size} figure(s) (${FLOOR_FIGURES[input.kind][1]} expected), on topic (similarity ${analysis.topicCosine.toFixed(2)}): the score is at least ${round1(floor)} even where the rubric's terms are not used`,
      kind: "cap",
    });
    raw = floor;
  }

  const score = round1(Math.max(0, Math.min(100, raw)));
  for (const i of items) (i.points = round1(i.points)), (i.maxPoints = round1(i.maxPoints));
  const shown = analysis.concepts.filter((c) => c.evidence.credit >= 0.5).length;
  const mech = analysis.concepts.filter((c) => c.evidence.status === "mechanism").length;
  const within = analysis.estimates.filter((e) => e.check.status === "within").length;
  const summary =
    ownWords === 0
      ? sentences.length
        ? "Nothing of your own: every sentence is copied from the question."
        : "Empty answer."
      : [
          `${shown}/${input.concepts.length} concepts shown (${mech} with a mechanism)`,
          input.estimates.length ? `${within}/${input.estimates.length} key estimates within tolerance` : null,
          wrongClaims.length ? `${wrongClaims.length} wrong claim(s)` : null,
          caps.length ? caps.map((c) => c.label.split(":")[0].toLowerCase()).join(", ") : null,
        ]
          .filter(Boolean)
          .join(", ") + ".";
  void statusLabel;
  return { kind: input.kind, score, decision: decisionForScore(score), items, summary, analysis };
}

/** Scales a grade's items so the main answer keeps `share` of 100 (follow-ups take the rest). */
export function scaleItems(items: RubricItem[], factor: number): RubricItem[] {
  return items.map((i) => ({ ...i, points: round1(i.points * factor), maxPoints: round1(i.maxPoints * factor) }));
}
