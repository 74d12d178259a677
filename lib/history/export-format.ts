import { z } from "zod";
import { answerSchemas, decisions } from "@/lib/grading";
import { roundKinds } from "@/lib/scenarios/schema";

/**
 * The portable form of one session: what `GET /api/sessions/<id>/export?format=json` writes and
 * `POST /api/sessions/import` reads. Rounds, events and kernel attempts refer to rounds by position,
 * never by database id, so an import gets fresh ids and the same content.
 * Version 1; a change that an older reader would misread bumps the version.
 */
export const EXPORT_FORMAT = "loopbench-session";
export const EXPORT_VERSION = 1;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const isoDate = z.iso.datetime({ offset: true, message: "expected an ISO 8601 date-time such as 2026-03-01T09:00:00.000Z" });
const nullableDate = isoDate.nullable();

const rubricItemSchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  points: z.number(),
  maxPoints: z.number(),
  hit: z.boolean(),
  evidence: z.string().nullable(),
  note: z.string(),
  // Prose rounds explain each line (lib/grading/types.ts): kept through export and import.
  kind: z.enum(["concept", "estimate", "misconception", "structure", "figures", "ownership", "followup", "cap", "penalty"]).optional(),
  status: z.string().max(40).optional(),
  correction: z.string().max(2000).optional(),
  given: z.string().max(200).optional(),
  expected: z.string().max(200).optional(),
  derivation: z.string().max(4000).optional(),
  question: z.string().max(20000).optional(),
});

export const gradeSchema = z.object({
  kind: z.string(),
  score: z.number().nullable(),
  decision: z.enum(decisions).nullable(),
  items: z.array(rubricItemSchema),
  summary: z.string(),
});

const roundSchema = z
  .object({
    position: z.number().int().min(0).max(99),
    kind: z.enum(roundKinds),
    title: z.string().min(1).max(200),
    scenarioId: z.string().min(1).max(100),
    /** The scenario as it was played (snapshot); checked only for its id and kind. */
    scenario: z.looseObject({ id: z.string(), kind: z.string(), prompt: z.string().optional() }),
    durationMs: z.number().int().positive().max(2 ** 31 - 1),
    status: z.enum(["pending", "active", "paused", "submitted"]),
    startedAt: nullableDate,
    deadlineAt: nullableDate,
    pausedAt: nullableDate,
    remainingMs: z.number().int().min(0).max(2 ** 31 - 1).nullable(),
    submittedAt: nullableDate,
    submitReason: z.enum(["manual", "deadline"]).nullable(),
    answer: z.unknown().nullable(),
    answerVersion: z.number().int().min(0).max(2 ** 31 - 1),
    answerSavedAt: nullableDate,
    score: z.number().nullable(),
    grade: gradeSchema.nullable(),
  })
  .superRefine((r, ctx) => {
    if (r.scenario.id !== r.scenarioId) ctx.addIssue({ code: "custom", path: ["scenario", "id"], message: `is "${r.scenario.id}" but scenarioId is "${r.scenarioId}"` });
    if (r.scenario.kind !== r.kind) ctx.addIssue({ code: "custom", path: ["scenario", "kind"], message: `is "${r.scenario.kind}" but the round kind is "${r.kind}"` });
    if (r.answer !== null && r.answer !== undefined) {
      const parsed = answerSchemas[r.kind].safeParse(r.answer);
      if (!parsed.success) for (const i of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["answer", ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))], message: i.message });
    }
  });

const eventSchema = z.object({
  /** Position of the round the event belongs to; null for session-level events. */
  round: z.number().int().min(0).nullable(),
  type: z.string().min(1).max(64),
  payload: z.unknown().nullable(),
  createdAt: isoDate,
});

const kernelAttemptSchema = z.object({
  round: z.number().int().min(0).nullable(),
  problemId: z.string().min(1).max(100),
  source: z.string().max(200_000),
  backend: z.string().min(1).max(32),
  adapter: z.unknown().nullable(),
  verdict: z.string().min(1).max(32),
  result: z.unknown().refine((v) => v !== null && v !== undefined, "a kernel attempt needs its result"),
  createdAt: isoDate,
});

export const sessionExportSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT, { message: `not a Loopbench session export (format must be "${EXPORT_FORMAT}")` }),
    version: z.literal(EXPORT_VERSION, { message: `unsupported export version; this Loopbench reads version ${EXPORT_VERSION}` }),
    exportedAt: isoDate,
    /** The id the session had where it was exported; informative only (imports get a new id). */
    sourceId: z.string().max(100).optional(),
    session: z.object({
      templateId: z.string().min(1).max(100),
      templateTitle: z.string().min(1).max(200),
      mode: z.enum(["strict", "practice"]),
      seed: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1),
      status: z.enum(["active", "completed"]),
      createdAt: isoDate,
      completedAt: nullableDate,
      decision: z.enum(decisions).nullable(),
      overallScore: z.number().nullable(),
      debrief: z.unknown().nullable(),
    }),
    rounds: z.array(roundSchema).min(1, "a session has at least one round").max(100),
    events: z.array(eventSchema).max(100_000),
    kernelAttempts: z.array(kernelAttemptSchema).max(10_000).default([]),
  })
  .superRefine((x, ctx) => {
    // PostgreSQL's jsonb and text refuse the NUL character: name the field instead of failing the insert.
    const nul = findNul(x, []);
    if (nul) ctx.addIssue({ code: "custom", path: nul, message: "contains a NUL character (\\u0000), which the database cannot store" });
    const positions = x.rounds.map((r) => r.position);
    x.rounds.forEach((r, i) => {
      if (r.position !== i) ctx.addIssue({ code: "custom", path: ["rounds", i, "position"], message: `rounds must be listed in order 0..${x.rounds.length - 1}; found ${r.position} at index ${i}` });
    });
    const known = new Set(positions);
    x.events.forEach((e, i) => {
      if (e.round !== null && !known.has(e.round)) ctx.addIssue({ code: "custom", path: ["events", i, "round"], message: `refers to round ${e.round}, which the export does not contain` });
    });
    x.kernelAttempts.forEach((k, i) => {
      if (k.round !== null && !known.has(k.round)) ctx.addIssue({ code: "custom", path: ["kernelAttempts", i, "round"], message: `refers to round ${k.round}, which the export does not contain` });
    });
  });

export type SessionExport = z.infer<typeof sessionExportSchema>;
export type ExportedRound = SessionExport["rounds"][number];
export type ExportedEvent = SessionExport["events"][number];
export type ExportedKernelAttempt = SessionExport["kernelAttempts"][number];

function findNul(v: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof v === "string") return v.includes("\u0000") ? path : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = findNul(v[i], [...path, i]);
      if (p) return p;
    }
    return null;
  }
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      const p = k.includes("\u0000") ? [...path, k] : findNul(x, [...path, k]);
      if (p) return p;
    }
  }
  return null;
}

/** zod issues as "field: message" lines, the field written as a path (rounds[1].answer.sections). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const field = i.path.reduce<string>((s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), "");
      return `${field || "(file)"}: ${i.message}`;
    })
    .join("; ");
}
