import { getDb } from "@/db/client";
import { deleteSessionById } from "@/db/queries/history";
import { HttpError, handle } from "@/lib/http";
import { getSessionView } from "@/lib/loop";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle(async (_req: Request, ctx: Ctx) => {
  const { id } = await ctx.params;
  return Response.json(await getSessionView({ db: await getDb(), id }));
});

/** Deletes a session with its rounds and events (kernel attempts stay, unlinked). */
export const DELETE = handle(async (_req: Request, ctx: Ctx) => {
  const { id } = await ctx.params;
  if (!(await deleteSessionById({ db: await getDb(), id }))) throw new HttpError(404, `No session "${id}".`);
  return Response.json({ deleted: true, id });
});
