import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { kernelAttempts } from "../schema";

export type KernelAttemptRow = typeof kernelAttempts.$inferSelect;

export async function createKernelAttempt({
  db,
  attempt,
}: {
  db: Db;
  attempt: Omit<typeof kernelAttempts.$inferInsert, "id" | "createdAt"> & { id?: string };
}): Promise<KernelAttemptRow> {
  const id = attempt.id ?? `ka_${crypto.randomUUID()}`;
  const [row] = await db.insert(kernelAttempts).values({ ...attempt, id }).returning();
  return row;
}

/** Newest first; the source is left out of the list (it can be large): fetch one attempt for it. */
export async function listKernelAttemptsByProblem({ db, problemId, limit = 50 }: { db: Db; problemId: string; limit?: number }) {
  return db
    .select({
      id: kernelAttempts.id,
      problemId: kernelAttempts.problemId,
      backend: kernelAttempts.backend,
      adapter: kernelAttempts.adapter,
      verdict: kernelAttempts.verdict,
      result: kernelAttempts.result,
      sessionId: kernelAttempts.sessionId,
      roundId: kernelAttempts.roundId,
      createdAt: kernelAttempts.createdAt,
    })
    .from(kernelAttempts)
    .where(eq(kernelAttempts.problemId, problemId))
    .orderBy(desc(kernelAttempts.createdAt))
    .limit(limit);
}

export async function getKernelAttemptById({ db, id }: { db: Db; id: string }): Promise<KernelAttemptRow | null> {
  const [row] = await db.select().from(kernelAttempts).where(eq(kernelAttempts.id, id)).limit(1);
  return row ?? null;
}
