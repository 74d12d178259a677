import { z } from "zod";
import { getDb } from "@/db/client";
import { getKernelAttemptById } from "@/db/queries/kernel-attempts";
import { HttpError, handle } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/kernel-attempts/:id: one attempt with its source, for side-by-side comparison. */
export const GET = handle(async (_req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const p = z.object({ id: z.string().min(1).max(100) }).safeParse(await ctx.params);
  if (!p.success) throw new HttpError(400, "bad attempt id");
  const row = await getKernelAttemptById({ db: await getDb(), id: p.data.id });
  if (!row) throw new HttpError(404, `No kernel attempt ${p.data.id}.`);
  // Lab attempts (no session) carry whatever result the browser posted: never shown as verified.
  return Response.json({ ...row, reportedBy: row.sessionId ? "server" : "browser" });
});
