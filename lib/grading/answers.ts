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
export const modelingAnswerSchema = z.object({
  values: z
    .record(
      z.string().max(64),
      z.object({ value: z.number().finite().nullable(), unit: z.string().max(32) }),
    )
    .refine((r) => Object.keys(r).length <= 50, "at most 50 answers"),
  assumptions: text.default(""),
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
