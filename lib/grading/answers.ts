import { z } from "zod";
import { diagramSchema } from "@/lib/diagram/schema";
import type { RoundKind } from "@/lib/scenarios/schema";

/**
 * Answer shapes per round kind, parsed at the API boundary. Limits are documented in the README:
 * a text field holds at most 20,000 characters, code at most 100,000, a request body at most 256 KiB
 * (a round's answer or submit body at most 512 KiB: a design answer carries its drawing, up to 256 KiB).
 */
export const MAX_TEXT = 20_000;
export const MAX_CODE = 100_000;
export const MAX_BODY_BYTES = 256 * 1024;
export const MAX_ANSWER_BODY_BYTES = 512 * 1024;
/** A design round asks at most this many follow-up questions. */
export const MAX_FOLLOWUPS = 20;

const text = z.string().max(MAX_TEXT, `at most ${MAX_TEXT.toLocaleString("en-US")} characters per field`);

/**
 * A question the interviewer asked in a design round and the candidate's answer to it. The server
 * writes id, question, source, target and askedAtMs when it asks (a client cannot add or reword a
 * question: saves keep only its `answer`). `askedAtMs` is time on the round's clock (pauses excluded).
 * `id` is the scenario follow-up's id for a scripted question, `probe:<concept|misconception|estimate>:<target>`
 * for a probe; `target` repeats the rubric id a probe aims at.
 */
export const followupSchema = z.object({
  id: z.string().min(1).max(200),
  question: z.string().min(1).max(4000),
  source: z.enum(["scripted", "probe"]),
  target: z.string().max(200).optional(),
  askedAtMs: z.number().int().min(0).max(2 ** 31 - 1),
  answer: text.default(""),
});

/** The grader's name for a follow-up entry. */
export const followupAnswerSchema = followupSchema;
export type FollowupAnswer = z.infer<typeof followupSchema>;

export const designAnswerSchema = z.object({
  sections: z.record(z.string().max(64), text).refine((r) => Object.keys(r).length <= 20, "at most 20 sections"),
  /** The whiteboard: Excalidraw elements (plain JSON) and a small app state; null once cleared. */
  diagram: diagramSchema.nullable().optional(),
  followups: z.array(followupSchema).max(MAX_FOLLOWUPS, `at most ${MAX_FOLLOWUPS} follow-ups`).optional(),
}).superRefine((a, ctx) => {
  // The database cannot store the NUL character in JSON: name the field rather than fail the write.
  const path = nulPath(a, []);
  if (path) ctx.addIssue({ code: "custom", path, message: "contains a NUL character (\\u0000), which cannot be stored" });
});

function nulPath(v: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof v === "string") return v.includes("\u0000") ? path : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = nulPath(v[i], [...path, i]);
      if (p) return p;
    }
  } else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      const p = k.includes("\u0000") ? [...path, k] : nulPath(x, [...path, k]);
      if (p) return p;
    }
  }
  return null;
}
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
  /** sourceHash() of the source that result measured: a result for another source is never credited. */
  resultSourceHash: z.string().max(64).optional(),
});

export type DesignAnswer = z.infer<typeof designAnswerSchema>;
export type Followup = z.infer<typeof followupSchema>;
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
