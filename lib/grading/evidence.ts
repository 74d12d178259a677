import { compilePhrase, parsePattern, patternSpans, termSpans, type Pattern, type Span, type Term } from "./match";
import { phraseTokens as phraseTokensOf, type Token } from "./nlp";
import { withFamilies } from "./paraphrase";
import { buildSentences, copySourceIndex, type Sentence, type TextPart } from "./sentences";

/**
 * Sentence-level evidence for a concept: the candidate's own claim, with how much it shows.
 *
 * A concept is found by its phrases or proximity patterns (lib/grading/match.ts). A match earns nothing
 * when the sentence is copied from the question, negates the concept ("we do not need a canary"),
 * dismisses it ("shadow traffic is skipped", "X is not important", "X is overkill") or attributes it to
 * someone else ("they said the root cause was a race"). Otherwise it earns:
 *   1     when the sentence, or the next one in the same paragraph, says how, why or how much
 *         (a causal link, a figure with a unit, a comparison, a derivation);
 *   1/2   when it is named in a full sentence without that;
 *   1/3   when it is a bare list item or a fragment (or a box label in the diagram);
 *   1/3   in a behavioral story when someone else did it and "I" appears nowhere in the sentence.
 * The best sentence wins; its quote and the reason are the debrief's evidence.
 */
export type EvidenceStatus =
  | "mechanism"
  | "named"
  | "fragment"
  | "someone-else"
  | "negated"
  | "dismissed"
  | "attributed"
  | "copied"
  | "omitted"
  | "related"
  | "absent";

export type ConceptEvidence = {
  id: string;
  /** 0..1 */
  credit: number;
  status: EvidenceStatus;
  /** The sentence as written, prefixed "diagram: " or "follow-up: " when it came from there. */
  quote: string | null;
  /** Why it counted or why not, in words a candidate reads. */
  reason: string;
  sentence: number | null;
  /** What matched: the phrase or the pattern. */
  matched: string | null;
  /** The text part (section, STAR part, follow-up id, "diagram") the sentence came from. */
  part?: string | null;
};

export type EvidenceConcept = { id: string; label?: string; synonyms?: string[]; patterns?: string[]; families?: string[] };

export type CompiledConcept = { id: string; label: string; terms: Term[]; patterns: Pattern[] };

export const CREDIT = { mechanism: 1, named: 0.5, fragment: 1 / 3, someoneElse: 1 / 3 } as const;

const compiledCache = new WeakMap<object, CompiledConcept>();

export function compileConcept(c: EvidenceConcept): CompiledConcept {
  const hit = compiledCache.get(c);
  if (hit) return hit;
  const all = withFamilies(c);
  const out: CompiledConcept = {
    id: c.id,
    label: c.label ?? c.id,
    terms: all.synonyms.map(compilePhrase).filter((t) => t.alts.length),
    patterns: all.patterns.map(parsePattern),
  };
  compiledCache.set(c, out);
  return out;
}

const NEGATORS = new Set(["not", "no", "never", "without", "nor", "neither", "none", "nothing", "cannot", "nobody"]);
const NOT_NEGATING_AFTER_NO = new Set(["more", "less", "fewer", "later", "earlier", "longer", "worse", "better", "sooner", "bigger", "larger", "than"]);
const DISMISS_VERBS = new Set(["skip", "ignore", "omit", "forgo", "disable", "abandon", "postpone", "defer", "neglect", "drop", "bypass", "sacrifice", "deprioritize", "deprioritise"]);
const EVALUATIVE = new Set(["model", "modelled", "modeled", "include", "included", "consider", "considered", "account", "capture", "captured", "need", "needed", "necessary", "important", "require", "required", "relevant", "useful", "worth", "matter", "help", "helpful", "essential", "critical", "care", "bother", "concern", "issue", "problem", "priority", "use", "apply", "work"]);
const DISMISSIVE = new Set(["unnecessary", "overkill", "pointless", "irrelevant", "optional", "useless", "unimportant", "wasteful", "needless", "superfluous", "overrated", "premature", "overengineering", "over-engineering", "unneeded"]);
const REPORTING = new Set(["say", "claim", "suggest", "argue", "tell", "insist", "recommend", "propose", "believe", "think", "feel", "mention", "want", "assume", "reckon", "blame"]);
const THIRD_PARTY = new Set(["they", "he", "she", "someone", "somebody", "people", "others", "everyone", "team", "colleague", "manager", "lead", "vendor", "finance", "leadership", "management", "customer", "engineer", "researcher", "staff", "director", "boss", "senior", "committee", "folks"]);
const CLAUSE_BREAK = new Set([",", ";", ":", "—", "–", "(", ")", "because", "but", "so", "which", "while", "whereas", "although", "though", "since", "then", "therefore", "thus", "hence", "however"]);

/** Token index ranges of clauses: split at punctuation and connectives. */
function clauseOf(tokens: Token[], at: number): Span {
  let start = at;
  while (start > 0 && !CLAUSE_BREAK.has(tokens[start - 1].norm)) start--;
  let end = at;
  while (end < tokens.length && !CLAUSE_BREAK.has(tokens[end].norm)) end++;
  return { start, end };
}

function negatorIndices(tokens: Token[]): number[] {
  const out: number[] = [];
  tokens.forEach((t, i) => {
    if (!NEGATORS.has(t.norm)) return;
    if (t.norm === "no" && NOT_NEGATING_AFTER_NO.has(tokens[i + 1]?.norm ?? "")) return;
    if (t.norm === "not" && ["only", "just", "merely"].includes(tokens[i + 1]?.norm ?? "")) return;
    // "Without paging, memory fragments": a counterfactual that explains the concept, not a refusal.
    if (t.norm === "without" && i === 0) return;
    out.push(i);
  });
  return out;
}

const CONTRAST = new Set(["but", "however", "yet"]);
const CONCESSIVE = new Set(["although", "though", "while", "whilst"]);
/** Words that, right after a negator, refuse the work: "not worth", "don't have time", "won't build". */
const REFUSED = new Set(["worth", "time", "bother", "build", "do", "implement", "afford", "need", "needed", "necessary", "use", "add", "keep", "invest", "spend", "matter", "justify", "pay"]);

/** The clause that answers a concession around the match, or null. */
function contrastClause(tokens: Token[], span: Span, clause: Span): Span | null {
  // "X ..., but <rest>": the first contrast word after the match, in the same sentence.
  for (let i = span.end; i < tokens.length; i++) {
    const n = tokens[i].norm;
    if (CONTRAST.has(n)) {
      let end = i + 1;
      while (end < tokens.length && ![";", ".", "because", "since", "although", "though"].includes(tokens[end].norm)) end++;
      return { start: i + 1, end };
    }
    if ([";", "."].includes(n) || ["because", "since"].includes(n)) break;
  }
  // "Although X ..., <rest>": a concessive clause opening the sentence, the main clause after the comma.
  const head = tokens.slice(0, span.start).findIndex((t) => CONCESSIVE.has(t.norm));
  if (head >= 0 && head <= 1) {
    const comma = tokens.findIndex((t, k) => k >= clause.end && t.norm === ",");
    if (comma >= 0) {
      let end = comma + 1;
      while (end < tokens.length && ![";", ".", "because", "since"].includes(tokens[end].norm)) end++;
      return { start: comma + 1, end };
    }
  }
  return null;
}

/** "X is handled elsewhere, so the pipeline doesn't need it": a later clause refuses "it" / "them". */
function refusedLater(tokens: Token[], span: Span): boolean {
  const negs = negatorIndices(tokens).filter((n) => n >= span.end);
  for (const n of negs) {
    for (let k = n + 1; k < Math.min(tokens.length, n + 3); k++) {
      if (!REFUSED.has(tokens[k].norm) && !REFUSED.has(tokens[k].lemma)) continue;
      const obj = tokens[k + 1]?.norm ?? "";
      if (["it", "them", "this", "that", "one"].includes(obj)) return true;
    }
  }
  return false;
}

/** Does this clause refuse or skip what the concession named? */
function clauseDismisses(tokens: Token[], c: Span): boolean {
  const negs = new Set(negatorIndices(tokens));
  for (let i = c.start; i < c.end; i++) {
    const t = tokens[i];
    if (DISMISSIVE.has(t.norm) || DISMISSIVE.has(t.lemma)) return true;
    if ((DISMISS_VERBS.has(t.lemma) || DISMISS_VERBS.has(t.norm)) && t.pos === "VERB" && ![...negs].some((n) => n >= c.start && n < i)) return true;
    if (negs.has(i)) {
      for (let k = i + 1; k < Math.min(c.end, i + 4); k++) if (REFUSED.has(tokens[k].norm) || REFUSED.has(tokens[k].lemma)) return true;
    }
  }
  return false;
}

/** Why a match does not count as the candidate's claim, or null when it does. */
export function stanceOf(tokens: Token[], span: Span, own: Set<number> = new Set()): "negated" | "dismissed" | "attributed" | null {
  // `own`: tokens the pattern itself names ("drop + junk", "nothing + leaks"), which are the claim, not a refusal of it.
  const negs = negatorIndices(tokens).filter((n) => !own.has(n));
  const clause = clauseOf(tokens, span.start);
  // Negation: a negator earlier in the same clause, or wink's negation scope over the match.
  for (const n of negs) {
    if (n < span.start && n >= clause.start) return "negated";
  }
  for (let i = span.start; i < span.end; i++) {
    if (tokens[i].neg && negs.some((n) => n < i && clauseOf(tokens, n).start === clause.start)) return "negated";
  }
  // Negated evaluation after the concept: "utilisation is not important", "X doesn't matter".
  for (let i = span.end; i < clause.end; i++) {
    const t = tokens[i];
    if (EVALUATIVE.has(t.norm) || EVALUATIVE.has(t.lemma)) {
      if (negs.some((n) => n >= span.end && n < i && n >= clause.start)) return "dismissed";
    }
  }
  // Dismissive words anywhere in the clause: "prefix caching is overkill here".
  for (let i = clause.start; i < clause.end; i++) {
    if ((i >= span.start && i < span.end) || own.has(i)) continue;
    const t = tokens[i];
    if (DISMISSIVE.has(t.norm) || DISMISSIVE.has(t.lemma)) return "dismissed";
    if (t.norm === "out" && tokens[i + 1]?.norm === "of" && tokens[i + 2]?.norm === "scope") return "dismissed";
    if (t.norm === "waste" && i > 0 && ["a", "of"].includes(tokens[i - 1].norm)) return "dismissed";
  }
  // Dismissing verbs: passive "X is skipped" (the concept before), active "we skip X" (right after).
  for (let i = clause.start; i < clause.end; i++) {
    if ((i >= span.start && i < span.end) || own.has(i)) continue;
    const t = tokens[i];
    const leaveOut = (t.lemma === "leave" || t.norm === "left") && tokens[i + 1]?.norm === "out";
    if (!DISMISS_VERBS.has(t.lemma) && !DISMISS_VERBS.has(t.norm) && !leaveOut) continue;
    const passive = i > 0 && ["be", "get"].includes(tokens[i - 1].lemma);
    if (passive && span.end <= i) return "dismissed";
    if (!passive && span.start > i && span.start - i <= 6) {
      // "we skip X", "we deliberately skip near-duplicate removal with X": the concept is in the object
      // phrase of the dismissing verb (no other verb or clause between them).
      const between = tokens.slice(leaveOut ? i + 2 : i + 1, span.start);
      if (between.every((b) => !["VERB", "AUX", "SCONJ", "PUNCT"].includes(b.pos) || b.norm === "-")) return "dismissed";
    }
    if (!passive && t.norm === "without" && span.start > i) return "dismissed";
  }
  // Contrastive dismissal: "X is nice, but we skip it", "X helps, but it is not worth it for us",
  // "Although X is useful, we don't have time to build it". The concession names the concept; the
  // clause after "but" (or the main clause after a fronted "although") takes it back.
  const rest = contrastClause(tokens, span, clause);
  if (rest && clauseDismisses(tokens, rest)) return "dismissed";
  if (refusedLater(tokens, span)) return "dismissed";
  // Attribution: a third party says/claims/suggests it, or "according to".
  for (let i = 0; i < span.start; i++) {
    const t = tokens[i];
    if (t.norm === "according" && tokens[i + 1]?.norm === "to") return "attributed";
    if (REPORTING.has(t.lemma) && (t.pos === "VERB" || t.pos === "AUX")) {
      const subject = tokens.slice(Math.max(0, i - 4), i);
      if (subject.some((s) => s.norm === "i" || s.text === "I" || s.norm === "we")) continue;
      if (subject.some((s) => THIRD_PARTY.has(s.norm) || THIRD_PARTY.has(s.lemma))) return "attributed";
    }
  }
  return null;
}

function findMatch(s: Sentence, c: CompiledConcept): { span: Span; matched: string; stance: ReturnType<typeof stanceOf> } | null {
  let fallback: { span: Span; matched: string; stance: ReturnType<typeof stanceOf> } | null = null;
  const consider = (span: Span, matched: string) => {
    const stance = stanceOf(s.tokens, span);
    if (!stance) return { span, matched, stance };
    fallback ??= { span, matched, stance };
    return null;
  };
  for (const t of c.terms) {
    for (const span of termSpans(s.tokens, t)) {
      const r = consider(span, t.source);
      if (r) return r;
    }
  }
  for (const p of c.patterns) {
    for (const choice of patternSpans(s.tokens, p)) {
      const start = Math.min(...choice.map((x) => x.start));
      const end = Math.max(...choice.map((x) => x.end));
      // A pattern is one claim: it is negated only when its own terms are.
      const own = new Set(choice.flatMap((x) => Array.from({ length: x.end - x.start }, (_, k) => x.start + k)));
      const stances = choice.map((x) => stanceOf(s.tokens, x, own));
      const stance = stances.find((x) => x) ?? null;
      if (!stance) return { span: { start, end }, matched: `pattern ${p.source}`, stance: null };
      fallback ??= { span: { start, end }, matched: `pattern ${p.source}`, stance };
    }
  }
  return fallback;
}

function describeSignals(s: Sentence): string {
  const kinds: Record<string, string[]> = {};
  for (const sig of s.signals) (kinds[sig.kind] ??= []).push(sig.text);
  const parts: string[] = [];
  if (kinds.figure) parts.push(`a figure (${[...new Set(kinds.figure)].slice(0, 2).join(", ")})`);
  if (kinds.derivation) parts.push("a derivation");
  if (kinds.causal) parts.push(`a causal link ("${kinds.causal[0]}")`);
  if (kinds.comparison) parts.push(`a comparison ("${kinds.comparison[0]}")`);
  return parts.slice(0, 2).join(" and ");
}

export function quoteOf(s: Sentence): string {
  const prefix = s.source === "diagram" ? "diagram: " : s.source === "followup" ? "follow-up: " : "";
  const t = s.text.length > 220 ? s.text.slice(0, 217) + "…" : s.text;
  return prefix + t;
}

export type EvidenceOptions = {
  /** A stated omission ("we ignore prefill", "no prefix caching assumed") counts as evidence (status "omitted"). */
  acceptOmissions?: boolean;
  /** Credit for an accepted omission (default 1). */
  omissionCredit?: number;
  /** Behavioral: someone else's action earns at most a third. */
  firstPersonOnly?: boolean;
};

/** Evidence for one concept over prepared sentences. */
export function conceptEvidence(sentences: Sentence[], concept: EvidenceConcept | CompiledConcept, options: EvidenceOptions = {}): ConceptEvidence {
  const c = "terms" in concept ? concept : compileConcept(concept);
  let best: ConceptEvidence | null = null;
  let firstMiss: ConceptEvidence | null = null;
  for (const s of sentences) {
    const m = findMatch(s, c);
    if (!m) continue;
    const base = { id: c.id, quote: quoteOf(s), sentence: s.index, matched: m.matched, part: s.part };
    if (s.copied) {
      firstMiss ??= { ...base, credit: 0, status: "copied", reason: "copied from the question, not your own words" };
      continue;
    }
    if (m.stance) {
      if (options.acceptOmissions && (m.stance === "negated" || m.stance === "dismissed")) {
        const ev: ConceptEvidence = { ...base, credit: options.omissionCredit ?? 1, status: "omitted", reason: "stated as left out, which is an explicit assumption" };
        if (!best || ev.credit > best.credit) best = ev;
        continue;
      }
      const reason =
        m.stance === "negated" ? "negated: the sentence says it is not done" : m.stance === "dismissed" ? "dismissed: the sentence skips it or calls it unnecessary" : "attributed to someone else, not your claim";
      firstMiss ??= { ...base, credit: 0, status: m.stance, reason };
      continue;
    }
    let ev: ConceptEvidence;
    const next = sentences[s.index + 1];
    const nextHelps = next && next.part === s.part && next.source === s.source && !next.fragment && !next.copied && next.signals.length > 0;
    if (options.firstPersonOnly && s.otherActor) {
      ev = { ...base, credit: CREDIT.someoneElse, status: "someone-else", reason: "done by someone else in your story: a third of the credit" };
    } else if (s.fragment) {
      ev = {
        ...base,
        credit: CREDIT.fragment,
        status: "fragment",
        reason: s.source === "diagram" ? "named in the diagram: a label, a third of the credit" : "named in a bare list item or fragment: a third of the credit",
      };
    } else if (s.signals.length) {
      ev = { ...base, credit: CREDIT.mechanism, status: "mechanism", reason: `mechanism: ${describeSignals(s)}` };
    } else if (nextHelps) {
      ev = { ...base, credit: CREDIT.mechanism, status: "mechanism", reason: `mechanism in the next sentence: ${describeSignals(next)}` };
    } else {
      ev = { ...base, credit: CREDIT.named, status: "named", reason: "named in a sentence, but without how, why or how much: half the credit" };
    }
    if (!best || ev.credit > best.credit) best = ev;
    if (best.credit === 1) break;
  }
  if (best) return best;
  if (firstMiss) return firstMiss;
  return { id: c.id, credit: 0, status: "absent", quote: null, reason: "absent: not in your answer", sentence: null, matched: null, part: null };
}

/**
 * Public entry point (BRIEF contract 4): concept evidence in free text, sentence by sentence.
 * `context` holds texts a sentence must not be copied from (the question, hints).
 *
 *   findEvidence("We ignore prefill because prompts are short.", [{ id: "prefill", synonyms: ["prefill"] }],
 *                { acceptOmissions: true })
 *   -> [{ id: "prefill", credit: 1, status: "omitted", quote: "We ignore prefill because prompts are short.", ... }]
 */
export function findEvidence(text: string | TextPart[], concepts: EvidenceConcept[], options: EvidenceOptions & { context?: string[] } = {}): ConceptEvidence[] {
  const parts = typeof text === "string" ? [{ id: "text", text }] : text;
  const sentences = buildSentences(parts, options.context?.length ? copySourceIndex(options.context) : undefined);
  return concepts.map((c) => conceptEvidence(sentences, c, options));
}

/**
 * The last resort against a cliff for answers in the candidate's own words: a concept no phrase or
 * pattern found still earns half credit in a full sentence with a mechanism that uses at least three
 * of the concept's distinctive words (from its label, phrases and patterns, not its probe, which often
 * names the alternatives; a word shared by
 * more than two concepts of the rubric is not distinctive).
 */
export const RELATED_MIN_WORDS = 3;

export function conceptVocabulary(c: EvidenceConcept & { probe?: string }): Set<string> {
  const text = [c.label ?? "", ...(c.synonyms ?? []), ...(c.patterns ?? []).map((p) => p.replace(/~\s*\d+|![^\s+]+|[+|>*]/g, " "))].join(". ");
  return new Set(
    phraseTokensOf(text)
      .filter((t) => t.type === "word" && !t.stop && t.norm.length > 1 && /\p{L}/u.test(t.norm))
      .map((t) => t.lemma.toLowerCase()),
  );
}

export function relatedWordsEvidence(sentences: Sentence[], conceptId: string, distinctive: Set<string>): ConceptEvidence | null {
  for (const s of sentences) {
    if (s.copied || s.fragment || !s.signals.length || s.source === "diagram") continue;
    if (s.tokens.some((t) => NEGATORS.has(t.norm))) continue;
    const words = new Set(s.tokens.filter((t) => t.type === "word" && !t.stop).map((t) => t.lemma.toLowerCase()));
    const hits = [...distinctive].filter((w) => words.has(w));
    if (hits.length >= RELATED_MIN_WORDS) {
      return { id: conceptId, credit: CREDIT.named, status: "related", quote: quoteOf(s), sentence: s.index, part: s.part, matched: hits.join(", "), reason: `described in related words (${hits.slice(0, 4).join(", ")}) with a mechanism, without the concept's own terms: half the credit` };
    }
  }
  return null;
}
