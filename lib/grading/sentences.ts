import { findFigures, type Figure } from "./figures";
import { joinTokens, sentenceTokens, type Token } from "./nlp";

/**
 * An answer as sentences, each with what the evidence rules need to know about it: where it came from,
 * whether it is a fragment or bare list item, copied from the question, which mechanism signals it
 * carries (causal link, figure with a unit, comparison, derivation), and who acts in it.
 */
export type SentenceSource = "answer" | "diagram" | "followup";

export type Signal = { kind: "causal" | "figure" | "comparison" | "derivation"; text: string };

export type Sentence = {
  index: number;
  text: string;
  tokens: Token[];
  source: SentenceSource;
  /** Section id, STAR part, follow-up id, or "diagram". */
  part: string;
  /** Paragraph or list item; "the next sentence" must be in the same part. */
  block: number;
  listItem: boolean;
  /** No clause (no verb with a subject), under 5 words, or a comma list of short items. */
  fragment: boolean;
  /** Mostly the scenario's own words (prompt, hints, follow-up questions). */
  copied: boolean;
  signals: Signal[];
  figures: Figure[];
  words: number;
  /** "I", "my", "me" appear. */
  firstPerson: boolean;
  /** The acting subject is someone else (they, the other team, my manager) and no "I" appears. */
  otherActor: boolean;
  /** Filled by relevance scoring: similarity to the scenario (0..1). */
  relevance: number;
};

export type TextPart = { id: string; text: string; source?: SentenceSource };

const LIST_MARK = /^\s*(?:[-*+•]|\d+[.)])\s+/;
const HEADING = /^\s{0,3}#{1,6}\s/;

/** Paragraphs and list items of Markdown-ish text, hard-wrapped lines joined. */
export function blocksOf(text: string): { text: string; listItem: boolean }[] {
  const out: { text: string; listItem: boolean }[] = [];
  let cur: { lines: string[]; listItem: boolean } | null = null;
  const flush = () => {
    if (cur && cur.lines.join(" ").trim()) out.push({ text: cur.lines.join(" ").replace(/\s+/g, " ").trim(), listItem: cur.listItem });
    cur = null;
  };
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/\t/g, " ");
    if (!line.trim() || /^\s*(```|~~~|---+\s*$|\|?\s*:?-{3,})/.test(line)) {
      flush();
      continue;
    }
    if (HEADING.test(line)) {
      flush();
      continue;
    }
    if (LIST_MARK.test(line)) {
      flush();
      cur = { lines: [line.replace(LIST_MARK, "")], listItem: true };
      continue;
    }
    if (/^\s*\|/.test(line)) {
      flush();
      const cells = line.split("|").map((c) => c.trim()).filter(Boolean);
      if (cells.length) out.push({ text: cells.join(", "), listItem: true });
      continue;
    }
    if (!cur) cur = { lines: [], listItem: false };
    cur.lines.push(line.trim());
  }
  flush();
  return out;
}

/**
 * Causal connectives (function words: their meaning does not depend on the part of speech) and causal
 * verbs (counted only as verbs, by lemma). Verbs that are also everyday nouns or other verbs need a
 * context: "lead" only in "leads to" ("I led the team" is not a cause), "result" only in "results in",
 * "drive" only in "drives up/down", "mean" only as a verb ("mean latency" is not "means").
 */
const CAUSAL_WORDS = new Set([
  "because", "therefore", "thus", "hence", "so", "since", "otherwise", "if", "when", "once", "until", "unless",
  "whenever", "whereas", "while", "each", "every", "per", "by", "via", "through", "after", "before", "then", "whether", "within", "instead",
]);
const CAUSAL_LEMMAS = new Set(["cause", "lead", "mean", "prevent", "ensure", "allow", "enable", "let", "result", "bound", "force", "stall", "block", "saturate", "dominate", "limit", "drive", "reduce", "increase", "cut", "halve", "double", "shift", "move"]);
/** Causal verbs that count only with this next word ("leads to", "results in", "drives up"). */
const CAUSAL_NEEDS_NEXT: Record<string, Set<string>> = {
  lead: new Set(["to"]),
  result: new Set(["in"]),
  drive: new Set(["up", "down"]),
  shift: new Set(["to", "from", "the", "load", "traffic", "work"]),
  move: new Set(["to", "from", "the", "load", "traffic", "work", "data", "it", "them"]),
  let: new Set(["us", "the", "it", "them", "each", "a", "every", "one"]),
};

/** A causal marker at token i, or false: the audit of connectives and verbs above. */
export function isCausalMarker(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const n = t.norm;
  const next = tokens[i + 1]?.norm ?? "";
  if (CAUSAL_WORDS.has(n)) {
    // "so" and "by" count only as connectives ("so the batch", "by caching"), not "so far" / "by 3 pm".
    if (n === "by") return /ing$/.test(next);
    if (n === "so" && ["far", "much", "many", "called"].includes(next)) return false;
    if (i === 0 && (n === "each" || n === "every" || n === "per")) return false;
    return true;
  }
  if (!CAUSAL_LEMMAS.has(t.lemma)) return false;
  const needs = CAUSAL_NEEDS_NEXT[t.lemma];
  // With its next word the verb reading is settled even where the tagger says NOUN ("results in").
  if (needs) return needs.has(next) && (t.pos === "VERB" || t.lemma === "lead" || t.lemma === "result");
  return t.pos === "VERB";
}

const COMPARISON_WORDS = new Set([
  "than", "versus", "vs", "vs.", "compared", "compare", "relative", "instead", "rather", "twice", "half", "double", "doubles", "halves", "triple",
  "faster", "slower", "larger", "smaller", "higher", "lower", "cheaper", "fewer", "less", "more", "better", "worse", "bigger", "longer", "shorter", "outweigh",
]);
const SUBJECT_POS = new Set(["NOUN", "PRON", "PROPN", "NUM", "X"]);
const OTHER_ACTORS = new Set(["they", "he", "she", "someone", "somebody", "people", "others", "everyone", "team", "colleague", "colleagues", "manager", "lead", "vendor", "finance", "leadership", "management", "committee", "engineer", "researcher", "staff", "director", "boss", "ops", "sre", "infra", "platform",
  // Roles in the organisation ("Our CFO asked ...", "the customer wanted ..."): the listener or the asker, not the candidate.
  "cfo", "ceo", "cto", "coo", "vp", "svp", "executive", "exec", "chief", "customer", "client", "pm", "counsel", "lawyer", "analyst", "scientist", "architect", "intern", "partner", "stakeholder"]);

function isWord(t: Token): boolean {
  return t.type === "word" || t.type === "number";
}

/** A clause needs a verb with something before it that can be its subject (or an auxiliary). */
function hasClause(tokens: Token[]): boolean {
  let sawSubject = false;
  for (const t of tokens) {
    if (t.pos === "AUX") return true;
    if (t.pos === "VERB" && sawSubject && !/ing$/.test(t.norm)) return true;
    if (SUBJECT_POS.has(t.pos)) sawSubject = true;
  }
  return false;
}

/** "alert, bisect, root cause, torn write, fsync": three or more comma items of at most 3 words (median). */
export function isCommaList(tokens: Token[]): boolean {
  const segs: number[] = [0];
  for (const t of tokens) {
    if (t.norm === "," || t.norm === ";" || t.norm === "/") segs.push(0);
    else if (isWord(t) && t.norm !== "and" && t.norm !== "or") segs[segs.length - 1]++;
  }
  const items = segs.filter((n) => n > 0);
  if (items.length < 3) return false;
  const sorted = [...items].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return median <= 3;
}

export function mechanismSignals(tokens: Token[], figures: Figure[]): Signal[] {
  const out: Signal[] = [];
  const nums = tokens.filter((t) => t.type === "number").length;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const n = t.norm;
    if (CAUSAL_WORDS.has(n) || CAUSAL_LEMMAS.has(t.lemma)) {
      if (isCausalMarker(tokens, i)) out.push({ kind: "causal", text: t.text });
      else if (COMPARISON_WORDS.has(n)) out.push({ kind: "comparison", text: t.text });
    } else if (COMPARISON_WORDS.has(n)) {
      out.push({ kind: "comparison", text: t.text });
    } else if ((n === "=" || n === "≈") && nums >= 2) {
      out.push({ kind: "derivation", text: joinTokens(tokens.slice(Math.max(0, i - 3), i + 3)) });
    }
  }
  for (const f of figures) if (f.base !== "count" || /\//.test(f.thing ?? "")) out.push({ kind: "figure", text: f.text });
  // Counts of things are figures too when they size something ("12 GPUs", "64 nodes"), not "3 teams".
  for (const f of figures) if (f.base === "count" && !/\//.test(f.thing ?? "") && f.value !== 1) out.push({ kind: "figure", text: f.text });
  return out;
}

function actorInfo(tokens: Token[]): { firstPerson: boolean; otherActor: boolean } {
  const firstPerson = tokens.some((t) => t.text === "I" || ["my", "me", "myself", "i"].includes(t.norm));
  if (firstPerson) return { firstPerson, otherActor: false };
  // Subject = tokens before the first verb or auxiliary.
  const v = tokens.findIndex((t) => t.pos === "VERB" || t.pos === "AUX");
  const subject = v > 0 ? tokens.slice(0, v) : [];
  const otherActor = subject.some((t) => OTHER_ACTORS.has(t.norm) || OTHER_ACTORS.has(t.lemma));
  return { firstPerson, otherActor };
}

function ngrams(tokens: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(" "));
  return out;
}

/**
 * Words for copy detection, normalised so a question pasted back in the first person still reads as
 * copied: "how did you prove you were right" and "how I proved I was right" share their trigrams
 * (persons, forms of "be", and regular endings folded together).
 */
const PERSON: Record<string, string> = { you: "i", we: "i", your: "my", our: "my", yours: "mine", ours: "mine", yourself: "myself", ourselves: "myself", me: "i", us: "i" };
const BE = new Set(["am", "is", "are", "was", "were", "be", "been", "'m", "'re"]);
/** Function words that a paste-back swaps freely ("a" for "the", "and" for "or"): left out of the trigrams. */
const GLUE = new Set(["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at", "by", "whether", "how", "what", "which", "that", "this", "it", "did", "do", "does", "tell", "about"]);

function foldWord(w: string): string {
  if (PERSON[w]) return PERSON[w];
  if (BE.has(w)) return "be";
  if (w.length > 5 && w.endsWith("ing")) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith("ed")) return w.slice(0, -2).replace(/e$/, "");
  if (w.length > 4 && w.endsWith("e")) return w.slice(0, -1);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1).replace(/e$/, "");
  return w;
}

function wordNorms(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[*_`#>]/g, " ")
    .split(/[^\p{L}\p{N}.%$']+/u)
    .map((w) => w.replace(/^[.']+|[.']+$/g, ""))
    .filter((w) => w && !GLUE.has(w))
    .map(foldWord);
}

/** The scenario's own text, as trigrams, to find sentences copied from it. */
export type CopyIndex = { tri: Set<string>; joined: string; share?: number };

/** `share`: the part of a sentence's trigrams that must come from the sources for it to count as copied. */
export function copySourceIndex(texts: string[], share = 0.5): CopyIndex {
  const tri = new Set<string>();
  const parts: string[] = [];
  for (const t of texts) {
    const w = wordNorms(t);
    parts.push(w.join(" "));
    for (const g of ngrams(w, 3)) tri.add(g);
  }
  return { tri, joined: ` ${parts.join(" | ")} `, share };
}

function isCopied(text: string, index: CopyIndex): boolean {
  const w = wordNorms(text);
  if (!w.length) return false;
  if (w.length < 6) return w.length >= 3 && index.joined.includes(` ${w.join(" ")} `);
  const grams = ngrams(w, 3);
  const hit = grams.filter((g) => index.tri.has(g)).length;
  return hit / grams.length >= (index.share ?? 0.5);
}

/** Splits answer parts into sentences with their evidence properties. */
export function buildSentences(parts: TextPart[], copyIndex?: CopyIndex): Sentence[] {
  const out: Sentence[] = [];
  let block = 0;
  for (const part of parts) {
    for (const b of blocksOf(part.text)) {
      block++;
      for (const tokens of sentenceTokens(b.text)) {
        const text = joinTokens(tokens);
        const words = tokens.filter(isWord).length;
        if (!words) continue;
        const figures = findFigures(tokens);
        const signals = mechanismSignals(tokens, figures);
        const derivation = signals.some((s) => s.kind === "derivation");
        const fragment = !derivation && (words < 5 || !hasClause(tokens) || isCommaList(tokens));
        out.push({
          index: out.length,
          text,
          tokens,
          source: part.source ?? "answer",
          part: part.id,
          block,
          listItem: b.listItem,
          fragment,
          copied: copyIndex ? isCopied(text, copyIndex) : false,
          signals,
          figures,
          words,
          ...actorInfo(tokens),
          relevance: 0,
        });
      }
    }
  }
  return out;
}
