import { z } from "zod";
import { getDb } from "@/db/client";
import { createKernelAttempt, listKernelAttemptsByProblem } from "@/db/queries/kernel-attempts";
import { kernelProblemIds } from "@/kernels";
import { kernelResultSchema } from "@/lib/gpu/result";
import { HttpError, handle, parseJsonBody } from "@/lib/http";

export const dynamic = "force-dynamic";

const problemId = z.string().refine((id) => kernelProblemIds.includes(id), { message: `must be one of ${kernelProblemIds.join(", ")}` });

const createBody = z
  .object({
    problemId,
    source: z.string().min(1).max(100_000),
    result: kernelResultSchema,
  })
  .refine((b) => b.result.problem === b.problemId, { message: "result.problem must equal problemId", path: ["result", "problem"] });

/**
 * POST /api/kernel-attempts: saves a lab attempt with the result the browser harness produced. The
 * server does not re-run it: the result is stored as the browser's report and shown as "reported by
 * your browser" (only kernel rounds, graded on the server, count as verified).
 */
export const POST = handle(async (req: Request) => {
  const body = await parseJsonBody(req, createBody);
  const row = await createKernelAttempt({
    db: await getDb(),
    attempt: {
      problemId: body.problemId,
      source: body.source,
      backend: body.result.backend,
      adapter: body.result.adapter,
      verdict: body.result.verdict,
      result: body.result,
    },
  });
  return Response.json({ id: row.id, createdAt: row.createdAt }, { status: 201 });
});

/** GET /api/kernel-attempts?problemId=...: the problem's attempts, newest first (without sources). */
export const GET = handle(async (req: Request) => {
  const q = z.object({ problemId, limit: z.coerce.number().int().min(1).max(200).default(50) }).safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!q.success) throw new HttpError(400, q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const rows = await listKernelAttemptsByProblem({ db: await getDb(), ...q.data });
  // A lab attempt's result is whatever the browser posted: labelled as reported, never as verified.
  return Response.json({ attempts: rows.map((r) => ({ ...r, reportedBy: r.sessionId ? "server" : "browser" })) });
});
