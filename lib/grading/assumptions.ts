import winkNLP, { type WinkMethods } from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { phraseRegex } from "./text-match";

/**
 * Sentence-level evidence that a modeling assumption was stated: a stand-in with the shape of the
 * shared sentence-evidence function (BRIEF contract 4, `findEvidence(text | parts, concepts,
 * { acceptOmissions, context })`, owned by the prose grader). When that lands on main, the modeling
 * grader calls it instead, with `acceptOmissions: true`; the result fields used here are a subset of its.
 *
 * A sentence is evidence when it names the concept (a synonym, whole words) and says something about
 * it: a number, a verb, or a stated omission ("we ignore restarts", "failures during a restart are not
 * modelled"), which counts only with `acceptOmissions`. Not evidence: a bare list of keywords, a
 * question, a sentence copied from the `context` (the prompt, the starter code).
 */
export type TextPart = { id: string; text: string };
export type EvidenceConcept = { id: string; synonyms?: string[] };
export type EvidenceStatus = "stated" | "omitted" | "negated" | "copied" | "fragment" | "question" | "absent";
export type ConceptEvidence = {
  id: string;
  /** 0..1 */
  credit: number;
  status: EvidenceStatus;
  /** The sentence quoted as proof (or the one rejected, when it was rejected). */
  quote: string | null;
  /** Why it counted or why not, in words a candidate reads. */
  reason: string;
  /** The text part the sentence came from. */
  part: string | null;
};
export type EvidenceOptions = { acceptOmissions?: boolean; context?: string[] };

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

type Judged = { status: EvidenceStatus; reason: string };

function judge(sentence: string, copyGrams: Set<string>, acceptOmissions: boolean): Judged {
  const n = getNlp();
  const its = n.its;
  const doc = n.readDoc(sentence);
  const tokens = doc.tokens();
  const w = words(sentence);
  const omission = DISMISS.test(sentence) || (tokens.out(its.negationFlag) as boolean[]).some(Boolean);
  if (/\?\s*$/.test(sentence)) return { status: "question", reason: "asked as a question, not stated" };
  const grams = trigrams(sentence);
  if (grams.size >= 3) {
    let copied = 0;
    for (const g of grams) if (copyGrams.has(g)) copied++;
    if (copied / grams.size >= 0.8) return { status: "copied", reason: "copied from the question, not your own words" };
  }
  // A bare list of keywords names things without saying anything about them.
  const parts = sentence.split(/[,;/]|\band\b/).map((p) => words(p).length).filter((k) => k > 0);
  if (parts.length >= 3 && parts.every((k) => k <= 3) && !NUMBER.test(sentence) && !omission) return { status: "fragment", reason: "a list of keywords, not a statement" };
  if (omission && w.length >= 2) {
    return acceptOmissions ? { status: "omitted", reason: "stated as left out, which is an explicit assumption" } : { status: "negated", reason: "negated: the sentence says it is not done" };
  }
  const pos = tokens.out(its.pos) as string[];
  const hasVerb = pos.some((p) => p === "VERB" || p === "AUX");
  if (NUMBER.test(sentence) || (hasVerb && w.length >= 3)) return { status: "stated", reason: "stated" };
  return { status: "fragment", reason: "named without saying anything about it" };
}

function conceptEvidence(sentences: { part: string; text: string }[], concept: EvidenceConcept, copyGrams: Set<string>, acceptOmissions: boolean): ConceptEvidence {
  const patterns = (concept.synonyms ?? []).map(phraseRegex);
  let miss: ConceptEvidence | null = null;
  for (const s of sentences) {
    if (!patterns.some((p) => p.test(s.text))) continue;
    const j = judge(s.text, copyGrams, acceptOmissions);
    const quote = s.text.length > 220 ? `${s.text.slice(0, 217)}…` : s.text;
    if (j.status === "stated" || j.status === "omitted") return { id: concept.id, credit: 1, status: j.status, quote, reason: j.reason, part: s.part };
    miss ??= { id: concept.id, credit: 0, status: j.status, quote, reason: j.reason, part: s.part };
  }
  return miss ?? { id: concept.id, credit: 0, status: "absent", quote: null, reason: "absent: not stated", part: null };
}

/** Evidence for each concept, sentence by sentence, over the text parts in order (the first part wins ties). */
export function findAssumptionEvidence(text: string | TextPart[], concepts: EvidenceConcept[], options: EvidenceOptions = {}): ConceptEvidence[] {
  const parts = typeof text === "string" ? [{ id: "text", text }] : text;
  const copyGrams = new Set((options.context ?? []).flatMap((c) => [...trigrams(c)]));
  const sentencesOf = parts.flatMap((p) => (p.text.trim() ? sentences(p.text).map((t) => ({ part: p.id, text: t })) : []));
  return concepts.map((c) => conceptEvidence(sentencesOf, c, copyGrams, options.acceptOmissions ?? false));
}
