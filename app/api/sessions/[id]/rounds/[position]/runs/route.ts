import { z } from "zod";
import { getDb } from "@/db/client";
import { appendRunEvent } from "@/db/queries/runs";
import { MAX_CODE } from "@/lib/grading/answers";
import { HttpError, handle, parseJsonBody } from "@/lib/http";
import { finalizeOverdueRounds } from "@/lib/loop";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1).max(100), position: z.coerce.number().int().min(0).max(50) });

const short = (n: number) => z.string().max(n);
const runError = z.object({ kind: short(32), type: short(100), message: short(2000), line: z.number().int().nullable() });

/** One case as the browser ran it: enough to replay the run on the review page, capped in size. */
const caseResult = z.object({
  name: short(80),
  status: z.enum(["pass", "fail", "error", "not-run"]),
  actual: z.unknown().optional(),
  mismatch: short(500).optional(),
  stdout: short(16_384),
  error: runError.optional(),
  durationMs: z.number().min(0).max(600_000),
});

const runBody = z.object({
  language: z.enum(["python", "typescript"]),
  code: z.string().max(MAX_CODE, `code is limited to ${MAX_CODE.toLocaleString("en-US")} characters`),
  results: z.object({
    status: z.enum(["ok", "load-error", "infra-error"]),
    loadError: runError.optional(),
    loadStdout: short(16_384).default(""),
    cases: z.array(caseResult).max(100),
    passed: z.number().int().min(0),
    total: z.number().int().min(0),
  }),
  durationMs: z.number().min(0).max(600_000),
});
export type RunBody = z.infer<typeof runBody>;

/**
 * POST /api/sessions/:id/rounds/:position/runs — records a browser run of the visible tests in the
 * round's event log (type "run"). 409 when the round is not active (not started, paused, submitted).
 */
export const POST = handle(async (req: Request, ctx: { params: Promise<Record<string, string>> }) => {
  const p = params.safeParse(await ctx.params);
  if (!p.success) throw new HttpError(404, `Unknown round: ${p.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const body = await parseJsonBody(req, runBody);
  const db = await getDb();
  // A round past its deadline is submitted first, so its runs stop being accepted at the deadline.
  await finalizeOverdueRounds({ db, sessionId: p.data.id });
  const out = await appendRunEvent({ db, sessionId: p.data.id, position: p.data.position, payload: body });
  if (!out.ok && out.reason === "no-round") throw new HttpError(404, `Session ${p.data.id} has no round ${p.data.position + 1}.`);
  if (!out.ok) throw new HttpError(409, `Runs are recorded only while the round is active; this one is ${out.status}.`);
  return Response.json({ eventId: out.eventId }, { status: 201 });
});
