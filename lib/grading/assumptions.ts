import winkNLP, { type WinkMethods } from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { Concept } from "@/lib/scenarios/schema";
import { phraseRegex } from "./text-match";

/**
 * Sentence-level evidence that a modeling assumption was stated. This is the small stand-in for the
 * shared sentence-evidence function (BRIEF contract 4, owned by the prose grader): same inputs (free
 * text, a concept with synonyms) and an option the modeling grader needs, stated omissions count.
 * When that function lands, `findAssumptionEvidence` becomes a call to it with `acceptOmissions: true`.
 *
 * A sentence is evidence when it names the assumption (a synonym, whole words) and says something
 * about it: a number, a verb, or a stated omission ("we ignore restarts", "failures during a restart are
 * not modelled"). Not evidence: a bare list of keywords, a question, a sentence copied from the prompt.
 */
export type EvidenceSource = { label: string; text: string };
export type AssumptionEvidence = {
  hit: boolean;
  /** The sentence quoted as proof, or the best rejected one's reason when missed. */
  quote: string | null;
  source: string | null;
  /** The sentence states what the model leaves out (it counts: naming an omission is the signal). */
  omission: boolean;
  note: string;
};

let nlp: WinkMethods | null = null;
function getNlp(): WinkMethods {
  nlp ??= winkNLP(model);
  return nlp;
}

/** Blocks a person writes as separate statements: paragraphs, list items, lines of a table. */
function blocks(text: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    if (cur.length) out.push(cur.join(" "));
    cur = [];
  };
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    if (/^([-*+•]|\d+[.)]|#{1,6}\s|\|)/.test(line)) flush();
    cur.push(line.replace(/^([-*+•]|\d+[.)]|#{1,6})\s*/, ""));
  }
  flush();
  return out;
}

function sentences(text: string): string[] {
  const n = getNlp();
  return blocks(text).flatMap((b) => n.readDoc(b).sentences().out() as string[]);
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*/gu) ?? [];

function trigrams(s: string): Set<string> {
  const w = words(s);
  const out = new Set<string>();
  for (let i = 0; i + 2 < w.length; i++) out.add(`${w[i]} ${w[i + 1]} ${w[i + 2]}`);
  return out;
}

const DISMISS = /\b(ignor\w*|neglect\w*|leav\w* out|left out|omit\w*|exclud\w*|skip\w*|drop\w*|out of scope|not (?:model\w*|modell\w*|includ\w*|consider\w*|account\w*|captur\w*)|don'?t (?:model|include|consider|account)|without|assum\w* (?:no|zero|none)|no\b)/i;
const NUMBER = /\d/;

type Judged = { ok: boolean; omission: boolean; reason: string };

function judge(sentence: string, promptGrams: Set<string>): Judged {
  const n = getNlp();
  const its = n.its;
  const doc = n.readDoc(sentence);
  const tokens = doc.tokens();
  const w = words(sentence);
  const omission = DISMISS.test(sentence) || (tokens.out(its.negationFlag) as boolean[]).some(Boolean);
  if (/\?\s*$/.test(sentence)) return { ok: false, omission, reason: "asked as a question, not stated" };
  const grams = trigrams(sentence);
  if (grams.size >= 3) {
    let copied = 0;
    for (const g of grams) if (promptGrams.has(g)) copied++;
    if (copied / grams.size >= 0.8) return { ok: false, omission, reason: "copied from the prompt" };
  }
  // A bare list of keywords names things without saying anything about them.
  const parts = sentence.split(/[,;/]|\band\b/).map((p) => words(p).length).filter((k) => k > 0);
  if (parts.length >= 3 && parts.every((k) => k <= 3) && !NUMBER.test(sentence) && !omission) return { ok: false, omission, reason: "a list of keywords, not a statement" };
  if (omission && w.length >= 2) return { ok: true, omission, reason: "stated as an omission" };
  const pos = tokens.out(its.pos) as string[];
  const hasVerb = pos.some((p) => p === "VERB" || p === "AUX");
  if (NUMBER.test(sentence) || (hasVerb && w.length >= 3)) return { ok: true, omission, reason: "stated" };
  return { ok: false, omission, reason: "named without saying anything about it" };
}

export function findAssumptionEvidence({ concept, sources, prompt = "" }: { concept: Pick<Concept, "synonyms">; sources: EvidenceSource[]; prompt?: string }): AssumptionEvidence {
  const promptGrams = trigrams(prompt);
  const patterns = concept.synonyms.map(phraseRegex);
  let rejected: { quote: string; source: string; reason: string } | null = null;
  for (const src of sources) {
    if (!src.text.trim()) continue;
    for (const sentence of sentences(src.text)) {
      if (!patterns.some((p) => p.test(sentence))) continue;
      const j = judge(sentence, promptGrams);
      const quote = sentence.length > 220 ? `${sentence.slice(0, 217)}…` : sentence;
      if (j.ok) return { hit: true, quote, source: src.label, omission: j.omission, note: `${j.reason} in the ${src.label}` };
      rejected ??= { quote, source: src.label, reason: j.reason };
    }
  }
  if (rejected) return { hit: false, quote: null, source: rejected.source, omission: false, note: `mentioned in the ${rejected.source} but ${rejected.reason}: "${rejected.quote}"` };
  return { hit: false, quote: null, source: null, omission: false, note: "not stated" };
}
