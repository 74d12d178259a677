import { z } from "zod";
import { baseUnits } from "@/lib/units";

/** Round kinds a loop is made of. "coding" and "kernel" get their graders from their own modules. */
export const roundKinds = ["coding", "design", "modeling", "behavioral", "kernel"] as const;
export type RoundKind = (typeof roundKinds)[number];

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and dashes, e.g. kv-cache-server");

/** Where a scenario comes from: the seed document and the point in it that it grounds. */
export const sourceSchema = z.object({
  seed: z.string().regex(/^\d{3}_[0-9a-f]+\.txt$/, "name a file in shared/seeds, e.g. 004_387d7033ba0baf24.txt"),
  point: z.string().min(10, "say in a sentence which point of the seed this scenario grounds"),
});

/** A rubric concept: hit when any of its phrases appears in the answer (case-insensitive, whole words). */
export const conceptSchema = z.object({
  id,
  label: z.string().min(3),
  weight: z.number().positive().max(10).default(1),
  synonyms: z.array(z.string().min(2)).min(1, "list at least one phrase that shows the concept"),
});
export type Concept = z.infer<typeof conceptSchema>;

const base = {
  id,
  title: z.string().min(3),
  difficulty: z.enum(["easy", "medium", "hard"]).default("medium"),
  source: sourceSchema,
  prompt: z.string().min(20, "write the question the candidate reads (Markdown)"),
  tags: z.array(z.string()).default([]),
};

const sampleAnswersSchema = z
  .object({ strong: z.string().optional(), weak: z.string().optional(), offTopic: z.string().optional() })
  .partial()
  .optional();

export const defaultDesignSections = [
  { id: "requirements", title: "Requirements", hint: "Functional and non-functional; what is out of scope." },
  { id: "estimates", title: "Estimates", hint: "Back-of-the-envelope numbers with units: QPS, tokens/s, bytes, GPUs." },
  { id: "api", title: "API", hint: "The interface: endpoints, request and response shapes, streaming." },
  { id: "architecture", title: "Architecture", hint: "Components and data flow." },
  { id: "deep-dives", title: "Deep dives", hint: "The one or two parts that decide success, in depth." },
  { id: "failure-modes", title: "Failure modes", hint: "What breaks, how you detect it, how you recover." },
];

export const designScenarioSchema = z.object({
  ...base,
  kind: z.literal("design"),
  sections: z
    .array(z.object({ id, title: z.string().min(2), hint: z.string().default("") }))
    .min(1)
    .default(defaultDesignSections),
  rubric: z.object({
    concepts: z.array(conceptSchema).min(3, "a design rubric needs at least 3 concepts"),
    /** Numbers a strong answer estimates; shown after grading, and counted through quantified mechanisms. */
    numbers: z.array(z.string()).default([]),
  }),
  followups: z
    .array(z.object({ atMinute: z.number().min(0), question: z.string().min(10) }))
    .default([]),
  modelAnswer: z.string().optional(),
  samples: sampleAnswersSchema,
});

export const behavioralScenarioSchema = z.object({
  ...base,
  kind: z.literal("behavioral"),
  rubric: z.object({ concepts: z.array(conceptSchema).min(3, "a behavioral rubric needs at least 3 concepts") }),
  modelAnswer: z.string().optional(),
  samples: sampleAnswersSchema,
});

const expectedSchema = z.union([
  z.object({ value: z.number() }),
  z.object({ compute: z.object({ fn: z.string().min(1), args: z.record(z.string(), z.unknown()).default({}) }) }),
]);

export const modelingQuestionSchema = z.object({
  id,
  prompt: z.string().min(10),
  unit: z.enum(baseUnits, { message: `unit must be one of ${baseUnits.join(", ")}` }),
  expected: expectedSchema,
  tolerance: z.object({
    relative: z.number().positive().max(1, "relative tolerance is a fraction: 0.1 means 10%"),
    reason: z.string().min(10, "say why the band is this wide"),
  }),
  weight: z.number().positive().default(1),
  /** How the expected value is derived, shown after grading. */
  explanation: z.string().optional(),
});

export const modelingScenarioSchema = z.object({
  ...base,
  kind: z.literal("modeling"),
  questions: z.array(modelingQuestionSchema).min(1, "a modeling scenario needs at least one question"),
});

/** Coding rounds (runner and tests arrive with their own issue): prompt, language and starter code. */
export const codingScenarioSchema = z.object({
  ...base,
  kind: z.literal("coding"),
  languages: z.array(z.enum(["python", "typescript"])).min(1).default(["python", "typescript"]),
  starter: z.record(z.string(), z.string()).default({}),
});

/** Kernel rounds name a problem of the kernel lab (kernels/<problem>). */
export const kernelScenarioSchema = z.object({
  ...base,
  kind: z.literal("kernel"),
  problem: id,
});

export const scenarioSchema = z.discriminatedUnion("kind", [
  codingScenarioSchema,
  designScenarioSchema,
  modelingScenarioSchema,
  behavioralScenarioSchema,
  kernelScenarioSchema,
]);

export type Scenario = z.infer<typeof scenarioSchema>;
export type DesignScenario = z.infer<typeof designScenarioSchema>;
export type BehavioralScenario = z.infer<typeof behavioralScenarioSchema>;
export type ModelingScenario = z.infer<typeof modelingScenarioSchema>;
export type CodingScenario = z.infer<typeof codingScenarioSchema>;
export type KernelScenario = z.infer<typeof kernelScenarioSchema>;
export type ModelingQuestion = z.infer<typeof modelingQuestionSchema>;

/** A modeling question after its expected value was computed (by the engine or copied from the file). */
export type ResolvedModelingQuestion = Omit<ModelingQuestion, "expected"> & {
  expected: number;
  derivation: string;
};

/**
 * A loop template. A round names its kind and either a scenario id or nothing (drawn with the seed).
 * kind "any" lets the candidate choose the kind at start (the quick drill).
 */
export const loopSchema = z.object({
  id,
  title: z.string().min(3),
  description: z.string().default(""),
  source: sourceSchema.optional(),
  rounds: z
    .array(
      z.object({
        kind: z.enum([...roundKinds, "any"]),
        minutes: z.number().positive().max(240, "a round lasts at most 240 minutes"),
        title: z.string().optional(),
        scenario: id.optional(),
      }),
    )
    .min(1, "a loop needs at least one round"),
});
export type LoopTemplate = z.infer<typeof loopSchema>;
