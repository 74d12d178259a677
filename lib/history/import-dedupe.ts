import "server-only";
import type { Db } from "@/db/client";
import { listSessionsMatchingImport } from "@/db/queries/imports";
import type { SessionExport } from "./export-format";

/** The query flag that imports a second copy on purpose: POST /api/sessions/import?duplicate=allow. */
export const ALLOW_DUPLICATE_PARAM = "duplicate";
export const ALLOW_DUPLICATE_VALUE = "allow";

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * A second import of a session already here is refused with 409 (the same export twice would count
 * twice in progress and compare), unless the request says `?duplicate=allow`. The answer names the
 * session already here, so the page can link to it or offer to import a copy anyway.
 */
export async function refuseDuplicateImport({ db, data, req }: { db: Db; data: SessionExport; req: Request }): Promise<Response | null> {
  if (new URL(req.url).searchParams.get(ALLOW_DUPLICATE_PARAM) === ALLOW_DUPLICATE_VALUE) return null;
  const [twin] = await listSessionsMatchingImport({
    db,
    sourceId: data.sourceId ?? null,
    templateId: data.session.templateId,
    seed: data.session.seed,
    createdAt: new Date(data.session.createdAt),
  });
  if (!twin) return null;
  const what = twin.importedAt
    ? `it was imported on ${utc(twin.importedAt)}`
    : `the original session is here`;
  return Response.json(
    {
      error:
        `This session (${data.session.templateTitle}, started ${utc(new Date(data.session.createdAt))}) is already in your history: ${what}. ` +
        `Open it instead, or import a second copy on purpose (it will count twice in progress).`,
      duplicateOf: { id: twin.id, url: `/history/${twin.id}` },
      allowDuplicate: `?${ALLOW_DUPLICATE_PARAM}=${ALLOW_DUPLICATE_VALUE}`,
    },
    { status: 409 },
  );
}
