/**
 * The round state machine, free of I/O: pending -> active <-> paused (practice only) -> submitted.
 * Every time comes from the server's clock; the browser only displays what these functions say.
 */
export type RoundStatus = "pending" | "active" | "paused" | "submitted";
export type LoopMode = "strict" | "practice";

export type RoundClock = {
  status: RoundStatus;
  durationMs: number;
  startedAt: Date | null;
  deadlineAt: Date | null;
  pausedAt: Date | null;
  remainingMs: number | null;
};

/** A save that left the browser just before the deadline may land a moment after it. */
export const SAVE_GRACE_MS = 3000;

export class LoopError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 | 413 | 422,
  ) {
    super(message);
    this.name = "LoopError";
  }
}

export function start(clock: RoundClock, now: Date): RoundClock {
  if (clock.status !== "pending") throw new LoopError(`This round is already ${clock.status}.`, 409);
  return { ...clock, status: "active", startedAt: now, deadlineAt: new Date(now.getTime() + clock.durationMs), pausedAt: null, remainingMs: null };
}

export function pause(clock: RoundClock, mode: LoopMode, now: Date): RoundClock {
  if (mode === "strict") throw new LoopError("Strict mode never pauses, as in a real loop. Start a practice-mode loop to pause.", 409);
  if (clock.status !== "active" || !clock.deadlineAt) throw new LoopError(`Only a running round can pause; this one is ${clock.status}.`, 409);
  const remaining = clock.deadlineAt.getTime() - now.getTime();
  if (remaining <= 0) throw new LoopError("The round's time is up; it can no longer pause.", 409);
  return { ...clock, status: "paused", pausedAt: now, remainingMs: remaining, deadlineAt: null };
}

export function resume(clock: RoundClock, now: Date): RoundClock {
  if (clock.status !== "paused" || clock.remainingMs === null) throw new LoopError(`Only a paused round can resume; this one is ${clock.status}.`, 409);
  return { ...clock, status: "active", pausedAt: null, deadlineAt: new Date(now.getTime() + clock.remainingMs), remainingMs: null };
}

export function remainingMs(clock: RoundClock, now: Date): number {
  if (clock.status === "paused") return clock.remainingMs ?? 0;
  if (clock.status === "pending") return clock.durationMs;
  if (clock.status === "submitted" || !clock.deadlineAt) return 0;
  return Math.max(0, clock.deadlineAt.getTime() - now.getTime());
}

/** Overdue: running and past its deadline plus the save grace. It must be submitted with its last saved answer. */
export function isOverdue(clock: RoundClock, now: Date): boolean {
  return clock.status === "active" && !!clock.deadlineAt && now.getTime() >= clock.deadlineAt.getTime() + SAVE_GRACE_MS;
}

/** Saves are accepted while running, up to the deadline plus the grace. */
export function acceptsSaves(clock: RoundClock, now: Date): boolean {
  return clock.status === "active" && !!clock.deadlineAt && now.getTime() < clock.deadlineAt.getTime() + SAVE_GRACE_MS;
}

/** Minutes elapsed on the round's own clock (pauses excluded), for timed follow-up questions. */
export function elapsedMs(clock: RoundClock, now: Date): number {
  return clock.status === "pending" ? 0 : clock.durationMs - remainingMs(clock, now);
}
