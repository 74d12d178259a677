import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { sessions } from "../schema";

export type ImportTwin = {
  id: string;
  templateTitle: string;
  createdAt: Date;
  importedFromId: string | null;
  importedAt: Date | null;
};

/**
 * Sessions that are the same session as an export: the original itself (its id is the export's source id),
 * an earlier import of it (same original id), or any session of the same loop, seed and start instant
 * (an export whose source id was removed or edited still names when it started). Oldest first.
 */
export async function listSessionsMatchingImport({
  db,
  sourceId,
  templateId,
  seed,
  createdAt,
}: {
  db: Db;
  sourceId: string | null;
  templateId: string;
  seed: number;
  createdAt: Date;
}): Promise<ImportTwin[]> {
  const sameStart = and(eq(sessions.templateId, templateId), eq(sessions.seed, seed), eq(sessions.createdAt, createdAt));
  const where = sourceId ? or(eq(sessions.id, sourceId), eq(sessions.importedFromId, sourceId), sameStart) : sameStart;
  return db
    .select({
      id: sessions.id,
      templateTitle: sessions.templateTitle,
      createdAt: sessions.createdAt,
      importedFromId: sessions.importedFromId,
      importedAt: sessions.importedAt,
    })
    .from(sessions)
    .where(where)
    .orderBy(sql`${sessions.importedAt} asc nulls first`, sessions.id)
    .limit(5);
}
