/**
 * Replaying a session's event log: every "save" holds the whole answer at that moment, so the
 * answer as it was at any point is the payload of the latest save of that round up to there.
 */
export type LogEvent = { type: string; roundPosition: number | null; payload: unknown; createdAt: string };

export type ReplayFrame = {
  /** Index of the frame among the save events (the slider's value). */
  index: number;
  /** Index of the event in the full log, to highlight it in the timeline. */
  eventIndex: number;
  roundPosition: number;
  at: string;
  /** Milliseconds since the session's first event. */
  offsetMs: number;
  /** 1 for the round's first save, 2 for the second... */
  version: number;
  answer: unknown;
};

export function buildReplayFrames(events: LogEvent[]): ReplayFrame[] {
  const t0 = events.length ? Date.parse(events[0].createdAt) : 0;
  const versions = new Map<number, number>();
  const diagrams = new Map<number, unknown>();
  const frames: ReplayFrame[] = [];
  events.forEach((e, eventIndex) => {
    if (e.type !== "save" || e.roundPosition === null) return;
    let answer = e.payload && typeof e.payload === "object" && "answer" in e.payload ? (e.payload as { answer: unknown }).answer : null;
    // A design save whose drawing did not change leaves it out of the log (diagramUnchanged):
    // the drawing is the one of the round's previous save.
    if (answer && typeof answer === "object") {
      let a = answer as Record<string, unknown>;
      if ((e.payload as { diagramUnchanged?: unknown }).diagramUnchanged === true && diagrams.has(e.roundPosition)) a = { ...a, diagram: diagrams.get(e.roundPosition) };
      if ("diagram" in a) diagrams.set(e.roundPosition, a.diagram);
      answer = a;
    }
    const version = (versions.get(e.roundPosition) ?? 0) + 1;
    versions.set(e.roundPosition, version);
    frames.push({ index: frames.length, eventIndex, roundPosition: e.roundPosition, at: e.createdAt, offsetMs: Date.parse(e.createdAt) - t0, version, answer });
  });
  return frames;
}

/** Each round's answer as it stood after frame `index` (rounds not yet saved are absent). */
export function answersAtFrame(frames: ReplayFrame[], index: number): Map<number, ReplayFrame> {
  const out = new Map<number, ReplayFrame>();
  for (const f of frames) {
    if (f.index > index) break;
    out.set(f.roundPosition, f);
  }
  return out;
}

/**
 * Time a round actually ran: from its start to its submission, less the time it spent paused
 * (practice mode). Null when the round never started or never ended.
 */
export function timeUsedMs(
  round: { position: number; startedAt: string | null; submittedAt: string | null },
  events: LogEvent[],
): number | null {
  if (!round.startedAt || !round.submittedAt) return null;
  const start = Date.parse(round.startedAt);
  const end = Date.parse(round.submittedAt);
  let paused = 0;
  let pausedAt: number | null = null;
  for (const e of events) {
    if (e.roundPosition !== round.position) continue;
    const t = Date.parse(e.createdAt);
    if (e.type === "pause") pausedAt = t;
    else if (e.type === "resume" && pausedAt !== null) (paused += t - pausedAt), (pausedAt = null);
  }
  if (pausedAt !== null && pausedAt < end) paused += end - pausedAt;
  return Math.max(0, end - start - paused);
}

/**
 * The interview of a round: the questions stored in its answer (with the candidate's answers), or
 * for sessions recorded before questions were stored, the scenario's questions shown by the end.
 */
export function roundFollowups(
  round: { answer: unknown; scenario: unknown },
  usedMs: number | null,
): { id: string; question: string; source?: string; target?: string; askedAtMs?: number; answer?: string }[] {
  const stored = round.answer && typeof round.answer === "object" ? (round.answer as { followups?: unknown }).followups : undefined;
  if (Array.isArray(stored)) return stored.filter((f) => f && typeof f === "object" && typeof f.question === "string").map((f, i) => ({ ...f, id: String(f.id ?? `f${i}`) }));
  return followupsShown(round.scenario, usedMs).map((f, i) => ({ id: `f${i}`, question: f.question, askedAtMs: f.atMinute * 60_000 }));
}

/** Follow-up questions that had appeared by the time the round ended (they show at their minute). */
export function followupsShown(scenario: unknown, usedMs: number | null): { atMinute: number; question: string }[] {
  const all = scenario && typeof scenario === "object" && Array.isArray((scenario as { followups?: unknown }).followups) ? ((scenario as { followups: { atMinute: number; question: string }[] }).followups) : [];
  if (usedMs === null) return [];
  return all.filter((f) => typeof f.atMinute === "number" && f.atMinute * 60_000 <= usedMs);
}

/** The one time format of every page and export (lib/time). */
export { formatDuration, formatTimeUsed } from "@/lib/time";
