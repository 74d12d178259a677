import type { Estimate } from "@/lib/scenarios/schema";
import { formatQuantity } from "@/lib/units";
import { relativeError, type Figure } from "./figures";
import { compilePhrase, termSpans } from "./match";
import type { Sentence } from "./sentences";
import { quoteOf } from "./evidence";

/**
 * Key estimates: the candidate's figure for each, read from sentences that hold one of its cue words,
 * converted to the estimate's base unit. Within the tolerance: full credit; within twice: half; outside:
 * none, and the debrief shows the expected value and its derivation.
 */
export type EstimateCheck = {
  id: string;
  credit: number;
  status: "within" | "near" | "off" | "absent";
  given: string | null;
  quote: string | null;
  expected: string;
  derivation: string;
  errorPct: number | null;
  /** How far off, in words: "12% off", "about 1/36 of the expected value". */
  miss: string | null;
};

function compatible(f: Figure, e: Estimate): boolean {
  if (e.unit === "count") return f.base === "count" && !(f.thing ?? "").includes("/");
  if (e.unit === "tokens/s") return f.base === "tokens/s";
  if (e.unit === "ms") return f.base === "s";
  return f.base === e.unit;
}

function valueIn(f: Figure, e: Estimate): number {
  return e.unit === "ms" && f.base === "s" ? f.value * 1000 : f.value;
}

/**
 * Plain words for the things estimates count: a cue "gpu" is also met by "cards", "accelerators" or
 * "devices" ("the peak needs 10 cards flat out"), "machines" by "servers", "nodes" or "boxes".
 */
const CUE_PARAPHRASES: Record<string, string[]> = {
  gpu: ["card", "cards", "accelerator", "accelerators", "device", "devices"],
  gpus: ["card", "cards", "accelerator", "accelerators", "device", "devices"],
  machine: ["server", "servers", "node", "nodes", "box", "boxes", "host", "hosts"],
  machines: ["server", "servers", "node", "nodes", "box", "boxes", "host", "hosts"],
  node: ["machine", "machines", "server", "servers", "host", "hosts"],
  nodes: ["machine", "machines", "server", "servers", "host", "hosts"],
  bandwidth: ["per second", "a second", "every second", "throughput"],
};

export function cuesWithParaphrases(cues: string[]): string[] {
  // "per token" is also "each token", "every token", "a token".
  const per = cues.flatMap((c) => (/^per\s+\S/i.test(c) ? ["each", "every", "a"].map((w) => c.replace(/^per/i, w)) : []));
  return [...new Set([...cues, ...per, ...cues.flatMap((c) => CUE_PARAPHRASES[c.toLowerCase()] ?? [])])];
}

/** Tokens between a cue and a figure that misses, beyond which the figure is not taken as the estimate. */
export const MAX_CUE_DISTANCE = 8;

/** "97% off", or "about 80x the expected value" when the figure is off by orders of magnitude. */
export function describeMiss(given: number, expected: number): string {
  if (expected > 0 && given > 0) {
    const r = given / expected;
    if (r >= 3) return `about ${r >= 100 ? Math.round(r).toLocaleString("en-US") : r.toFixed(1)}x the expected value`;
    if (r <= 1 / 3) return `about 1/${(1 / r) >= 100 ? Math.round(1 / r).toLocaleString("en-US") : (1 / r).toFixed(1)} of the expected value`;
  }
  return `${Math.round(relativeError(given, expected) * 1000) / 10}% off`;
}

export function checkEstimate(sentences: Sentence[], e: Estimate): EstimateCheck {
  const expectedValue = e.value ?? NaN;
  const expected = `${formatQuantity(expectedValue, e.unit)} (±${Math.round(e.tolerance.relative * 100)}%)`;
  const derivation = e.derivation ?? "";
  const cues = cuesWithParaphrases(e.cues).map(compilePhrase);
  let best: EstimateCheck | null = null;
  let bestDistance = Infinity;
  for (const s of sentences) {
    if (s.copied) continue;
    const cueSpans = cues.flatMap((c) => termSpans(s.tokens, c));
    // A rate in the estimate's own unit ("6 GB every second" for an upload bandwidth) is specific
    // enough without a cue word, but only credited, never flagged: a stray rate may be about something else.
    const rateOnly = !cueSpans.length && e.unit.includes("/");
    if (!cueSpans.length && !rateOnly) continue;
    for (const f of s.figures) {
      if (!compatible(f, e)) continue;
      if (rateOnly && relativeError(valueIn(f, e), expectedValue) > 2 * e.tolerance.relative) continue;
      // A count must be a count of the cued thing ("12 GPUs" for a GPU count), not any number.
      if (e.unit === "count" && !cueSpans.some((c) => c.start <= f.end && c.end >= f.start)) continue;
      const err = relativeError(valueIn(f, e), expectedValue);
      // Among figures that miss, the one nearest a cue word is the candidate's estimate.
      const distance = rateOnly ? MAX_CUE_DISTANCE : Math.min(...cueSpans.map((c) => (f.start >= c.end ? f.start - c.end : c.start >= f.end ? c.start - f.end : 0)));
      const tol = e.tolerance.relative;
      const credit = err <= tol ? 1 : err <= 2 * tol ? 0.5 : 0;
      // A figure that misses is only the candidate's estimate when it sits next to a cue word; a number
      // elsewhere in the sentence is about something else.
      if (credit === 0 && distance > MAX_CUE_DISTANCE) continue;
      const cand: EstimateCheck = {
        id: e.id,
        credit,
        status: credit === 1 ? "within" : credit === 0.5 ? "near" : "off",
        given: f.text,
        quote: quoteOf(s),
        expected,
        derivation,
        errorPct: Math.round(err * 1000) / 10,
        miss: describeMiss(valueIn(f, e), expectedValue),
      };
      if (!best || cand.credit > best.credit || (cand.credit === best.credit && cand.credit === 0 && distance < bestDistance)) {
        best = cand;
        bestDistance = distance;
      }
    }
    if (best?.credit === 1) break;
  }
  return best ?? { id: e.id, credit: 0, status: "absent", given: null, quote: null, expected, derivation, errorPct: null, miss: null };
}
