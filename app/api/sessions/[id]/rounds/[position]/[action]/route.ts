import { z } from "zod";
import { getDb } from "@/db/client";
import { HttpError, handle, parseJsonBody } from "@/lib/http";
import { MAX_ANSWER_BODY_BYTES } from "@/lib/grading/answers";
import { askFollowups, pauseRound, resumeRound, saveAnswer, startRound, submitRound } from "@/lib/loop";

export const dynamic = "force-dynamic";

const params = z.object({
  id: z.string().min(1).max(100),
  position: z.coerce.number().int().min(0).max(50),
  action: z.enum(["answer", "submit", "start", "pause", "resume", "followup"]),
});
const answerBody = z.object({ answer: z.unknown().refine((a) => a !== undefined, "answer is required") });
const submitBody = z.object({ answer: z.unknown().optional() });
const followupBody = z.object({ early: z.boolean().default(false) });

/**
 * POST /api/sessions/:id/rounds/:position/(answer|submit|start|pause|resume|followup)
 * `answer` autosaves; `submit` saves the final answer (if given) and grades; `followup` has the
 * interviewer ask the design round's due questions (`{ early: true }`: the next one now); the rest
 * move the clock. Answer bodies may be up to 512 KiB: a design answer carries its drawing.
 */
export const POST = handle(async (req: Request, ctx: { params: Promise<Record<string, string>> }) => {
  const p = params.safeParse(await ctx.params);
  if (!p.success) throw new HttpError(404, `Unknown round action: ${p.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const { id: sessionId, position, action } = p.data;
  const db = await getDb();
  switch (action) {
    case "answer": {
      const body = await parseJsonBody(req, answerBody, MAX_ANSWER_BODY_BYTES);
      return Response.json(await saveAnswer({ db, sessionId, position, answer: body.answer }));
    }
    case "submit": {
      const body = await parseJsonBody(req, submitBody, MAX_ANSWER_BODY_BYTES);
      return Response.json(await submitRound({ db, sessionId, position, answer: body.answer }));
    }
    case "start":
      return Response.json(await startRound({ db, sessionId, position }));
    case "pause":
      await pauseRound({ db, sessionId, position });
      return Response.json({ ok: true });
    case "resume":
      await resumeRound({ db, sessionId, position });
      return Response.json({ ok: true });
    case "followup": {
      const body = await parseJsonBody(req, followupBody);
      return Response.json(await askFollowups({ db, sessionId, position, early: body.early }));
    }
  }
});
