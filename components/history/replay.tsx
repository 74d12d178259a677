"use client";

import { useId, useMemo, useState } from "react";
import { buildReplayFrames, formatDuration, type LogEvent } from "@/lib/history/replay";
import { AnswerView } from "./answer-view";
import styles from "./history.module.css";

export type ReplayRound = { position: number; kind: string; title: string; scenario: unknown };

const eventLabel: Record<string, string> = {
  "session-start": "Loop started",
  "round-start": "Round started",
  save: "Saved",
  pause: "Paused",
  resume: "Resumed",
  submit: "Submitted",
  "auto-submit": "Submitted at the deadline",
  "session-complete": "Loop complete",
  run: "Ran the tests",
  followup: "Interviewer asked a question",
};

/**
 * Replays the event log: the slider steps through the saves, and the answer shows as it was at
 * that save. The timeline lists every event, with the current one marked.
 */
export function Replay({ events, rounds }: { events: LogEvent[]; rounds: ReplayRound[] }) {
  const frames = useMemo(() => buildReplayFrames(events), [events]);
  const [index, setIndex] = useState(frames.length - 1);
  const sliderId = useId();
  if (!frames.length) return <p className="muted">No answer was saved in this session, so there is nothing to replay.</p>;
  const frame = frames[Math.min(Math.max(index, 0), frames.length - 1)];
  const round = rounds.find((r) => r.position === frame.roundPosition);
  const t0 = Date.parse(events[0].createdAt);
  const description = `Save ${frame.index + 1} of ${frames.length}: round ${frame.roundPosition + 1}, version ${frame.version}, ${formatDuration(frame.offsetMs)} in`;
  return (
    <div>
      <label htmlFor={sliderId}>Replay position</label>
      <input
        id={sliderId}
        className={styles.slider}
        type="range"
        min={0}
        max={frames.length - 1}
        step={1}
        value={frame.index}
        aria-valuetext={description}
        onChange={(e) => setIndex(Number(e.target.value))}
      />
      <div className="row">
        <button type="button" onClick={() => setIndex(Math.max(0, frame.index - 1))} disabled={frame.index === 0}>◀ Previous save</button>
        <button type="button" onClick={() => setIndex(Math.min(frames.length - 1, frame.index + 1))} disabled={frame.index === frames.length - 1}>Next save ▶</button>
        <output className="muted small" aria-live="polite" data-testid="replay-status">{description}</output>
      </div>
      <div className={styles.sideBySide} style={{ marginTop: 10 }}>
        <div>
          <h3 style={{ marginTop: 0 }}>
            Round {frame.roundPosition + 1}{round ? `: ${round.title}` : ""} — as saved at {frame.at.slice(11, 19)} UTC
          </h3>
          <div data-testid="replay-answer">
            <AnswerView kind={round?.kind ?? "unknown"} answer={frame.answer} scenario={round?.scenario} />
          </div>
        </div>
        <div>
          <h3 style={{ marginTop: 0 }}>Timeline</h3>
          <ol className={styles.timeline} tabIndex={0} aria-label="Event timeline (scrolls)">
            {events.map((e, i) => (
              <li key={i} aria-current={i === frame.eventIndex ? "step" : undefined}>
                <time dateTime={e.createdAt}>+{formatDuration(Date.parse(e.createdAt) - t0)}</time>
                <span>
                  {eventLabel[e.type] ?? e.type}
                  {e.roundPosition !== null ? ` · round ${e.roundPosition + 1}` : ""}
                </span>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </div>
  );
}
