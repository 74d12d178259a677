import { conceptEvidence, type ConceptEvidence as ProseEvidence } from "./evidence";
import { buildSentences, copySourceIndex, isCommaList } from "./sentences";

/**
 * Sentence-level evidence that a modeling assumption was stated, through the one evidence engine of
 * the prose grader (`lib/grading/evidence.ts`, BRIEF contract 2): the same sentence splitting, lemmas,
 * negation and dismissal rules, copy detection and list-fragment detection. What differs is the
 * modeling round's reading of the result:
 *
 * - a sentence that names the assumption and says anything about it (a figure, a verb) states it:
 *   full credit, whether or not it explains a mechanism (a comma list counts when it holds a number:
 *   "Jitter: exponential, mean 20 ms, independent per GPU");
 * - a stated omission ("we ignore restarts", "failures during a restart are not modelled", "assume no
 *   restart overhead") is an explicit assumption and counts with `acceptOmissions`;
 * - a bare list of keywords, a question, or a sentence copied from the `context` (the prompt, the
 *   starter code) does not.
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

function fromProse(e: ProseEvidence): ConceptEvidence {
  const base = { id: e.id, quote: e.quote, part: e.part ?? null };
  switch (e.status) {
    case "mechanism":
    case "named":
    case "related":
    case "someone-else":
      return { ...base, credit: 1, status: "stated", reason: "stated" };
    case "omitted":
      return { ...base, credit: 1, status: "omitted", reason: e.reason };
    case "negated":
    case "dismissed":
      return { ...base, credit: 0, status: "negated", reason: "negated: the sentence says it is not done" };
    case "attributed":
      return { ...base, credit: 0, status: "negated", reason: "attributed to someone else, not stated as yours" };
    case "copied":
      return { ...base, credit: 0, status: "copied", reason: e.reason };
    case "fragment":
      return { ...base, credit: 0, status: "fragment", reason: "a list of keywords, not a statement" };
    default:
      return { id: e.id, credit: 0, status: "absent", quote: null, reason: "absent: not stated", part: null };
  }
}

/** Evidence for each concept, sentence by sentence, over the text parts in order (the first part wins ties). */
export function findAssumptionEvidence(text: string | TextPart[], concepts: EvidenceConcept[], options: EvidenceOptions = {}): ConceptEvidence[] {
  const raw = typeof text === "string" ? [{ id: "text", text }] : text;
  // Assumption notes and code comments are line by line: a line break before a capital starts a new statement.
  const parts = raw.map((p) => ({ ...p, text: p.text.replace(/\n(?=[ \t]*[A-Z])/g, "\n\n") }));
  // Restating a given of the question as your assumption is stating it; only a near-verbatim copy
  // (80% of the sentence's word trigrams) is not your own.
  const all = buildSentences(parts, options.context?.length ? copySourceIndex(options.context, 0.8) : undefined);
  // An assumption is stated by any statement about it (a number, a verb), not only by a mechanism:
  // only keyword lists without a number and very short labels stay fragments.
  for (const s of all) {
    const hasNumber = s.tokens.some((t) => t.type === "number");
    const says = hasNumber || s.tokens.some((t) => t.pos === "VERB" || t.pos === "AUX");
    if (s.fragment && says && s.words >= 3 && (hasNumber || !isCommaList(s.tokens))) s.fragment = false;
  }
  const isQuestion = (t: string) => /\?\s*$/.test(t);
  // Evidence sentences keep their indices (the engine looks at "the next sentence" by index).
  const statements = all.map((s) => (isQuestion(s.text) ? { ...s, tokens: [] } : s));
  const questions = all.map((s) => (isQuestion(s.text) ? s : { ...s, tokens: [] }));
  const opts = { acceptOmissions: options.acceptOmissions ?? false };
  return concepts.map((c) => {
    const e = fromProse(conceptEvidence(statements, c, opts));
    if (e.status !== "absent") return e;
    const q = conceptEvidence(questions, c, opts);
    return q.status === "absent" ? e : { id: c.id, credit: 0, status: "question", quote: q.quote, reason: "asked as a question, not stated", part: q.part ?? null };
  });
}
