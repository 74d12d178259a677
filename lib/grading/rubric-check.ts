import type { Concept, Misconception, ScenarioFollowup } from "@/lib/scenarios/schema";
import { parsePattern, PatternError, patternSyntaxError } from "./match";
import { misconceptionExampleErrors } from "./misconceptions";

/**
 * Checks of a prose rubric that zod cannot make: pattern syntax, misconception examples (each `match`
 * sentence found, no `noMatch` one), a probe for every core concept and every misconception, and unique
 * follow-up ids. Each error names the field and the fix; the loader adds the file.
 */
export function proseRubricErrors(rubric: { concepts: Concept[]; misconceptions?: Misconception[] }, followups: ScenarioFollowup[] = [], opts: { requireProbes?: boolean; checkExamples?: boolean } = {}): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const checkPatterns = (patterns: string[], field: string) =>
    patterns.forEach((p, i) => {
      if (!opts.checkExamples) {
        const e = patternSyntaxError(p);
        if (e) errors.push({ field: `${field}[${i}]`, message: e });
        return;
      }
      try {
        parsePattern(p);
      } catch (err) {
        if (err instanceof PatternError) errors.push({ field: `${field}[${i}]`, message: err.message });
        else throw err;
      }
    });
  const core = Math.max(0, ...rubric.concepts.map((c) => c.weight));
  rubric.concepts.forEach((c, i) => {
    checkPatterns(c.patterns ?? [], `rubric.concepts[${i}].patterns`);
    if (opts.requireProbes && c.weight === core && !c.probe) errors.push({ field: `rubric.concepts[${i}].probe`, message: `"${c.id}" is a core concept (the heaviest weight): add probe, the question the interviewer asks when it is missing` });
  });
  (rubric.misconceptions ?? []).forEach((m, i) => {
    const before = errors.length;
    checkPatterns(m.patterns, `rubric.misconceptions[${i}].patterns`);
    if (errors.length === before && opts.checkExamples) for (const e of misconceptionExampleErrors(m)) errors.push({ field: `rubric.misconceptions[${i}].${e.field}`, message: e.message });
    if (opts.requireProbes && !m.probe) errors.push({ field: `rubric.misconceptions[${i}].probe`, message: `add probe, the question the interviewer asks when "${m.id}" appears (the claim is quoted before it)` });
  });
  const seen = new Set<string>();
  followups.forEach((f, i) => {
    if (seen.has(f.id)) errors.push({ field: `followups[${i}].id`, message: `follow-up id "${f.id}" is used twice; ids must be unique in the scenario` });
    seen.add(f.id);
    if (f.rubric) {
      f.rubric.concepts.forEach((c, k) => checkPatterns(c.patterns ?? [], `followups[${i}].rubric.concepts[${k}].patterns`));
      f.rubric.misconceptions.forEach((m, k) => {
        if (opts.checkExamples) for (const e of misconceptionExampleErrors(m)) errors.push({ field: `followups[${i}].rubric.misconceptions[${k}].${e.field}`, message: e.message });
      });
    }
  });
  return errors;
}
