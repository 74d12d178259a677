import winkNLP, { type WinkMethods } from "wink-nlp";
import model from "wink-eng-lite-web-model";

/**
 * The one place that talks to wink-nlp (English lite model, shipped inside the npm package, so it runs
 * offline). Everything else works on these plain tokens. Loading the model takes ~90 ms, once per process.
 */
export type Token = {
  /** As written. */
  text: string;
  /** Lower case, contractions expanded ("n't" -> "not"). */
  norm: string;
  /** "grows" -> "grow", "utilisation" -> "utilization". */
  lemma: string;
  /** Porter stem: "paged", "pages", "paging" -> "page". */
  stem: string;
  /** Universal POS tag: VERB, AUX, NOUN, NUM, PUNCT, ... */
  pos: string;
  /** Inside the scope of a negation ("we do not need a canary": need, a, canary). */
  neg: boolean;
  stop: boolean;
  /** "word", "number", "punctuation", "symbol", ... */
  type: string;
  /** Spaces before this token in the original text. */
  space: string;
};

let instance: WinkMethods | null = null;
function nlp(): WinkMethods {
  instance ??= winkNLP(model);
  return instance;
}

const cache = new Map<string, Token[][]>();

/** Sentences of a text block (no line breaks inside: callers split blocks first), as token lists. */
export function sentenceTokens(text: string): Token[][] {
  const hit = cache.get(text);
  if (hit) return hit;
  const n = nlp();
  const its = n.its;
  const doc = n.readDoc(text);
  const out: Token[][] = [];
  doc.sentences().each((s: { tokens(): ReturnType<typeof doc.tokens> }) => {
    const t = s.tokens();
    const text = t.out() as string[];
    const norm = t.out(its.normal as never) as string[];
    const lemma = t.out(its.lemma as never) as string[];
    const stem = t.out(its.stem as never) as string[];
    const pos = t.out(its.pos as never) as string[];
    const neg = t.out(its.negationFlag as never) as boolean[];
    const stop = t.out(its.stopWordFlag as never) as boolean[];
    const type = t.out(its.type as never) as string[];
    const space = t.out(its.precedingSpaces as never) as string[];
    const tokens: Token[] = [];
    for (let i = 0; i < text.length; i++) {
      if (type[i] === "tabCRLF") continue;
      tokens.push({ text: text[i], norm: norm[i], lemma: lemma[i], stem: stem[i], pos: pos[i], neg: !!neg[i], stop: !!stop[i], type: type[i], space: space[i] ?? "" });
    }
    if (tokens.length) out.push(tokens);
  });
  if (cache.size > 5000) cache.clear();
  cache.set(text, out);
  return out;
}

/** All tokens of a short text (a phrase, a pattern term), sentence boundaries ignored. */
export function phraseTokens(text: string): Token[] {
  return sentenceTokens(text).flat();
}

/** The text of a token run, spaced as written. */
export function joinTokens(tokens: Token[]): string {
  return tokens.map((t, i) => (i ? t.space : "") + t.text).join("").trim();
}
