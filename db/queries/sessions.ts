import "server-only";
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { events, rounds, sessions } from "../schema";

export type SessionRow = typeof sessions.$inferSelect;
export type RoundRow = typeof rounds.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;
export type NewRound = typeof rounds.$inferInsert;

/** Round columns the loop engine changes together (clock, answer, outcome). */
export type RoundPatch = Partial<
  Pick<
    RoundRow,
    | "status"
    | "startedAt"
    | "deadlineAt"
    | "pausedAt"
    | "remainingMs"
    | "submittedAt"
    | "submitReason"
    | "answer"
    | "answerSavedAt"
    | "score"
    | "grade"
  >
>;

export async function createSessionWithRounds({ db, session, rounds: newRounds, event }: { db: Db; session: NewSession; rounds: NewRound[]; event?: { type: string; payload: unknown } }) {
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values(session);
    await tx.insert(rounds).values(newRounds);
    if (event) await tx.insert(events).values({ sessionId: session.id, type: event.type, payload: event.payload });
  });
}

export async function getSessionById({ db, id }: { db: Db; id: string }): Promise<SessionRow | null> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row ?? null;
}

export async function getRoundsBySessionId({ db, sessionId }: { db: Db; sessionId: string }): Promise<RoundRow[]> {
  return db.select().from(rounds).where(eq(rounds.sessionId, sessionId)).orderBy(asc(rounds.position));
}

export async function getEventsBySessionId({ db, sessionId }: { db: Db; sessionId: string }): Promise<EventRow[]> {
  return db.select().from(events).where(eq(events.sessionId, sessionId)).orderBy(asc(events.id));
}

/**
 * Applies a patch only while the round is still in one of `fromStatus` (a compare-and-set), and
 * appends the event in the same transaction. Returns the updated row, or null when another request
 * (or the deadline sweep) changed the round first.
 */
export async function updateRoundIfStatus({
  db,
  id,
  fromStatus,
  patch,
  bumpVersion = false,
  ifAnswerVersion,
  event,
}: {
  db: Db;
  id: string;
  fromStatus: RoundRow["status"][];
  patch: RoundPatch;
  bumpVersion?: boolean;
  /** Also require the answer to be at this version (a writer that merged with the stored answer). */
  ifAnswerVersion?: number;
  event?: { type: string; payload?: unknown };
}): Promise<RoundRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(rounds)
      .set({ ...patch, ...(bumpVersion ? { answerVersion: sql`${rounds.answerVersion} + 1` } : {}) })
      .where(and(eq(rounds.id, id), inArray(rounds.status, fromStatus), ifAnswerVersion === undefined ? undefined : eq(rounds.answerVersion, ifAnswerVersion)))
      .returning();
    if (!row) return null;
    if (event) await tx.insert(events).values({ sessionId: row.sessionId, roundId: row.id, type: event.type, payload: event.payload ?? null });
    return row;
  });
}

export async function completeSession({ db, id, decision, overallScore, debrief, completedAt }: { db: Db; id: string; decision: string | null; overallScore: number | null; debrief: unknown; completedAt: Date }) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(sessions)
      .set({ status: "completed", decision, overallScore, debrief, completedAt })
      .where(and(eq(sessions.id, id), eq(sessions.status, "active")))
      .returning({ id: sessions.id });
    if (row) await tx.insert(events).values({ sessionId: id, type: "session-complete", payload: { decision, overallScore } });
  });
}

/** Running rounds whose deadline is before `before` (the sweep adds the save grace). */
export async function listOverdueRounds({ db, before }: { db: Db; before: Date }): Promise<RoundRow[]> {
  return db
    .select()
    .from(rounds)
    .where(and(eq(rounds.status, "active"), lt(rounds.deadlineAt, before)))
    .orderBy(asc(rounds.deadlineAt));
}

export async function listSessions({ db, limit, offset }: { db: Db; limit: number; offset: number }): Promise<SessionRow[]> {
  return db.select().from(sessions).orderBy(desc(sessions.createdAt), desc(sessions.id)).limit(limit).offset(offset);
}

export async function countSessions({ db }: { db: Db }): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sessions);
  return row?.n ?? 0;
}
