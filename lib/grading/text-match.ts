/**
 * Phrase matching for rubric concepts: case-insensitive, whole words, a trailing plural allowed,
 * and spaces or hyphens interchangeable ("kv cache" finds "KV-cache" and "KV caches").
 * A trailing `*` makes the last word a stem: "quantiz*" finds "quantize", "quantized", "quantization".
 */
export function phraseRegex(phrase: string): RegExp {
  const trimmed = phrase.trim().toLowerCase();
  const stem = trimmed.endsWith("*");
  const words = (stem ? trimmed.slice(0, -1) : trimmed)
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const body = words.join("[\\s-]+");
  const tail = stem ? "[\\p{L}\\p{N}]*" : "(?:s|es)?";
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${tail}(?![\\p{L}\\p{N}])`, "iu");
}

/**
 * Hard-wrapped prose: a line break inside a paragraph becomes a space, so a quote is a sentence, not
 * a line. Blank lines, headings and list items still end a sentence. Same length as the input, so
 * match indices stay valid.
 */
function unwrapLines(text: string): string {
  const lines = text.split("\n");
  const blockStart = (l: string | undefined) => l === undefined || l.trim() === "" || /^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|\||```)/.test(l);
  return lines.map((l, i) => (i < lines.length - 1 && !blockStart(l) && !blockStart(lines[i + 1]) ? l + " " : l + "\n")).join("").slice(0, text.length);
}

/** The sentence (or line) around a match, trimmed for display. */
export function quoteAround(raw: string, index: number, length: number, max = 180): string {
  const text = unwrapLines(raw);
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

const UNITS = [
  "%", "ms", "µs", "us", "ns", "s", "sec", "secs", "seconds?", "min", "mins", "minutes?", "hours?", "hrs?", "h", "days?", "weeks?", "months?",
  // Rates before sizes, so "3,350 GB/s" is read whole rather than as "3,350 GB".
  "(?:[kKMGTP]i?)?B/s", "Gbps", "Gb/s", "tok(?:en)?s?/s(?:ec)?", "QPS", "RPS", "req(?:uests)?/s",
  "(?:[kKMGTP]i?)?B", "requests?", "GPUs?", "nodes?", "[GTPE]?FLOP(?:s|/s)?", "TFLOPS", "params?", "parameters?", "layers?", "heads?",
  "experts?", "replicas?", "shards?", "ranks?", "users?", "engineers?", "people", "teams?", "USD", "EUR", "dollars?", "euros?",
  "W", "kW", "MW", "kWh", "[kKMB]", "bits?", "bytes?", "errors?", "incidents?", "pages?", "jobs?", "steps?", "epochs?", "batch(?:es)?", "tokens?",
];
/**
 * Numbers with units: the "quantified mechanisms" a committee wants (3,350 GB/s, 128 KiB, 40 ms, 8 GPUs).
 * Bare numbers do not count; a unit says what was measured. A multiplier counts only when written
 * as one word ("2x", "8×"): "8 x 39e9" is arithmetic, not a claim.
 */
const QUANTITY = new RegExp(
  String.raw`(?:[$€£]\s?\d[\d,]*(?:\.\d+)?\s?[kKmMbB]?)|(?:\b\d[\d,]*(?:\.\d+)?(?:[x×](?![\p{L}\p{N}])|\s?(?:` +
    UNITS.map((u) => u.replace(/\//g, "\\/")).join("|") +
    String.raw`)(?![\p{L}\p{N}])))`,
  "gu",
);

export function findQuantities(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(QUANTITY)) found.add(m[0].replace(/\s+/g, " ").trim());
  return [...found];
}

export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}
