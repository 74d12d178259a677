/**
 * The one way a span of time is written on every page and in every export (debrief, history, compare,
 * Markdown): whole seconds under a minute ("34 s"), minutes and zero-padded seconds above ("12 min 05 s"),
 * and whole minutes without the seconds ("60 min"). Rounded to the nearest second; negative spans are 0 s;
 * an unknown span (a round never started or never submitted) is "—".
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `${m} min ${String(rest).padStart(2, "0")} s` : `${m} min`;
}

/** "34 s of 60 min": the time a round ran (pauses excluded) against the time it allowed. */
export function formatTimeUsed(usedMs: number | null | undefined, allowedMs: number): string {
  return `${formatDuration(usedMs)} of ${formatDuration(allowedMs)}`;
}
