import { paraphraseFamilyNames } from "@/lib/grading/paraphrase";
import { z } from "zod";

export const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and dashes, e.g. kv-cache-server");

/** Where a scenario comes from: the seed document and the point in it that it grounds. */
export const sourceSchema = z.object({
  seed: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/, "name a file in shared/seeds, e.g. 004_387d7033ba0baf24.txt"),
  point: z.string().min(10, "say in a sentence which point of the seed this scenario grounds"),
});

/**
 * A rubric concept. Hit when one of its phrases (`synonyms`) or proximity `patterns` appears in a sentence
 * that is the candidate's own claim (not copied, negated, dismissed or attributed); full credit needs a
 * mechanism (a causal link, a figure with a unit, a comparison) in that sentence or the next
 * (docs/rubric-method.md). `probe` is the interviewer's question when the concept is missing.
 */
export const conceptSchema = z.object({
  id,
  label: z.string().min(3),
  weight: z.number().positive().max(10).default(1),
  synonyms: z.array(z.string().min(2)).min(1, "list at least one phrase that shows the concept"),
  /** "term|alt + term + term ~window !excluded": every term within the window (docs/scenario-format.md). */
  patterns: z.array(z.string().min(3)).optional(),
  /** Shared plain-language paraphrases (lib/grading/paraphrase.ts): measurement, reproduction, decision, ... */
  families: z.array(z.enum(paraphraseFamilyNames, { message: `a family is one of ${paraphraseFamilyNames.join(", ")} (lib/grading/paraphrase.ts)` })).optional(),
  probe: z.string().min(10, "write the question the interviewer asks when this concept is missing").optional(),
});
export type Concept = z.infer<typeof conceptSchema>;

export const base = {
  id,
  title: z.string().min(3),
  difficulty: z.enum(["easy", "medium", "hard"]).default("medium"),
  source: sourceSchema,
  prompt: z.string().min(20, "write the question the candidate reads (Markdown)"),
  tags: z.array(z.string()).default([]),
};

