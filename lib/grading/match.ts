import { phraseTokens, type Token } from "./nlp";

/**
 * Matching rubric phrases and proximity patterns against a sentence's tokens.
 *
 * - A phrase ("kv cache", "quantiz*") matches a run of tokens word by word, on the word as written,
 *   its lemma or its stem ("paged attention" finds "paging attention"; "kv cache" finds "KV-caches").
 *   A trailing `*` makes a word a prefix. Numbers match only themselves: "2%" never matches "0.2%".
 * - A pattern ("page*|block + fixed|same size + sequence|request|chat ~12 !linear") matches when every
 *   `+`-separated term (alternatives with `|`, each a phrase) occurs within a window of N words
 *   (default 12), and none of the `!` words appears in the sentence. That is how plain-language
 *   descriptions of a mechanism earn the concept without its textbook name.
 */
export type Span = { start: number; end: number };
type PTok = { norm: string; lemma: string; stem: string; prefix: boolean; number: boolean };
type Alt = PTok[];
export type Term = { alts: Alt[]; source: string };
export type Pattern = { terms: Term[]; not: Term[]; window: number; source: string; ordered: boolean };

const SKIP = new Set(["-", "–"]);
const cache = new Map<string, Alt>();

function compileAlt(text: string): Alt {
  const key = text.trim().toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  const words = key.split(/\s+/).filter(Boolean);
  const alt: Alt = [];
  for (const w of words) {
    const prefix = w.endsWith("*") && w.length > 1;
    const bare = prefix ? w.slice(0, -1) : w;
    for (const t of phraseTokens(bare)) {
      if (SKIP.has(t.norm)) continue;
      alt.push({ norm: t.norm, lemma: t.lemma, stem: t.stem, prefix: false, number: t.type === "number" || /^\d/.test(t.norm) });
    }
    if (prefix && alt.length) {
      alt[alt.length - 1] = { ...alt[alt.length - 1], norm: bare.replace(/^.*[\s-]/, ""), prefix: true };
    }
  }
  cache.set(key, alt);
  return alt;
}

export function compilePhrase(phrase: string): Term {
  return { alts: [compileAlt(phrase)].filter((a) => a.length), source: phrase };
}

export class PatternError extends Error {}

/** The syntax check of parsePattern without the NLP (cheap, for loading files). */
export function patternSyntaxError(src: string): string | null {
  let window = 12;
  const rest = src.replace(/~\s*(\d+)/g, (_, n) => ((window = Number(n)), " ")).replace(/!\s*([^\s+!~]+)/g, " ");
  const ordered = rest.includes(">") && !rest.includes("+");
  const terms = rest.split(ordered ? ">" : "+").map((t) => t.trim());
  if (!terms.some(Boolean)) return `pattern "${src}" has no term; write terms like "page*|block + fixed size"`;
  if (terms.some((t) => !t || t.split("|").some((a) => !a.replace(/\*/g, "").trim()))) return `pattern "${src}" has an empty term; write terms like "page*|block + fixed size"`;
  if (window < 2 || window > 40) return `pattern "${src}": the window ~N must be between 2 and 40 words`;
  return null;
}

/** Parses "a|b c + d* ~10 !e|f". Throws PatternError with the fix when malformed. */
export function parsePattern(src: string): Pattern {
  let window = 12;
  const not: Term[] = [];
  let rest = src.replace(/~\s*(\d+)/g, (_, n) => {
    window = Number(n);
    return " ";
  });
  rest = rest.replace(/!\s*([^\s+!~]+)/g, (_, alts: string) => {
    not.push({ alts: alts.split("|").map(compileAlt).filter((a) => a.length), source: alts });
    return " ";
  });
  // "a > b > c": the terms must appear in this order ("e4m3 > larger range" is not "larger range ... e4m3").
  const ordered = rest.includes(">") && !rest.includes("+");
  const terms = rest
    .split(ordered ? ">" : "+")
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => ({ alts: t.split("|").map((a) => compileAlt(a)).filter((a) => a.length), source: t }));
  if (terms.length < 1) throw new PatternError(`pattern "${src}" has no term; write terms like "page*|block + fixed size"`);
  if (terms.some((t) => t.alts.length === 0)) throw new PatternError(`pattern "${src}" has an empty term; write terms like "page*|block + fixed size"`);
  if (window < 2 || window > 40) throw new PatternError(`pattern "${src}": the window ~N must be between 2 and 40 words`);
  return { terms, not, window, source: src, ordered };
}

function tokEq(p: PTok, t: Token): boolean {
  const tn = t.norm.length > 1 ? t.norm.replace(/^[/#@]+/, "") : t.norm;
  if (p.prefix) return tn.startsWith(p.norm) || t.lemma.startsWith(p.norm);
  if (p.number) return tn === p.norm;
  if (tn === p.norm || t.lemma === p.lemma || t.lemma === p.norm || tn === p.lemma) return true;
  return p.stem.length >= 4 && t.type === "word" && t.stem === p.stem;
}

/** Every place an alternative of `term` matches, as token spans. */
export function termSpans(tokens: Token[], term: Term): Span[] {
  const out: Span[] = [];
  for (const alt of term.alts) {
    for (let i = 0; i < tokens.length; i++) {
      if (!tokEq(alt[0], tokens[i])) continue;
      let k = i + 1;
      let ok = true;
      for (let a = 1; a < alt.length; a++) {
        while (k < tokens.length && SKIP.has(tokens[k].norm)) k++;
        if (k >= tokens.length || !tokEq(alt[a], tokens[k])) {
          ok = false;
          break;
        }
        k++;
      }
      if (ok) out.push({ start: i, end: k });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Where a pattern matches: each term's span inside one window. Among the windows, the one whose
 * tokens are least negated wins (a sentence may negate one clause and affirm another).
 */
export function patternSpans(tokens: Token[], p: Pattern): Span[][] {
  if (p.not.some((n) => termSpans(tokens, n).length)) return [];
  const perTerm = p.terms.map((t) => termSpans(tokens, t));
  if (perTerm.some((s) => s.length === 0)) return [];
  const wordIndex: number[] = [];
  let w = 0;
  for (const t of tokens) {
    wordIndex.push(w);
    if (t.type === "word" || t.type === "number") w++;
  }
  const found: Span[][] = [];
  for (const anchor of perTerm.flat()) {
    const lo = wordIndex[anchor.start];
    const choice: Span[] = [];
    let after = anchor.start;
    if (p.ordered && !perTerm[0].includes(anchor)) continue;
    for (const spans of perTerm) {
      const s = spans.find((x) => wordIndex[x.start] >= lo && wordIndex[Math.max(x.start, x.end - 1)] - lo < p.window && (!p.ordered || x.start >= after));
      if (s && p.ordered) after = s.end;
      if (!s) break;
      choice.push(s);
    }
    if (choice.length === perTerm.length) found.push(choice);
  }
  return found;
}
