import type { Misconception } from "@/lib/scenarios/schema";
import { parsePattern, patternSpans, type Pattern, type Span } from "./match";
import type { Token } from "./nlp";
import { buildSentences, type Sentence } from "./sentences";
import { quoteOf } from "./evidence";

/**
 * Common wrong claims, found by proximity patterns in the candidate's own sentences. A claim inside a
 * negation ("it is not true that the KV cache grows quadratically"), attributed to someone else
 * ("some people say ..."), or copied from the question is not the candidate's.
 */
export type MisconceptionHit = {
  id: string;
  claim: string;
  severity: "severe" | "minor";
  quote: string;
  sentence: number;
  correction: string;
  /** Every sentence that makes this claim (the quoted one first): a story told three times over is built on it. */
  sentences?: number[];
};

type Compilable = Pick<Misconception, "id" | "patterns">;
const compiled = new WeakMap<object, Pattern[]>();
function patternsOf(m: Compilable): Pattern[] {
  let p = compiled.get(m);
  if (!p) compiled.set(m, (p = m.patterns.map(parsePattern)));
  return p;
}

const NEGATORS = new Set(["not", "never", "no", "n't", "untrue", "false", "myth", "wrong"]);
const REPORTING = new Set(["say", "claim", "think", "believe", "argue", "suggest", "assume"]);
const OTHERS = new Set(["some", "people", "they", "others", "someone", "many", "colleague", "he", "she"]);

function deniedOrReported(tokens: Token[], span: Span): boolean {
  const before = tokens.slice(Math.max(0, span.start - 6), span.start);
  if (before.some((t) => ["untrue", "false", "myth", "wrong", "mistake"].includes(t.norm))) return true;
  if (before.some((t) => t.norm === "not") && before.some((t) => t.norm === "true" || t.lemma === "be")) {
    const i = before.findIndex((t) => t.norm === "not");
    if (before.slice(i).some((t) => t.norm === "true" || t.norm === "that")) return true;
  }
  for (let i = 0; i < span.start; i++) {
    if (REPORTING.has(tokens[i].lemma) && tokens.slice(Math.max(0, i - 3), i).some((t) => OTHERS.has(t.norm)) && !tokens.slice(0, i).some((t) => t.text === "I")) return true;
  }
  return false;
}

/** The misconception's first match in a sentence, or null. */
const DIRECT_NEG = new Set(["not", "no", "never", "nor", "without", "n't", "instead", "avoid", "avoids", "avoiding"]);

/** "memory bound, not compute bound": a term right after a negator is denied, not claimed. */
function termDenied(tokens: Token[], span: Span, covered: Set<number>): boolean {
  for (let k = span.start - 1; k >= Math.max(0, span.start - 2); k--) {
    // A negation the pattern itself names ("did not + validate") is part of the claim.
    if (DIRECT_NEG.has(tokens[k].norm) && !covered.has(k)) return true;
    if ([",", ";", "."].includes(tokens[k].norm)) break;
  }
  return false;
}

export function matchMisconception(s: { tokens: Token[] }, m: Compilable): Span | null {
  for (const p of patternsOf(m)) {
    for (const choice of patternSpans(s.tokens, p)) {
      const span = { start: Math.min(...choice.map((x) => x.start)), end: Math.max(...choice.map((x) => x.end)) };
      const covered = new Set(choice.flatMap((x) => Array.from({ length: x.end - x.start }, (_, k) => x.start + k)));
      if (choice.some((x) => termDenied(s.tokens, x, covered))) continue;
      if (!deniedOrReported(s.tokens, span)) return span;
    }
  }
  return null;
}

export function findMisconceptions(sentences: Sentence[], list: Misconception[], claimable: (s: Sentence, m: Misconception) => boolean = () => true): MisconceptionHit[] {
  const out: MisconceptionHit[] = [];
  const used = new Set<number>();
  for (const m of list) {
    // The first matching sentence not already quoted for another wrong claim (so overlapping patterns,
    // such as a scenario's "blame-others" and the built-in "blame", quote different sentences when the
    // answer has them), else the first matching one.
    const hits = sentences.filter((s) => !s.copied && claimable(s, m) && matchMisconception(s, m));
    const s = hits.find((h) => !used.has(h.index)) ?? hits[0];
    if (!s) continue;
    used.add(s.index);
    out.push({ id: m.id, claim: m.claim, severity: m.severity, quote: quoteOf(s), sentence: s.index, correction: m.correction, sentences: [s.index, ...hits.filter((h) => h !== s).map((h) => h.index)] });
  }
  return out;
}

/** Checks a misconception's own examples: each `match` sentence must be found, no `noMatch` one. */
export function misconceptionExampleErrors(m: Misconception): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  m.examples.match.forEach((ex, i) => {
    const hit = buildSentences([{ id: "x", text: ex }]).some((s) => matchMisconception(s, m));
    if (!hit) errors.push({ field: `examples.match[${i}]`, message: `no pattern finds "${ex}"; widen a pattern (more alternatives with |, a larger ~window) or fix the example` });
  });
  m.examples.noMatch.forEach((ex, i) => {
    const hit = buildSentences([{ id: "x", text: ex }]).some((s) => matchMisconception(s, m));
    if (hit) errors.push({ field: `examples.noMatch[${i}]`, message: `a pattern fires on the correct sentence "${ex}"; narrow it (add a term, a !exclusion or a smaller ~window)` });
  });
  return errors;
}
