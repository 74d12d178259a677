import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { ConceptRow, KindRow, SessionDetailRows, SessionExport } from "@/lib/history";
import type { Db } from "../client";
import { events, kernelAttempts, rounds, sessions } from "../schema";

export type KernelAttemptRow = typeof kernelAttempts.$inferSelect;

/** Filters of the history list. `decision: "none"` means sessions without a decision (unfinished or ungraded). */
export type HistoryFilter = {
  templateId?: string;
  kind?: string;
  decision?: string;
  /** Inclusive lower bound on the start time. */
  from?: Date;
  /** Exclusive upper bound on the start time. */
  to?: Date;
};

export type HistoryListRow = {
  id: string;
  templateId: string;
  templateTitle: string;
  mode: "strict" | "practice";
  status: "active" | "completed";
  createdAt: Date;
  completedAt: Date | null;
  decision: string | null;
  overallScore: number | null;
  kinds: string[];
  /** Set when the session came from an import: when it arrived, and the original's id. */
  importedAt: Date | null;
  importedFromId: string | null;
};

function sessionWhere(f: HistoryFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.templateId) conds.push(eq(sessions.templateId, f.templateId));
  if (f.decision === "none") conds.push(isNull(sessions.decision));
  else if (f.decision) conds.push(eq(sessions.decision, f.decision));
  if (f.from) conds.push(gte(sessions.createdAt, f.from));
  if (f.to) conds.push(lt(sessions.createdAt, f.to));
  // Written with an alias: drizzle leaves columns unqualified inside sql``, which would bind them to the inner table.
  // EXISTS walks rounds_session_idx once per candidate session and stops at the first match.
  if (f.kind) conds.push(sql`exists (select 1 from "rounds" r where r.session_id = "sessions"."id" and r.kind = ${f.kind})`);
  return conds.length ? and(...conds) : undefined;
}

/**
 * One page of past sessions, newest first, with the total matching the filter. Reads only the
 * narrow columns (no debrief JSON) and the round kinds of the rows on the page.
 */
export async function listSessionsByFilter({
  db,
  filter = {},
  limit,
  offset,
}: {
  db: Db;
  filter?: HistoryFilter;
  limit: number;
  offset: number;
}): Promise<{ rows: HistoryListRow[]; total: number }> {
  const where = sessionWhere(filter);
  // Deferred join: the page's ids are found first on the narrow (created_at, id) order, and only
  // those 25 rows are read whole and get their round kinds. With OFFSET, anything computed in the
  // same SELECT would be computed for every skipped row too.
  const page = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(where)
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(limit)
    .offset(offset)
    .as("page");
  const rowsQuery = db
    .select({
      id: sessions.id,
      templateId: sessions.templateId,
      templateTitle: sessions.templateTitle,
      mode: sessions.mode,
      status: sessions.status,
      createdAt: sessions.createdAt,
      completedAt: sessions.completedAt,
      decision: sessions.decision,
      overallScore: sessions.overallScore,
      importedAt: sessions.importedAt,
      importedFromId: sessions.importedFromId,
      kinds: sql<string[]>`coalesce((select array_agg(r.kind order by r.position) from "rounds" r where r.session_id = "sessions"."id"), '{}')`,
    })
    .from(page)
    .innerJoin(sessions, eq(sessions.id, page.id))
    .orderBy(desc(sessions.createdAt), desc(sessions.id));
  const countQuery = db.select({ n: sql<number>`count(*)::int` }).from(sessions).where(where);
  const [rows, [count]] = await Promise.all([rowsQuery, countQuery]);
  return { rows: rows.map((r) => ({ ...r, createdAt: toDate(r.createdAt), completedAt: r.completedAt ? toDate(r.completedAt) : null, importedAt: r.importedAt ? toDate(r.importedAt) : null, kinds: parsePgArray(r.kinds) })), total: count?.n ?? 0 };
}

/** Loop templates that appear in the history, for the filter's options. */
export async function listHistoryTemplates({ db }: { db: Db }): Promise<{ id: string; title: string; sessions: number }[]> {
  return db
    .select({ id: sessions.templateId, title: sql<string>`max(${sessions.templateTitle})`, sessions: sql<number>`count(*)::int` })
    .from(sessions)
    .groupBy(sessions.templateId)
    .orderBy(asc(sessions.templateId));
}

/** A session with its rounds, its whole event log (in order) and the kernel attempts made in it. */
export async function getSessionDetailById({ db, id }: { db: Db; id: string }): Promise<SessionDetailRows | null> {
  const [session] = await db.select().from(sessions).where(eq(sessions.id, id));
  if (!session) return null;
  const [roundRows, eventRows, attemptRows] = await Promise.all([
    db.select().from(rounds).where(eq(rounds.sessionId, id)).orderBy(asc(rounds.position)),
    db.select().from(events).where(eq(events.sessionId, id)).orderBy(asc(events.id)),
    db.select().from(kernelAttempts).where(eq(kernelAttempts.sessionId, id)).orderBy(asc(kernelAttempts.createdAt), asc(kernelAttempts.id)),
  ]);
  return { session, rounds: roundRows, events: eventRows, kernelAttempts: attemptRows };
}

/**
 * A session's pause and resume events with their round's position: all `timeUsedMs` needs, so the
 * debrief counts time used as the history does without reading the whole event log.
 */
export async function listPauseEventsBySessionId({ db, sessionId }: { db: Db; sessionId: string }): Promise<{ type: string; roundPosition: number | null; payload: null; createdAt: string }[]> {
  const rows = await db
    .select({ type: events.type, roundPosition: rounds.position, createdAt: events.createdAt })
    .from(events)
    .leftJoin(rounds, eq(rounds.id, events.roundId))
    .where(and(eq(events.sessionId, sessionId), inArray(events.type, ["pause", "resume"])))
    .orderBy(asc(events.id));
  return rows.map((r) => ({ type: r.type, roundPosition: r.roundPosition, payload: null, createdAt: toDate(r.createdAt).toISOString() }));
}

/** Other sessions of a template, newest first, to pick one to compare with. */
export async function listSessionsByTemplate({ db, templateId, limit = 50 }: { db: Db; templateId: string; limit?: number }) {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, decision: sessions.decision, overallScore: sessions.overallScore, status: sessions.status })
    .from(sessions)
    .where(eq(sessions.templateId, templateId))
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(limit);
}

export type KernelAttemptListRow = Omit<KernelAttemptRow, "source" | "result"> & { medianMs: number | null; gbps: number | null };

/** Kernel attempts, newest first, without their source; the timing figures come out of the result JSON. */
export async function listKernelAttempts({
  db,
  problemId,
  verdict,
  limit,
  offset,
}: {
  db: Db;
  problemId?: string;
  verdict?: string;
  limit: number;
  offset: number;
}): Promise<{ rows: KernelAttemptListRow[]; total: number }> {
  const conds: SQL[] = [];
  if (problemId) conds.push(eq(kernelAttempts.problemId, problemId));
  if (verdict) conds.push(eq(kernelAttempts.verdict, verdict));
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: kernelAttempts.id,
        problemId: kernelAttempts.problemId,
        backend: kernelAttempts.backend,
        adapter: kernelAttempts.adapter,
        verdict: kernelAttempts.verdict,
        sessionId: kernelAttempts.sessionId,
        roundId: kernelAttempts.roundId,
        createdAt: kernelAttempts.createdAt,
        medianMs: sql<number | null>`(${kernelAttempts.result}->'timing'->>'medianMs')::float8`,
        gbps: sql<number | null>`(${kernelAttempts.result}->'timing'->>'gbps')::float8`,
      })
      .from(kernelAttempts)
      .where(where)
      .orderBy(desc(kernelAttempts.createdAt), desc(kernelAttempts.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(kernelAttempts).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, createdAt: toDate(r.createdAt), medianMs: toNum(r.medianMs), gbps: toNum(r.gbps) })), total: count?.n ?? 0 };
}

export async function listKernelProblems({ db }: { db: Db }): Promise<string[]> {
  const rows = await db.selectDistinct({ id: kernelAttempts.problemId }).from(kernelAttempts).orderBy(asc(kernelAttempts.problemId));
  return rows.map((r) => r.id);
}

const period = sql`to_char(date_trunc('week', ${sessions.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;

/** Mean graded score per round kind per week (weeks start on Monday, UTC). */
export async function listProgressByKind({ db, filter = {} }: { db: Db; filter?: HistoryFilter }): Promise<KindRow[]> {
  const where = and(sql`${rounds.score} is not null`, sessionWhere({ ...filter, kind: undefined }), filter.kind ? eq(rounds.kind, filter.kind) : undefined);
  const rows = await db
    .select({ period: sql<string>`${period}`, kind: rounds.kind, meanScore: sql<number>`avg(${rounds.score})::float8`, rounds: sql<number>`count(*)::int` })
    .from(rounds)
    .innerJoin(sessions, eq(sessions.id, rounds.sessionId))
    .where(where)
    .groupBy(sql`1`, rounds.kind)
    .orderBy(sql`1`, rounds.kind);
  return rows.map((r) => ({ ...r, meanScore: Number(r.meanScore) }));
}

/**
 * Round kinds whose grade lists rubric concepts ("concept:<id>" items, from lib/grading's scoreRubric).
 * Reading only these rounds skips detoasting every other grade, which is most of the query's cost.
 */
export const conceptGradedKinds = ["design", "behavioral"];

/**
 * A token that changes whenever a grade can have changed: every submit, save, import and session
 * completion appends an event (max(events.id) is an index lookup), and a deletion changes the count.
 */
async function getHistoryVersion({ db }: { db: Db }): Promise<string> {
  const [row] = await db
    .select({ events: sql<string>`(select coalesce(max(${events.id}), 0) from ${events})::text`, sessions: sql<number>`(select count(*) from ${sessions})::int` })
    .from(sql`(select 1) as one`);
  return `${row?.events}:${row?.sessions}`;
}

const conceptCache = new WeakMap<Db, Map<string, { version: string; rows: ConceptRow[] }>>();

/**
 * Per rubric concept per week: how many graded rounds checked it and how many hit it. Unpacking
 * every grade's items costs about half a second at 10,000 sessions on PGlite, so the answer is
 * kept per filter until the history changes (see getHistoryVersion).
 */
export async function listProgressByConcept({ db, filter = {} }: { db: Db; filter?: HistoryFilter }): Promise<ConceptRow[]> {
  const version = await getHistoryVersion({ db });
  const key = JSON.stringify(filter);
  const cache = conceptCache.get(db) ?? new Map<string, { version: string; rows: ConceptRow[] }>();
  conceptCache.set(db, cache);
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.rows;
  const rows = await queryProgressByConcept({ db, filter });
  if (cache.size >= 32) cache.delete(cache.keys().next().value!);
  cache.set(key, { version, rows });
  return rows;
}

async function queryProgressByConcept({ db, filter }: { db: Db; filter: HistoryFilter }): Promise<ConceptRow[]> {
  const items = sql`jsonb_to_recordset(case when jsonb_typeof(${rounds.grade}->'items') = 'array' then ${rounds.grade}->'items' else '[]'::jsonb end) as item(id text, label text, hit boolean)`;
  const kinds = filter.kind ? [filter.kind] : conceptGradedKinds;
  const where = and(sql`${rounds.grade} is not null`, inArray(rounds.kind, kinds), sessionWhere({ ...filter, kind: undefined }));
  const result = await db.execute<{ period: string; concept_id: string; label: string; hits: number; total: number }>(sql`
    select ${period} as period, substr(item.id, 9) as concept_id, max(item.label) as label,
           sum(case when item.hit then 1 else 0 end)::int as hits, count(*)::int as total
    from ${rounds} inner join ${sessions} on ${sessions.id} = ${rounds.sessionId}
    cross join lateral ${items}
    where ${where} and item.id like 'concept:%'
    group by 1, 2
    order by 1, 2`);
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return (rows as { period: string; concept_id: string; label: string; hits: number; total: number }[]).map((r) => ({
    period: r.period,
    conceptId: r.concept_id,
    label: r.label,
    hits: Number(r.hits),
    total: Number(r.total),
  }));
}

/** Deletes a session with its rounds and events (cascade); its kernel attempts stay in the lab's history, unlinked. */
export async function deleteSessionById({ db, id }: { db: Db; id: string }): Promise<boolean> {
  const rows = await db.delete(sessions).where(eq(sessions.id, id)).returning({ id: sessions.id });
  return rows.length > 0;
}

const date = (s: string | null) => (s ? new Date(s) : null);

/** Writes an export back as a new session in one transaction: new ids, same content, events in their order. */
export async function insertSessionFromExport({ db, data }: { db: Db; data: SessionExport }): Promise<{ id: string }> {
  const id = randomUUID();
  const roundIds = data.rounds.map(() => randomUUID());
  const s = data.session;
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      id,
      templateId: s.templateId,
      templateTitle: s.templateTitle,
      mode: s.mode,
      seed: s.seed,
      status: s.status,
      createdAt: new Date(s.createdAt),
      completedAt: date(s.completedAt),
      decision: s.decision,
      overallScore: s.overallScore,
      debrief: s.debrief ?? null,
      // The imported marker (lib/history/import-dedupe.ts): the original's id and start, and when it arrived.
      importedFromId: data.sourceId ?? null, importedFromCreatedAt: new Date(s.createdAt), importedAt: new Date(),
    });
    await tx.insert(rounds).values(
      data.rounds.map((r, i) => ({
        id: roundIds[i],
        sessionId: id,
        position: r.position,
        kind: r.kind,
        title: r.title,
        scenarioId: r.scenarioId,
        scenario: r.scenario,
        durationMs: r.durationMs,
        status: r.status,
        startedAt: date(r.startedAt),
        deadlineAt: date(r.deadlineAt),
        pausedAt: date(r.pausedAt),
        remainingMs: r.remainingMs,
        submittedAt: date(r.submittedAt),
        submitReason: r.submitReason,
        answer: r.answer ?? null,
        answerVersion: r.answerVersion,
        answerSavedAt: date(r.answerSavedAt),
        score: r.score,
        grade: r.grade,
      })),
    );
    // One multi-row INSERT numbers its rows in order, so the log keeps its order across batches.
    for (let i = 0; i < data.events.length; i += 1000) {
      await tx.insert(events).values(
        data.events.slice(i, i + 1000).map((e) => ({
          sessionId: id,
          roundId: e.round === null ? null : roundIds[e.round],
          type: e.type,
          payload: e.payload ?? null,
          createdAt: new Date(e.createdAt),
        })),
      );
    }
    if (data.kernelAttempts.length) {
      await tx.insert(kernelAttempts).values(
        data.kernelAttempts.map((k) => ({
          id: randomUUID(),
          problemId: k.problemId,
          source: k.source,
          backend: k.backend,
          adapter: k.adapter ?? null,
          verdict: k.verdict,
          result: k.result,
          sessionId: id,
          roundId: k.round === null ? null : roundIds[k.round],
          createdAt: new Date(k.createdAt),
        })),
      );
    }
  });
  return { id };
}

// Raw sql columns skip drizzle's mapping: dates may come back as strings and arrays as "{a,b}" text.
function toDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(v);
}

function toNum(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function parsePgArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === "string" && v.startsWith("{")) return v.slice(1, -1).split(",").filter(Boolean).map((x) => x.replace(/^"|"$/g, ""));
  return [];
}
