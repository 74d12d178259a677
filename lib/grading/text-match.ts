/**
 * Phrase matching for rubric concepts: case-insensitive, whole words, a trailing plural allowed,
 * and spaces or hyphens interchangeable ("kv cache" finds "KV-cache" and "KV caches").
 */
export function phraseRegex(phrase: string): RegExp {
  const words = phrase
    .trim()
    .toLowerCase()
    .split(/[\s-]+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const body = words.join("[\\s-]+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:s|es)?(?![\\p{L}\\p{N}])`, "iu");
}

/** The sentence (or line) around a match, trimmed for display. */
export function quoteAround(text: string, index: number, length: number, max = 180): string {
  const before = text.slice(0, index);
  const after = text.slice(index + length);
  const startCandidates = [before.lastIndexOf(". "), before.lastIndexOf("\n"), before.lastIndexOf("? "), before.lastIndexOf("! ")];
  const start = Math.max(...startCandidates) + 1;
  const endRel = after.search(/[.!?](\s|$)|\n/);
  const end = endRel === -1 ? text.length : index + length + endRel + 1;
  let quote = text.slice(start, end).trim();
  if (quote.length > max) {
    const center = index - start;
    const from = Math.max(0, center - Math.floor(max / 2));
    quote = (from > 0 ? "…" : "") + quote.slice(from, from + max).trim() + (from + max < quote.length ? "…" : "");
  }
  return quote;
}

export function findPhrase(text: string, phrases: string[]): { phrase: string; quote: string } | null {
  for (const phrase of phrases) {
    const m = phraseRegex(phrase).exec(text);
    if (m) return { phrase, quote: quoteAround(text, m.index, m[0].length) };
  }
  return null;
}

/**
 * Numbers with units: the "quantified mechanisms" a committee wants (3,350 GB/s, 128 KiB, 40 ms, 8 GPUs).
 * Bare numbers do not count; a unit says what was measured.
 */
const QUANTITY =
  /(?:[$€£]\s?\d[\d,]*(?:\.\d+)?\s?[kKmMbB]?)|(?:\b\d[\d,]*(?:\.\d+)?\s?(?:%|x\b|×|ms\b|µs\b|us\b|ns\b|s\b|sec\b|secs\b|seconds?\b|min\b|mins\b|minutes?\b|hours?\b|hrs?\b|h\b|days?\b|weeks?\b|months?\b|(?:[kKMGTP]i?)?B\b|(?:[kKMGTP]i?)?B\/s\b|Gbps\b|Gb\/s\b|tok(?:en)?s?(?:\/s(?:ec)?)?\b|QPS\b|RPS\b|req(?:uests)?\/s\b|requests?\b|GPUs?\b|nodes?\b|[GTPE]?FLOP(?:s|\/s)?\b|TFLOPS\b|params?\b|parameters?\b|layers?\b|heads?\b|experts?\b|replicas?\b|shards?\b|ranks?\b|users?\b|engineers?\b|people\b|teams?\b|USD\b|EUR\b|dollars?\b|euros?\b|W\b|kW\b|MW\b|kWh\b|[kKMB]\b|bits?\b|bytes?\b|errors?\b|incidents?\b|pages?\b|jobs?\b|steps?\b|epochs?\b|batch(?:es)?\b|tokens?\b))/g;

export function findQuantities(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(QUANTITY)) found.add(m[0].replace(/\s+/g, " ").trim());
  return [...found];
}

export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}
