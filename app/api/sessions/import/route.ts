import { getDb } from "@/db/client";
import { insertSessionFromExport } from "@/db/queries/history";
import { handle, HttpError, parseJsonBody } from "@/lib/http";
import { asImportedHistory, MAX_IMPORT_BYTES, sessionExportSchema, validateImportedScenarios } from "@/lib/history";
import { refuseDuplicateImport } from "@/lib/history/import-dedupe";

export const dynamic = "force-dynamic";

/**
 * POST /api/sessions/import with a JSON export (format "loopbench-session", version 1).
 * A wrong or foreign file is a 4xx naming the field; a good one becomes a new session, written in one transaction,
 * as submitted history (lib/history/import-as-history.ts): imported code is never run.
 * A session already here (imported before, or the original) is 409 unless `?duplicate=allow`.
 */
export const POST = handle(async (req: Request) => {
  const parsed = await parseJsonBody(req, sessionExportSchema, MAX_IMPORT_BYTES);
  const issues = validateImportedScenarios(parsed);
  if (issues.length) throw new HttpError(422, issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  const refused = await refuseDuplicateImport({ db: await getDb(), data: parsed, req });
  if (refused) return refused;
  // Stored as history: no round is active, so nothing in it is ever swept, graded or run.
  const { id } = await insertSessionFromExport({ db: await getDb(), data: asImportedHistory(parsed) });
  return Response.json({ id, url: `/history/${id}` }, { status: 201 });
});
