import { getDb } from "@/db/client";
import { insertSessionFromExport } from "@/db/queries/history";
import { handle, parseJsonBody } from "@/lib/http";
import { MAX_IMPORT_BYTES, sessionExportSchema } from "@/lib/history";
import { refuseDuplicateImport } from "@/lib/history/import-dedupe";

export const dynamic = "force-dynamic";

/**
 * POST /api/sessions/import with a JSON export (format "loopbench-session", version 1).
 * A wrong or foreign file is a 4xx naming the field; a good one becomes a new session, written in one transaction.
 * A session already here (imported before, or the original) is 409 unless `?duplicate=allow`.
 */
export const POST = handle(async (req: Request) => {
  const data = await parseJsonBody(req, sessionExportSchema, MAX_IMPORT_BYTES);
  const refused = await refuseDuplicateImport({ db: await getDb(), data, req });
  if (refused) return refused;
  const { id } = await insertSessionFromExport({ db: await getDb(), data });
  return Response.json({ id, url: `/history/${id}` }, { status: 201 });
});
