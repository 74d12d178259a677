import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import {
  completeSession,
  createSessionWithRounds,
  getRoundsBySessionId,
  getSessionById,
  listOverdueRounds,
  updateRoundIfStatus,
  type RoundRow,
  type SessionRow,
} from "@/db/queries/sessions";
import { createKernelAttempt } from "@/db/queries/kernel-attempts";
import { countRunEvents } from "@/db/queries/runs";
import { answerSchemas, decideLoop, designAnswerSchema, gradeRound, type DesignAnswer, type Followup, type Grade } from "@/lib/grading";
import { pickFollowup } from "@/lib/grading/probes";
import { diagramKey } from "@/lib/diagram";
import type { KernelResult } from "@/lib/gpu/result";
import type { DesignScenario, RoundKind, RuntimeScenario, ScenarioLibrary } from "@/lib/scenarios";
import { drawLoop, type DrawOptions } from "./draw";
import { followupMoments, followupsDue, legacyFollowups, mergeFollowups, nextFollowupInMs } from "./followups";
import * as clock from "./engine";
import { LoopError, SAVE_GRACE_MS, type LoopMode } from "./engine";
import { publicScenario, type PublicScenario } from "./public-scenario";
import { warmGraderFor } from "./warmup";

type Ctx = { db: Db; now?: Date };

const nowOf = (ctx: Ctx) => ctx.now ?? new Date();

export async function startLoop(
  ctx: Ctx & { library: ScenarioLibrary; templateId: string; mode: LoopMode; seed?: number; kind?: RoundKind; scenarioIds?: DrawOptions["scenarioIds"] },
): Promise<{ id: string }> {
  const template = ctx.library.loops.find((l) => l.id === ctx.templateId);
  if (!template) throw new LoopError(`No loop template "${ctx.templateId}". Valid: ${ctx.library.loops.map((l) => l.id).join(", ")}.`, 404);
  const seed = ctx.seed ?? Math.floor(Math.random() * 2 ** 31);
  const drawn = drawLoop(template, ctx.library.scenarios, { seed, kind: ctx.kind, scenarioIds: ctx.scenarioIds });
  const now = nowOf(ctx);
  const id = randomUUID();
  const rows = drawn.map((r) => {
    const base = { status: "pending" as const, durationMs: Math.round(r.minutes * 60_000), startedAt: null, deadlineAt: null, pausedAt: null, remainingMs: null };
    const started = r.position === 0 ? clock.start(base, now) : base;
    return {
      id: randomUUID(),
      sessionId: id,
      position: r.position,
      kind: r.kind,
      title: r.title,
      scenarioId: r.scenario.id,
      scenario: r.scenario,
      ...started,
    };
  });
  await createSessionWithRounds({
    db: ctx.db,
    session: { id, templateId: template.id, templateTitle: template.title, mode: ctx.mode, seed, createdAt: now },
    rounds: rows,
    event: { type: "session-start", payload: { templateId: template.id, mode: ctx.mode, seed, scenarios: drawn.map((r) => r.scenario.id) } },
  });
  warmGraderFor(drawn[0].kind);
  return { id };
}

function clockOf(r: RoundRow): clock.RoundClock {
  return { status: r.status, durationMs: r.durationMs, startedAt: r.startedAt, deadlineAt: r.deadlineAt, pausedAt: r.pausedAt, remainingMs: r.remainingMs };
}

/**
 * Submits a round with the answer it holds. At the deadline the time of submission is the
 * deadline itself, whatever the hour the sweep or the next visit noticed it.
 */
async function finalizeRound(ctx: Ctx, round: RoundRow, reason: "manual" | "deadline"): Promise<RoundRow | null> {
  const now = nowOf(ctx);
  const grade = await gradeRound(round.scenario as RuntimeScenario, round.answer);
  const submittedAt = reason === "deadline" && round.deadlineAt ? round.deadlineAt : now;
  const row = await updateRoundIfStatus({
    db: ctx.db,
    id: round.id,
    fromStatus: reason === "deadline" ? ["active"] : ["active", "paused"],
    patch: { status: "submitted", submittedAt, submitReason: reason, score: grade.score, grade, pausedAt: null, remainingMs: null },
    event: { type: reason === "deadline" ? "auto-submit" : "submit", payload: { answerVersion: round.answerVersion, score: grade.score } },
  });
  if (row && round.kind === "kernel" && grade.data) await recordKernelAttempt(ctx, row, grade.data as KernelResult);
  if (row) await maybeCompleteSession(ctx, row.sessionId);
  return row;
}

/** A graded kernel round is also a kernel attempt, so the lab's history and comparisons include it. */
async function recordKernelAttempt(ctx: Ctx, round: RoundRow, result: KernelResult) {
  const source = (round.answer as { source?: string } | null)?.source ?? "";
  await createKernelAttempt({
    db: ctx.db,
    attempt: { problemId: result.problem, source, backend: result.backend, adapter: result.adapter, verdict: result.verdict, result, sessionId: round.sessionId, roundId: round.id },
  });
}

async function maybeCompleteSession(ctx: Ctx, sessionId: string) {
  const rounds = await getRoundsBySessionId({ db: ctx.db, sessionId });
  if (rounds.some((r) => r.status !== "submitted")) return;
  const outcome = decideLoop(rounds.map((r) => ({ title: r.title, kind: r.kind, score: r.score, decision: (r.grade as Grade | null)?.decision ?? null })));
  await completeSession({ db: ctx.db, id: sessionId, decision: outcome.decision, overallScore: outcome.overallScore, debrief: outcome, completedAt: nowOf(ctx) });
}

/** Submits every overdue round (of one session, or all); run at start-up, periodically, and on access. */
export async function finalizeOverdueRounds(ctx: Ctx & { sessionId?: string; skipKinds?: readonly string[] }): Promise<number> {
  const before = new Date(nowOf(ctx).getTime() - SAVE_GRACE_MS);
  const overdue = (
    ctx.sessionId
      ? (await getRoundsBySessionId({ db: ctx.db, sessionId: ctx.sessionId })).filter((r) => clock.isOverdue(clockOf(r), nowOf(ctx)))
      : await listOverdueRounds({ db: ctx.db, before })
  ).filter((r) => !ctx.skipKinds?.includes(r.kind));
  let n = 0;
  for (const r of overdue) if (await finalizeRound(ctx, r, "deadline")) n++;
  return n;
}

/** Rounds whose grade runs candidate code (the sandbox, headless Chromium): seconds to minutes. */
const CODE_KINDS = ["coding", "kernel"] as const;
const inBackground = new Map<string, Promise<unknown>>();

/**
 * On a save or a page view: overdue prose rounds are submitted inline (their grade is milliseconds),
 * overdue coding and kernel rounds are submitted in the background, so the request never waits for
 * candidate code to run (the deadline sweep submits them too). A round graded twice at once is
 * written once (updateRoundIfStatus).
 */
async function finalizeOverdueOnAccess(ctx: Ctx, sessionId: string) {
  await finalizeOverdueRounds({ ...ctx, sessionId, skipKinds: CODE_KINDS });
  if (inBackground.has(sessionId)) return;
  const rounds = await getRoundsBySessionId({ db: ctx.db, sessionId });
  if (!rounds.some((r) => (CODE_KINDS as readonly string[]).includes(r.kind) && clock.isOverdue(clockOf(r), nowOf(ctx)))) return;
  const job = finalizeOverdueRounds({ ...ctx, sessionId })
    .catch((err) => console.error(`[loopbench] grading overdue rounds of ${sessionId} failed:`, (err as Error).message))
    .finally(() => inBackground.delete(sessionId));
  inBackground.set(sessionId, job);
}

async function loadRound(ctx: Ctx, sessionId: string, position: number): Promise<{ session: SessionRow; round: RoundRow; rounds: RoundRow[] }> {
  await finalizeOverdueOnAccess(ctx, sessionId);
  const session = await getSessionById({ db: ctx.db, id: sessionId });
  if (!session) throw new LoopError(`No session "${sessionId}".`, 404);
  const rounds = await getRoundsBySessionId({ db: ctx.db, sessionId });
  const round = rounds.find((r) => r.position === position);
  if (!round) throw new LoopError(`Session has no round ${position + 1} (it has ${rounds.length}).`, 404);
  return { session, round, rounds };
}

export function parseAnswer(kind: string, answer: unknown) {
  const schema = answerSchemas[kind as RoundKind];
  if (!schema) throw new LoopError(`Unknown round kind ${kind}.`, 400);
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    throw new LoopError(`Invalid ${kind} answer: ${parsed.error.issues.map((i) => `${i.path.join(".") || "answer"}: ${i.message}`).join("; ")}`, 422);
  }
  return parsed.data;
}

export async function saveAnswer(ctx: Ctx & { sessionId: string; position: number; answer: unknown }) {
  // A design answer is merged with what the server stored (its follow-up questions), so the write is
  // a compare-and-set on the answer's version too; a question asked in between makes it try again.
  for (let attempt = 0; attempt < 4; attempt++) {
    const { round } = await loadRound(ctx, ctx.sessionId, ctx.position);
    const parsed = parseAnswer(round.kind, ctx.answer);
    const now = nowOf(ctx);
    if (round.status === "submitted") throw new LoopError("This round was already submitted; the saved answer is final.", 409);
    if (round.status === "pending") throw new LoopError("This round has not started yet.", 409);
    if (round.status === "active" && !clock.acceptsSaves(clockOf(round), now)) throw new LoopError("Time is up for this round; it was submitted with the last saved answer.", 409);
    const { answer, payload } = round.kind === "design" ? designSave(parsed as DesignAnswer, storedDesignAnswer(round.answer)) : { answer: parsed, payload: { answer: parsed } };
    const row = await updateRoundIfStatus({
      db: ctx.db,
      id: round.id,
      fromStatus: ["active", "paused"],
      patch: { answer, answerSavedAt: now },
      bumpVersion: true,
      ifAnswerVersion: round.kind === "design" ? round.answerVersion : undefined,
      event: { type: "save", payload },
    });
    if (row) return { answerVersion: row.answerVersion, savedAt: now.toISOString() };
    const again = await loadRound(ctx, ctx.sessionId, ctx.position);
    if (again.round.status === "submitted") throw new LoopError("This round changed state while saving (it was submitted); the earlier saved answer stands.", 409);
  }
  throw new LoopError("The answer changed on the server while saving (a follow-up question arrived); save again.", 409);
}

function storedDesignAnswer(raw: unknown): DesignAnswer | null {
  const parsed = designAnswerSchema.safeParse(raw ?? undefined);
  return parsed.success ? parsed.data : null;
}

/**
 * A design save keeps the server's follow-up questions (with the client's answers) and, in the event
 * log, the drawing only when it changed since the last save: replay carries the previous one forward,
 * so a long round of text edits does not copy the same drawing into every event.
 */
function designSave(incoming: DesignAnswer, stored: DesignAnswer | null): { answer: DesignAnswer; payload: unknown } {
  const answer: DesignAnswer = { sections: incoming.sections };
  if (incoming.diagram !== undefined) answer.diagram = incoming.diagram;
  const followups = mergeFollowups(stored?.followups, incoming.followups);
  if (followups) answer.followups = followups;
  const unchanged = !!answer.diagram && diagramKey(answer.diagram) === diagramKey(stored?.diagram);
  if (!unchanged) return { answer, payload: { answer } };
  const { diagram: _same, ...rest } = answer;
  return { answer, payload: { answer: rest, diagramUnchanged: true } };
}

/**
 * Asks the design round's next follow-up questions: every one whose moment has come, or (early) the
 * next one now because the candidate said they are ready. The interviewer reads the answer as last
 * saved. Each question is recorded in the answer's `followups` and in the event log, by the server.
 */
export async function askFollowups(ctx: Ctx & { sessionId: string; position: number; early?: boolean }): Promise<{ asked: Followup[]; followups: Followup[] }> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const { round } = await loadRound(ctx, ctx.sessionId, ctx.position);
    if (round.kind !== "design") throw new LoopError(`Round ${ctx.position + 1} is a ${round.kind} round; only design rounds have interviewer follow-ups.`, 409);
    if (round.status === "paused") throw new LoopError("The round is paused; resume it to hear the next question.", 409);
    if (round.status !== "active") throw new LoopError(`The round is ${round.status}; follow-ups are asked while it runs.`, 409);
    const scenario = round.scenario as DesignScenario;
    const scripted = scenario.followups ?? [];
    const elapsed = Math.round(clock.elapsedMs(clockOf(round), nowOf(ctx)));
    const moments = followupMoments(scripted.map((f) => f.atMinute), round.durationMs);
    const stored = storedDesignAnswer(round.answer);
    const already = stored?.followups ?? [];
    const target = followupsDue(moments, elapsed, already.length, !!ctx.early);
    if (target <= already.length) return { asked: [], followups: already };
    const list = [...already];
    for (let index = already.length; index < target; index++) {
      const p = pickFollowup({ scenario, answer: stored, asked: list, index });
      // The picker has nothing left to ask (every scripted question and probe used): the interview is over.
      if (!p) break;
      list.push({ id: p.id, question: p.question, source: p.source, ...(p.target ? { target: p.target } : {}), askedAtMs: elapsed, answer: "" });
    }
    const asked = list.slice(already.length);
    const answer: DesignAnswer = { ...(stored ?? { sections: {} }), followups: list };
    const row = await updateRoundIfStatus({
      db: ctx.db,
      id: round.id,
      fromStatus: ["active"],
      patch: { answer },
      bumpVersion: true,
      ifAnswerVersion: round.answerVersion,
      event: { type: "followup", payload: { asked: asked.map(({ answer: _a, ...q }) => q), early: !!ctx.early, answerVersion: round.answerVersion } },
    });
    if (row) return { asked, followups: list };
  }
  throw new LoopError("The answer kept changing while the question was being asked; try again.", 409);
}

export async function submitRound(ctx: Ctx & { sessionId: string; position: number; answer?: unknown }) {
  if (ctx.answer !== undefined) {
    try {
      await saveAnswer({ ...ctx, answer: ctx.answer });
    } catch (err) {
      // A late final save does not block the submission: the last saved answer is what counts.
      if (!(err instanceof LoopError && err.status === 409)) throw err;
    }
  }
  let { round } = await loadRound(ctx, ctx.sessionId, ctx.position);
  // A submission at the deadline often finds the round already being graded in the background (loadRound
  // starts that for an overdue coding or kernel round): wait for it instead of grading the same code twice.
  const grading = inBackground.get(ctx.sessionId);
  if (grading && round.status !== "submitted") {
    await grading;
    round = (await getRoundsBySessionId({ db: ctx.db, sessionId: ctx.sessionId })).find((r) => r.position === ctx.position) ?? round;
  }
  if (round.status === "submitted") return { alreadySubmitted: true, reason: round.submitReason };
  if (round.status === "pending") throw new LoopError("This round has not started yet.", 409);
  const row = await finalizeRound(ctx, round, "manual");
  return { alreadySubmitted: !row, reason: row?.submitReason ?? null };
}

export async function startRound(ctx: Ctx & { sessionId: string; position: number }) {
  const { round, rounds } = await loadRound(ctx, ctx.sessionId, ctx.position);
  const previous = rounds.filter((r) => r.position < round.position);
  if (previous.some((r) => r.status !== "submitted")) throw new LoopError("Finish the earlier rounds first.", 409);
  if (round.status !== "pending") return { started: false };
  const next = clock.start(clockOf(round), nowOf(ctx));
  const row = await updateRoundIfStatus({ db: ctx.db, id: round.id, fromStatus: ["pending"], patch: next, event: { type: "round-start" } });
  if (row) warmGraderFor(row.kind);
  return { started: !!row };
}

export async function pauseRound(ctx: Ctx & { sessionId: string; position: number }) {
  const { session, round } = await loadRound(ctx, ctx.sessionId, ctx.position);
  const next = clock.pause(clockOf(round), session.mode, nowOf(ctx));
  const row = await updateRoundIfStatus({ db: ctx.db, id: round.id, fromStatus: ["active"], patch: next, event: { type: "pause", payload: { remainingMs: next.remainingMs } } });
  if (!row) throw new LoopError("The round changed state; reload.", 409);
}

export async function resumeRound(ctx: Ctx & { sessionId: string; position: number }) {
  const { round } = await loadRound(ctx, ctx.sessionId, ctx.position);
  const next = clock.resume(clockOf(round), nowOf(ctx));
  const row = await updateRoundIfStatus({ db: ctx.db, id: round.id, fromStatus: ["paused"], patch: next, event: { type: "resume" } });
  if (!row) throw new LoopError("The round changed state; reload.", 409);
}

export type RoundView = {
  position: number;
  kind: string;
  title: string;
  status: RoundRow["status"];
  durationMs: number;
  startedAt: string | null;
  deadlineAt: string | null;
  remainingMs: number;
  submittedAt: string | null;
  submitReason: RoundRow["submitReason"];
  answer: unknown;
  answerVersion: number;
  answerSavedAt: string | null;
  scenario: PublicScenario;
  /** The interviewer's questions asked so far (design rounds), oldest first, with the answers saved. */
  followups: Followup[];
  /** When the next follow-up question is due, so the page knows when to ask; null when none is left. */
  nextFollowupInMs: number | null;
  /** Questions the interviewer has not asked yet (the candidate may ask for the next one early). */
  followupsLeft: number;
  /** Runs of the visible tests logged in this round (coding rounds), for the submit confirmation. */
  runs: number;
  score: number | null;
  grade: Grade | null;
};

export type SessionView = {
  id: string;
  templateId: string;
  templateTitle: string;
  mode: LoopMode;
  seed: number;
  status: SessionRow["status"];
  createdAt: string;
  completedAt: string | null;
  decision: string | null;
  overallScore: number | null;
  debrief: ReturnType<typeof decideLoop> | null;
  serverNow: string;
  currentPosition: number | null;
  rounds: RoundView[];
};

function roundView(r: RoundRow, now: Date, runs = 0): RoundView {
  const c = clockOf(r);
  const submitted = r.status === "submitted";
  const scenario = r.scenario as RuntimeScenario;
  const scripted = scenario.kind === "design" ? (scenario.followups ?? []) : [];
  const moments = followupMoments(scripted.map((f) => f.atMinute), r.durationMs);
  const stored = scenario.kind === "design" ? storedDesignAnswer(r.answer) : null;
  const elapsed = clock.elapsedMs(c, now);
  let followups = stored?.followups ?? [];
  // Sessions from before questions were stored in the answer: the questions that had appeared.
  if (submitted && !followups.length && scripted.length && !stored?.followups) followups = legacyFollowups(scripted, elapsed);
  const next = r.status === "active" ? nextFollowupInMs(moments, elapsed, followups.length) : null;
  return {
    position: r.position,
    kind: r.kind,
    title: r.title,
    status: r.status,
    durationMs: r.durationMs,
    startedAt: r.startedAt?.toISOString() ?? null,
    deadlineAt: r.deadlineAt?.toISOString() ?? null,
    remainingMs: clock.remainingMs(c, now),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    submitReason: r.submitReason,
    answer: r.answer,
    answerVersion: r.answerVersion,
    answerSavedAt: r.answerSavedAt?.toISOString() ?? null,
    scenario: publicScenario(scenario, submitted),
    followups,
    nextFollowupInMs: next,
    followupsLeft: submitted ? 0 : Math.max(0, moments.length - followups.length),
    runs,
    score: r.score,
    grade: submitted ? (r.grade as Grade | null) : null,
  };
}

/** Everything the loop page shows, with overdue rounds submitted first and rubrics hidden until submission. */
export async function getSessionView(ctx: Ctx & { id: string }): Promise<SessionView> {
  await finalizeOverdueOnAccess(ctx, ctx.id);
  const session = await getSessionById({ db: ctx.db, id: ctx.id });
  if (!session) throw new LoopError(`No session "${ctx.id}".`, 404);
  const rounds = await getRoundsBySessionId({ db: ctx.db, sessionId: ctx.id });
  const now = nowOf(ctx);
  const current = rounds.find((r) => r.status !== "submitted");
  const runs = rounds.some((r) => r.kind === "coding") ? await countRunEvents({ db: ctx.db, sessionId: ctx.id }) : new Map<string, number>();
  return {
    id: session.id,
    templateId: session.templateId,
    templateTitle: session.templateTitle,
    mode: session.mode,
    seed: session.seed,
    status: session.status,
    createdAt: session.createdAt.toISOString(),
    completedAt: session.completedAt?.toISOString() ?? null,
    decision: session.decision,
    overallScore: session.overallScore,
    debrief: (session.debrief as SessionView["debrief"]) ?? null,
    serverNow: now.toISOString(),
    currentPosition: current ? current.position : null,
    rounds: rounds.map((r) => roundView(r, now, runs.get(r.id) ?? 0)),
  };
}
