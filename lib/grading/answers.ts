import { z } from "zod";
import type { RoundKind } from "@/lib/scenarios/schema";

/**
 * Answer shapes per round kind, parsed at the API boundary. Limits are documented in the README:
 * a text field holds at most 20,000 characters, code at most 100,000, a request body at most 256 KiB.
 */
export const MAX_TEXT = 20_000;
export const MAX_CODE = 100_000;
export const MAX_BODY_BYTES = 256 * 1024;

const text = z.string().max(MAX_TEXT, `at most ${MAX_TEXT.toLocaleString("en-US")} characters per field`);

/**
 * The design answer (BRIEF contract 1; the board helper owns its UI): sections, an optional Excalidraw
 * diagram (plain JSON elements) and the follow-ups asked with their answers. The grader reads the
 * diagram's text elements and grades each follow-up answer.
 */
export const followupAnswerSchema = z.object({
  id: z.string().min(1).max(200),
  question: text,
  source: z.enum(["scripted", "probe"]),
  target: z.string().max(200).optional(),
  askedAtMs: z.number().finite().nonnegative().default(0),
  answer: text.default(""),
});
export type FollowupAnswer = z.infer<typeof followupAnswerSchema>;

export const designAnswerSchema = z.object({
  sections: z.record(z.string().max(64), text).refine((r) => Object.keys(r).length <= 20, "at most 20 sections"),
  diagram: z
    .object({
      elements: z.array(z.record(z.string(), z.unknown())).max(5000, "at most 5,000 diagram elements"),
      appState: z.record(z.string(), z.unknown()).optional(),
    })
    .nullable()
    .optional(),
  followups: z.array(followupAnswerSchema).max(20, "at most 20 follow-ups").optional(),
});
export const behavioralAnswerSchema = z.object({ situation: text.default(""), task: text.default(""), action: text.default(""), result: text.default("") });
const finite = z.number().finite();

/**
 * One numeric answer: a value, or a range (mode "range", low-high) in one unit of the question's
 * dimension. `from` names the scratchpad result a "use this value" filled it from.
 */
export const modelingValueSchema = z.object({
  value: finite.nullable(),
  unit: z.string().max(32),
  mode: z.enum(["value", "range"]).optional(),
  low: finite.nullable().optional(),
  high: finite.nullable().optional(),
  from: z.string().max(160).optional(),
});

/** Bytes of printed output a scratchpad run keeps with the answer. */
export const SCRATCHPAD_STDOUT_MAX = 16_384;
/** Points of a series kept for its plot (longer series are sampled evenly; the stats use every point). */
export const SCRATCHPAD_POINTS_MAX = 400;

export const scratchpadSeriesSchema = z.object({
  name: z.string().max(120),
  /** "list": a list of numbers (plotted over its index, or as a histogram); "xy": {"x": [...], "y": [...]}. */
  kind: z.enum(["list", "xy"]),
  n: z.number().int().min(0),
  stats: z.object({ mean: finite, sd: finite, sem: finite, min: finite, max: finite, p5: finite, p50: finite, p95: finite }),
  x: z.array(finite).max(SCRATCHPAD_POINTS_MAX).optional(),
  y: z.array(finite).max(SCRATCHPAD_POINTS_MAX),
  hist: z.object({ lo: finite, hi: finite, counts: z.array(z.number().int().min(0)).max(100) }),
});

/** The last run of the scratchpad, saved with the answer so a reload, the replay and the export show it. */
export const scratchpadOutputSchema = z.object({
  status: z.enum(["ok", "error", "timeout", "unavailable"]),
  stdout: z.string().max(SCRATCHPAD_STDOUT_MAX),
  error: z.object({ kind: z.string().max(32), type: z.string().max(100), message: z.string().max(2000), line: z.number().int().nullable() }).optional(),
  values: z.array(z.object({ name: z.string().max(120), value: finite })).max(50),
  series: z.array(scratchpadSeriesSchema).max(8),
  durationMs: z.number().min(0).max(600_000),
  ranAt: z.string().max(40),
  /** Hash of the code that produced this output, to flag output older than the code. */
  codeHash: z.string().max(16),
});

export const scratchpadSchema = z.object({
  code: z.string().max(MAX_CODE, `the scratchpad is limited to ${MAX_CODE.toLocaleString("en-US")} characters`),
  output: scratchpadOutputSchema.nullable().default(null),
});

export const modelingAnswerSchema = z.object({
  values: z.record(z.string().max(64), modelingValueSchema).refine((r) => Object.keys(r).length <= 50, "at most 50 answers"),
  assumptions: text.default(""),
  scratchpad: scratchpadSchema.optional(),
});
export const codingAnswerSchema = z.object({
  language: z.enum(["python", "typescript"]),
  code: z.string().max(MAX_CODE, `code is limited to ${MAX_CODE.toLocaleString("en-US")} characters`),
});
export const kernelAnswerSchema = z.object({
  source: z.string().max(MAX_CODE, `WGSL is limited to ${MAX_CODE.toLocaleString("en-US")} characters`),
  /** The last harness result the browser produced for this source, if any. */
  result: z.unknown().optional(),
});

export type DesignAnswer = z.infer<typeof designAnswerSchema>;
export type BehavioralAnswer = z.infer<typeof behavioralAnswerSchema>;
export type ModelingAnswer = z.infer<typeof modelingAnswerSchema>;
export type ModelingValue = z.infer<typeof modelingValueSchema>;
export type ScratchpadOutput = z.infer<typeof scratchpadOutputSchema>;
export type ScratchpadSeries = z.infer<typeof scratchpadSeriesSchema>;
export type CodingAnswer = z.infer<typeof codingAnswerSchema>;
export type KernelAnswer = z.infer<typeof kernelAnswerSchema>;

export const answerSchemas = {
  design: designAnswerSchema,
  behavioral: behavioralAnswerSchema,
  modeling: modelingAnswerSchema,
  coding: codingAnswerSchema,
  kernel: kernelAnswerSchema,
} satisfies Record<RoundKind, z.ZodType>;

export function answerSchemaFor(kind: RoundKind): z.ZodType {
  return answerSchemas[kind];
}
