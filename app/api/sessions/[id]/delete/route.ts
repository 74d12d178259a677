import { getDb } from "@/db/client";
import { deleteSessionById } from "@/db/queries/history";
import { handle, HttpError } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * POST /api/sessions/<id>/delete: removes a session with its rounds and event log.
 * (A POST on its own path because app/api/sessions/[id]/route.ts belongs to the loop; a DELETE
 * there can call the same query.) Kernel attempts made in it stay in the lab's list, unlinked.
 */
export const POST = handle(async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const deleted = await deleteSessionById({ db: await getDb(), id });
  if (!deleted) throw new HttpError(404, `No session "${id}"; it may have been deleted already.`);
  return Response.json({ deleted: true, id });
});
