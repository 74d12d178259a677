import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { events, rounds } from "../schema";

export type RunEventPayload = { language: string; code: string; results: unknown; durationMs: number };

export type AppendRunOutcome =
  | { ok: true; eventId: number; roundId: string }
  | { ok: false; reason: "no-round" }
  | { ok: false; reason: "not-active"; status: string };

/**
 * Appends a "run" event to a round's log, only while the round is active. The round row is locked
 * for the check, so a run cannot land after a concurrent submission moved the round on.
 */
export async function appendRunEvent({ db, sessionId, position, payload }: { db: Db; sessionId: string; position: number; payload: RunEventPayload }): Promise<AppendRunOutcome> {
  return db.transaction(async (tx) => {
    const [round] = await tx
      .select({ id: rounds.id, status: rounds.status })
      .from(rounds)
      .where(and(eq(rounds.sessionId, sessionId), eq(rounds.position, position)))
      .for("update");
    if (!round) return { ok: false, reason: "no-round" } as const;
    if (round.status !== "active") return { ok: false, reason: "not-active", status: round.status } as const;
    const [row] = await tx.insert(events).values({ sessionId, roundId: round.id, type: "run", payload }).returning({ id: events.id });
    return { ok: true, eventId: row.id, roundId: round.id } as const;
  });
}

/** How many runs each round of a session logged (round id → count), for the submit confirmation. */
export async function countRunEvents({ db, sessionId }: { db: Db; sessionId: string }): Promise<Map<string, number>> {
  const rows = await db
    .select({ roundId: events.roundId, n: sql<number>`count(*)::int` })
    .from(events)
    .where(and(eq(events.sessionId, sessionId), eq(events.type, "run")))
    .groupBy(events.roundId);
  return new Map(rows.filter((r) => r.roundId).map((r) => [r.roundId as string, Number(r.n)]));
}
