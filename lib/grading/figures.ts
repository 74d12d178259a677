import type { BaseUnit } from "@/lib/units";
import type { Token } from "./nlp";

/**
 * Numbers with units read from tokens, converted to the base units of lib/units, so "128 KiB",
 * "131,072 bytes" and "0.125 MiB" are the same figure and "0.2%" is never "2%" (a number is one token).
 */
export type Figure = {
  value: number;
  /** null for a count of things ("12 GPUs": base "count", thing "gpu"). */
  base: BaseUnit;
  /** What was counted, for counts: the lemma of the noun after the number. */
  thing?: string;
  text: string;
  start: number;
  end: number;
};

type UnitDef = { base: BaseUnit; factor: number };

const SIMPLE: Record<string, UnitDef> = {
  b: { base: "B", factor: 1 },
  byte: { base: "B", factor: 1 },
  bytes: { base: "B", factor: 1 },
  kb: { base: "B", factor: 1e3 },
  kib: { base: "B", factor: 1024 },
  mb: { base: "B", factor: 1e6 },
  mib: { base: "B", factor: 1024 ** 2 },
  gb: { base: "B", factor: 1e9 },
  gib: { base: "B", factor: 1024 ** 3 },
  tb: { base: "B", factor: 1e12 },
  tib: { base: "B", factor: 1024 ** 4 },
  pb: { base: "B", factor: 1e15 },
  ns: { base: "s", factor: 1e-9 },
  us: { base: "s", factor: 1e-6 },
  µs: { base: "s", factor: 1e-6 },
  ms: { base: "s", factor: 1e-3 },
  millisecond: { base: "s", factor: 1e-3 },
  milliseconds: { base: "s", factor: 1e-3 },
  s: { base: "s", factor: 1 },
  sec: { base: "s", factor: 1 },
  secs: { base: "s", factor: 1 },
  second: { base: "s", factor: 1 },
  seconds: { base: "s", factor: 1 },
  min: { base: "s", factor: 60 },
  mins: { base: "s", factor: 60 },
  minute: { base: "s", factor: 60 },
  minutes: { base: "s", factor: 60 },
  h: { base: "s", factor: 3600 },
  hr: { base: "s", factor: 3600 },
  hrs: { base: "s", factor: 3600 },
  hour: { base: "s", factor: 3600 },
  hours: { base: "s", factor: 3600 },
  day: { base: "s", factor: 86400 },
  days: { base: "s", factor: 86400 },
  week: { base: "s", factor: 604800 },
  weeks: { base: "s", factor: 604800 },
  month: { base: "s", factor: 2.628e6 },
  months: { base: "s", factor: 2.628e6 },
  year: { base: "s", factor: 3.156e7 },
  years: { base: "s", factor: 3.156e7 },
  flop: { base: "FLOP", factor: 1 },
  flops: { base: "FLOP", factor: 1 },
  gflop: { base: "FLOP", factor: 1e9 },
  tflop: { base: "FLOP", factor: 1e12 },
  pflop: { base: "FLOP", factor: 1e15 },
  gflops: { base: "FLOP/s", factor: 1e9 },
  tflops: { base: "FLOP/s", factor: 1e12 },
  pflops: { base: "FLOP/s", factor: 1e15 },
  usd: { base: "USD", factor: 1 },
  dollar: { base: "USD", factor: 1 },
  dollars: { base: "USD", factor: 1 },
  cent: { base: "USD", factor: 0.01 },
  cents: { base: "USD", factor: 0.01 },
  "%": { base: "fraction", factor: 0.01 },
  percent: { base: "fraction", factor: 0.01 },
  x: { base: "fraction", factor: 1 },
  "×": { base: "fraction", factor: 1 },
  w: { base: "W", factor: 1 },
  kw: { base: "W", factor: 1e3 },
  mw: { base: "W", factor: 1e6 },
  j: { base: "J", factor: 1 },
  kj: { base: "J", factor: 1e3 },
  kwh: { base: "J", factor: 3.6e6 },
};

const MULTIPLIER: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, mn: 1e6, bn: 1e9, billion: 1e9, t: 1e12, trillion: 1e12 };
const RATE_WORDS = new Set(["per", "a", "each", "every"]);
const TIME_FOR_RATE = new Set(["s", "sec", "second", "seconds", "s."]);
const COUNT_SKIP = new Set(["of", "the", "a", "an", "more", "extra", "additional", "concurrent", "active", "free", "spare", "idle", "busy", "new", "old", "average", "peak", "total"]);

/** "4,096" -> 4096, "1.60" -> 1.6, "1e6" -> 1e6; null when not a number. */
export function parseNumber(s: string): number | null {
  const t = s.replace(/,/g, "").replace(/^~/, "");
  if (!/^[-+]?(\d+(\.\d+)?|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

function norm(t: Token | undefined): string {
  return (t?.norm ?? "").replace(/\.$/, "");
}

/**
 * Figures in a sentence. A number counts when a unit follows it ("128 KiB", "45 tokens/s", "3x", "75%"),
 * a currency sign precedes it ("$2.5M"), or a plural noun follows it ("12 GPUs": a count of GPUs).
 */
export function findFigures(tokens: Token[]): Figure[] {
  const out: Figure[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let value = parseNumber(tokens[i].norm);
    if (value === null) continue;
    const start = tokens[i - 1]?.norm === "$" ? i - 1 : i;
    let j = i + 1;
    // 1e6 written as "1" "e6"
    if (/^e[-+]?\d+$/.test(norm(tokens[j])) && !tokens[j].space) {
      value *= 10 ** Number(norm(tokens[j]).slice(1));
      j++;
    }
    // Multiplier: "3.8M tokens", "46.7B parameters", "2.5 million"; a bare "B" is a byte unless a word follows.
    const m = norm(tokens[j]);
    if (m in MULTIPLIER && !(m === "m" && tokens[j + 1] === undefined && start === i)) {
      value *= MULTIPLIER[m];
      j++;
    } else if (m === "b" && tokens[j + 1] && /^[a-z]/.test(norm(tokens[j + 1])) && tokens[j + 1].type === "word") {
      value *= 1e9;
      j++;
    }
    if (start < i) {
      out.push({ value, base: "USD", text: tokensText(tokens, start, j), start, end: j });
      i = j - 1;
      continue;
    }
    const u = norm(tokens[j]);
    const def = SIMPLE[u];
    if (def) {
      let base = def.base;
      let factor = def.factor;
      let end = j + 1;
      // Rates: "GB/s", "tokens per second", "TFLOP/s"
      if ((tokens[end]?.norm === "/" || RATE_WORDS.has(norm(tokens[end]))) && TIME_FOR_RATE.has(norm(tokens[end + 1]))) {
        if (base === "B") base = "B/s";
        else if (base === "FLOP") base = "FLOP/s";
        end += 2;
      }
      // "GB" read as GB; "s" alone only right after the number ("40 s", not "40 requests")
      out.push({ value: value * factor, base, text: tokensText(tokens, i, end), start: i, end });
      i = end - 1;
      continue;
    }
    // tokens/s, requests/s, "tokens per second"
    if (tokens[j] && tokens[j].type === "word" && (tokens[j + 1]?.norm === "/" || RATE_WORDS.has(norm(tokens[j + 1]))) && TIME_FOR_RATE.has(norm(tokens[j + 2]))) {
      const thing = tokens[j].lemma;
      const base: BaseUnit = /^tok/.test(thing) ? "tokens/s" : "count";
      out.push({ value, base, thing: base === "count" ? `${thing}/s` : undefined, text: tokensText(tokens, i, j + 3), start: i, end: j + 3 });
      i = j + 2;
      continue;
    }
    // Counts: "12 GPUs", "2,000 concurrent conversations", "64 nodes"
    let k = j;
    while (k < tokens.length && k < j + 2 && COUNT_SKIP.has(norm(tokens[k]))) k++;
    const noun = tokens[k];
    if (noun && noun.type === "word" && (noun.pos === "NOUN" || noun.pos === "PROPN") && /^[a-z]/i.test(noun.text)) {
      out.push({ value, base: "count", thing: noun.lemma.toLowerCase(), text: tokensText(tokens, i, k + 1), start: i, end: k + 1 });
      i = k;
    }
  }
  return out;
}

function tokensText(tokens: Token[], from: number, to: number): string {
  return tokens
    .slice(from, to)
    .map((t, i) => (i ? t.space : "") + t.text)
    .join("")
    .replace(/\.$/, "");
}

/** Relative error, with a zero expected value treated as absolute. */
export function relativeError(given: number, expected: number): number {
  return expected === 0 ? Math.abs(given) : Math.abs(given - expected) / Math.abs(expected);
}
