import { z } from "zod";
import { simulateSpecSchema } from "@/lib/simulation";
import { baseUnits } from "@/lib/units";
import { codingScenarioSchema } from "./kinds/coding";
import { kernelScenarioSchema } from "./kinds/kernel";
import { base, conceptSchema, id, sourceSchema, type Concept } from "./kinds/common";
import { difficulties, hasRoundFilter } from "./round-filter";

export { conceptSchema, sourceSchema, type Concept };

/**
 * A common wrong claim, found by proximity patterns in the candidate's own (not negated) sentences.
 * `examples.match` and `examples.noMatch` are sentences the loader checks the patterns against, so a
 * pattern that misses its own example, or fires on a correct statement, fails `scenarios:check`.
 */
export const misconceptionSchema = z.object({
  id,
  claim: z.string().min(10, "state the wrong claim in a sentence"),
  severity: z.enum(["severe", "minor"], { message: "severity is severe (caps the round at No) or minor" }).default("minor"),
  patterns: z.array(z.string().min(3)).min(1, "list at least one pattern that finds the claim"),
  correction: z.string().min(10, "say what is true instead; the debrief shows it"),
  probe: z.string().min(10, "write the interviewer's question when the claim appears").optional(),
  examples: z.object({
    match: z.array(z.string().min(5)).min(1, "give at least one sentence the patterns must find"),
    noMatch: z.array(z.string().min(5)).min(1, "give at least one correct sentence the patterns must not find"),
  }),
});
export type Misconception = z.infer<typeof misconceptionSchema>;

/**
 * A key estimate: the figure a strong answer computes. `value` (or `compute`, through the modeling
 * engine) in `unit`, credited within `tolerance.relative`; the candidate's figure is looked for in
 * sentences holding one of the `cues`.
 */
export const estimateSchema = z
  .object({
    id,
    quantity: z.string().min(5, "say what is estimated"),
    value: z.number().optional(),
    compute: z.object({ fn: z.string().min(1), args: z.record(z.string(), z.unknown()).default({}) }).optional(),
    unit: z.enum(baseUnits, { message: `unit must be one of ${baseUnits.join(", ")}` }),
    tolerance: z.object({ relative: z.number().positive().max(1, "relative tolerance is a fraction: 0.15 means 15%") }),
    cues: z.array(z.string().min(2)).min(1, "list the words that sit next to this figure, e.g. [per token, kv]"),
    derivation: z.string().min(5, "show how the expected value is derived").optional(),
    weight: z.number().positive().max(10).default(1),
    probe: z.string().min(10).optional(),
  })
  .refine((e) => (e.value === undefined) !== (e.compute === undefined), { message: "give exactly one of value or compute { fn, args }", path: ["value"] });
export type Estimate = z.infer<typeof estimateSchema>;

/** A follow-up's own small rubric: what its answer should show. */
export const followupRubricSchema = z.object({
  concepts: z.array(conceptSchema).min(1, "a follow-up rubric needs at least one concept"),
  misconceptions: z.array(misconceptionSchema).default([]),
  expected: estimateSchema.optional(),
});

export const followupSchema = z.object({
  id,
  atMinute: z.number().min(0),
  question: z.string().min(10),
  rubric: followupRubricSchema.optional(),
});
export type ScenarioFollowup = z.infer<typeof followupSchema>;

export { codingScenarioSchema, kernelScenarioSchema };

/** Round kinds a loop is made of. "coding" and "kernel" get their graders from their own modules. */
export const roundKinds = ["coding", "design", "modeling", "behavioral", "kernel"] as const;
export type RoundKind = (typeof roundKinds)[number];

const sampleAnswersSchema = z
  .object({ strong: z.string().optional(), weak: z.string().optional(), offTopic: z.string().optional() })
  .partial()
  .optional();

type SectionDef = { id: string; title: string; hint: string };

/**
 * Default sections per kind of design, for scenarios that do not list their own. A training stack has
 * no API to design and a data pipeline's interface is its schema, so only a service gets an "API" section.
 */
export const designKinds = ["service", "training", "pipeline"] as const;
export type DesignKind = (typeof designKinds)[number];

export const defaultSectionsByDesignKind: Record<DesignKind, SectionDef[]> = {
  service: [
    { id: "requirements", title: "Requirements", hint: "Functional and non-functional; what is out of scope." },
    { id: "estimates", title: "Estimates", hint: "Back-of-the-envelope numbers with units: QPS, tokens/s, bytes, GPUs." },
    { id: "api", title: "API", hint: "The interface: endpoints, request and response shapes, streaming." },
    { id: "architecture", title: "Architecture", hint: "Components and data flow." },
    { id: "deep-dives", title: "Deep dives", hint: "The one or two parts that decide success, in depth." },
    { id: "failure-modes", title: "Failure modes", hint: "What breaks, how you detect it, how you recover." },
  ],
  training: [
    { id: "requirements", title: "Requirements", hint: "Model, data, hardware, deadline; what the run must survive." },
    { id: "estimates", title: "Estimates", hint: "FLOPs, time to train, memory per GPU, bytes on the wire per step." },
    { id: "architecture", title: "Parallelism layout", hint: "How the model and the batch are split across GPUs and nodes, and why." },
    { id: "deep-dives", title: "Deep dives", hint: "The one or two parts that decide success, in depth." },
    { id: "failure-modes", title: "Failure modes", hint: "Hardware failures, instabilities, checkpoints and restarts." },
  ],
  pipeline: [
    { id: "requirements", title: "Requirements", hint: "Inputs, outputs, volumes, quality bar, deadline." },
    { id: "estimates", title: "Estimates", hint: "Bytes, documents or tokens per stage, compute and storage, with units." },
    { id: "architecture", title: "Pipeline", hint: "The stages and the data flow between them." },
    { id: "deep-dives", title: "Quality and evaluation", hint: "How you measure what each stage keeps and drops." },
    { id: "failure-modes", title: "Failure modes", hint: "What breaks, how you detect it, how you recover." },
  ],
};

/** The sections of a service design, the default kind. */
export const defaultDesignSections = defaultSectionsByDesignKind.service;

export const designScenarioSchema = z.object({
  ...base,
  kind: z.literal("design"),
  /** What is being designed; picks the default sections when the scenario lists none. */
  designKind: z.enum(designKinds, { message: `designKind must be one of ${designKinds.join(", ")}` }).default("service"),
  sections: z
    .array(z.object({ id, title: z.string().min(2), hint: z.string().default("") }))
    .min(1)
    .optional(),
  rubric: z.object({
    concepts: z.array(conceptSchema).min(8, "a design rubric needs at least 8 weighted concepts"),
    /** Key estimates, checked against the candidate's figures. */
    numbers: z.array(estimateSchema).min(2, "a design rubric needs at least 2 key estimates"),
    misconceptions: z.array(misconceptionSchema).min(3, "a design rubric needs at least 3 common wrong claims"),
  }),
  followups: z.array(followupSchema).default([]),
  modelAnswer: z.string().optional(),
  samples: sampleAnswersSchema,
}).transform((s) => ({ ...s, sections: s.sections ?? defaultSectionsByDesignKind[s.designKind] }));

export const behavioralScenarioSchema = z.object({
  ...base,
  kind: z.literal("behavioral"),
  rubric: z.object({
    concepts: z.array(conceptSchema).min(3, "a behavioral rubric needs at least 3 concepts"),
    misconceptions: z.array(misconceptionSchema).min(2, "a behavioral rubric needs at least 2 wrong directions (blame, deflection, process without mechanism)"),
  }),
  modelAnswer: z.string().optional(),
  samples: sampleAnswersSchema,
});

const expectedSchema = z.union([
  z.object({ value: z.number() }),
  z.object({ compute: z.object({ fn: z.string().min(1), args: z.record(z.string(), z.unknown()).default({}) }) }),
  /** A seeded reference simulation (lib/simulation); the band widens to the simulation's own spread. */
  z.object({ simulate: simulateSpecSchema }),
]);

export const modelingQuestionSchema = z.object({
  id,
  prompt: z.string().min(10),
  unit: z.enum(baseUnits, { message: `unit must be one of ${baseUnits.join(", ")}` }),
  expected: expectedSchema,
  tolerance: z.object({
    /** For a simulated answer, the floor: the band is the wider of this and the simulation's spread. */
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
  /**
   * What an interviewer wants stated (failure rate, checkpoint interval, jitter distribution, what is
   * left out). Found at sentence level in the assumptions and the scratchpad's comments; a stated
   * omission ("ignores thermal throttling") counts. Empty only in rounds snapshotted before the list existed.
   */
  assumptions: z.array(conceptSchema).default([]),
  /** The Python scratchpad's starting code: the prompt's inputs as constants, never the method. */
  scratchpad: z.object({ starter: z.string().max(20_000) }).optional(),
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
  /** Set when a reference simulation computed the expected value: its spread and the file's floor. */
  simulated?: { sd: number; candidateTrials: number; batches: number; floor: number };
};

/** A loop round's draw filter (lib/scenarios/round-filter.ts says how it matches). */
const roundFilterFields = {
  tags: z
    .array(z.string().trim().min(1, "a tag is a word, e.g. ml"))
    .min(1, "list at least one tag, or leave tags out")
    .optional(),
  difficulty: z
    .union([z.enum(difficulties), z.array(z.enum(difficulties)).min(1, "list at least one level, or leave difficulty out")], {
      message: `difficulty is one of ${difficulties.join(", ")}, or a list of them, e.g. [medium, hard]`,
    })
    .optional(),
};

/**
 * A loop template. A round names its kind and either a scenario id or nothing (drawn with the seed,
 * among the scenarios that carry one of its `tags` and have its `difficulty`, when it gives them).
 * kind "any" lets the candidate choose the kind at start (the quick drill).
 */
export const loopSchema = z.object({
  id,
  title: z.string().min(3),
  description: z.string().default(""),
  source: sourceSchema.optional(),
  rounds: z
    .array(
      z
        .object({
          kind: z.enum([...roundKinds, "any"]),
          minutes: z.number().positive().max(240, "a round lasts at most 240 minutes"),
          title: z.string().optional(),
          scenario: id.optional(),
          /** Draw only scenarios with one of these tags and/or of this difficulty (lib/scenarios/round-filter.ts). */
          ...roundFilterFields,
        })
        .refine((r) => !(r.scenario && hasRoundFilter(r)), {
          message: "a round either names its scenario or filters the draw by tags/difficulty; remove one of them",
          path: ["scenario"],
        }),
    )
    .min(1, "a loop needs at least one round"),
});
export type LoopTemplate = z.infer<typeof loopSchema>;
