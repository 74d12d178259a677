"use client";
import { useEffect, useRef, useState } from "react";

export function fmt(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(sec).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

const APP_NAME = "Loopbench";

/** The browser tab's title for a running round; the last minute is marked so it shows in a crowded tab bar. */
export function countdownTitle(leftMs: number, paused: boolean): string {
  if (!paused && leftMs <= 0) return `Time is up · ${APP_NAME}`;
  const mark = paused ? "⏸ " : leftMs <= 60_000 ? "⚠ " : "";
  return `${mark}${fmt(leftMs)} · ${APP_NAME}`;
}

/**
 * Shows the server's deadline as a countdown (the browser's clock is corrected by the server offset).
 * Announces 5 and 1 minute warnings once each, and calls onExpire when time is up.
 */
export function Countdown({
  deadlineAt,
  remainingMs,
  paused,
  offsetMs,
  onExpire,
}: {
  deadlineAt: string | null;
  remainingMs: number;
  paused: boolean;
  offsetMs: number;
  onExpire: () => void;
}) {
  const compute = () => (paused || !deadlineAt ? remainingMs : new Date(deadlineAt).getTime() - (Date.now() + offsetMs));
  const [left, setLeft] = useState(compute);
  const [warning, setWarning] = useState<string | null>(null);
  const warned = useRef({ five: compute() <= 5 * 60_000, one: compute() <= 60_000 });
  const expired = useRef(false);

  useEffect(() => {
    if (paused) return setLeft(remainingMs);
    const tick = () => {
      const l = compute();
      setLeft(l);
      if (!warned.current.five && l <= 5 * 60_000) {
        warned.current.five = true;
        setWarning("5 minutes left.");
      }
      if (!warned.current.one && l <= 60_000) {
        warned.current.one = true;
        setWarning("1 minute left. Your answer autosaves; the round submits itself at zero.");
      }
      if (!expired.current && l <= 0) {
        expired.current = true;
        setWarning("Time is up. Submitting your last saved answer…");
        onExpire();
      }
    };
    tick();
    const t = setInterval(tick, 250);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deadlineAt, paused, offsetMs]);

  // The tab's title carries the time too, for a candidate working in another window: "12:04 · Loopbench",
  // "⚠ 00:42 · Loopbench" in the last minute, "⏸ 12:04 · Loopbench" while paused.
  const tabTitle = countdownTitle(left, paused);
  useEffect(() => {
    document.title = tabTitle;
  }, [tabTitle]);
  useEffect(() => () => void (document.title = APP_NAME), []);

  const cls = left <= 60_000 ? "timer critical" : left <= 5 * 60_000 ? "timer warn" : "timer";
  return (
    <>
      <span role="timer" aria-label="Time left in this round" className={cls} data-remaining-ms={Math.max(0, Math.round(left))}>
        {paused ? `⏸ ${fmt(left)}` : fmt(left)}
      </span>
      <span role="status" aria-live="assertive" className={warning ? "badge warn" : "sr-only"}>
        {warning ?? ""}
      </span>
    </>
  );
}
