import type { Followup } from "@/lib/grading/answers";

/**
 * When the interviewer asks, and how asked questions survive saves. Pure: the service applies it.
 *
 * A scenario's follow-up minutes are written for a 45-minute round. A round of another length gets
 * them scaled to its length (a 20-minute drill hears the 10-minute question at 4.4 minutes). A
 * question that would still land in the last 15% of the round, or after it, is moved into the round:
 * the whole schedule is compressed in proportion so the last question comes at 85% of the round,
 * leaving time to answer it, and the order and spacing of the questions stay as written. None is lost.
 */
export const FOLLOWUP_REFERENCE_MINUTES = 45;
export const LATEST_FOLLOWUP_FRACTION = 0.85;

/** Each follow-up moment in milliseconds on the round's clock (pauses excluded), in the scenario's order. */
export function followupMoments(atMinutes: readonly number[], durationMs: number, referenceMinutes = FOLLOWUP_REFERENCE_MINUTES): number[] {
  if (!atMinutes.length || durationMs <= 0) return [];
  const scale = durationMs / (referenceMinutes * 60_000);
  let t = atMinutes.map((m) => Math.max(0, m) * 60_000 * scale);
  const latest = durationMs * LATEST_FOLLOWUP_FRACTION;
  const last = Math.max(...t);
  if (last > latest) t = t.map((x) => (x * latest) / last);
  return t.map((x) => Math.round(x));
}

/**
 * How many questions should have been asked by `elapsedMs`: those whose moment has come, or one
 * more than already asked when the candidate says they are ready for the next one.
 */
export function followupsDue(moments: readonly number[], elapsedMs: number, askedCount: number, early: boolean): number {
  const due = moments.filter((t) => t <= elapsedMs).length;
  return Math.min(moments.length, early ? Math.max(due, askedCount + 1) : due);
}

/** Milliseconds until the next question not yet asked is due; null when every question was asked. */
export function nextFollowupInMs(moments: readonly number[], elapsedMs: number, askedCount: number): number | null {
  const next = moments[askedCount];
  return next === undefined ? null : Math.max(0, next - elapsedMs);
}

/**
 * The follow-ups a save stores: the questions the server asked (a client can neither add, drop
 * nor reword one), each with the answer the client sent for its id, else the one already stored.
 */
export function mergeFollowups(stored: readonly Followup[] | undefined, incoming: readonly Followup[] | undefined): Followup[] | undefined {
  if (!stored?.length) return undefined;
  const answers = new Map((incoming ?? []).map((f) => [f.id, f.answer]));
  return stored.map((f) => ({ ...f, answer: answers.get(f.id) ?? f.answer }));
}

/** Follow-ups of a session recorded before questions were stored in the answer: the ones shown by its end. */
export function legacyFollowups(followups: readonly { atMinute: number; question: string; id?: string }[], usedMs: number): Followup[] {
  return followups
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.atMinute * 60_000 <= usedMs)
    .map(({ f, i }) => ({ id: f.id ?? `f${i}`, question: f.question, source: "scripted" as const, askedAtMs: Math.round(f.atMinute * 60_000), answer: "" }));
}
