import { describe, expect, it } from "vitest";
import { answersAtFrame, buildReplayFrames, followupsShown, formatDuration, timeUsedMs, type LogEvent } from "./replay";

const ev = (type: string, round: number | null, min: number, payload: unknown = null): LogEvent => ({
  type,
  roundPosition: round,
  payload,
  createdAt: new Date(Date.UTC(2026, 2, 1, 9, 0) + min * 60_000).toISOString(),
});

const log: LogEvent[] = [
  ev("session-start", null, 0),
  ev("save", 0, 1, { answer: { v: "a1" } }),
  ev("pause", 0, 2),
  ev("resume", 0, 5),
  ev("save", 0, 6, { answer: { v: "a2" } }),
  ev("submit", 0, 7),
  ev("round-start", 1, 8),
  ev("run", 1, 9, { passed: 1, total: 2 }),
  ev("save", 1, 10, { answer: { v: "b1" } }),
];

describe("replay", () => {
  it("makes one frame per save, numbered per round", () => {
    const frames = buildReplayFrames(log);
    expect(frames.map((f) => [f.roundPosition, f.version, f.eventIndex, f.offsetMs / 60_000])).toEqual([
      [0, 1, 1, 1],
      [0, 2, 4, 6],
      [1, 1, 8, 10],
    ]);
    expect(frames[1].answer).toEqual({ v: "a2" });
  });

  it("gives each round's answer as it stood at a frame", () => {
    const frames = buildReplayFrames(log);
    expect([...answersAtFrame(frames, 0).entries()].map(([p, f]) => [p, f.answer])).toEqual([[0, { v: "a1" }]]);
    expect([...answersAtFrame(frames, 2).entries()].map(([p, f]) => [p, f.answer])).toEqual([
      [0, { v: "a2" }],
      [1, { v: "b1" }],
    ]);
  });

  it("counts time used without the paused minutes", () => {
    const r = { position: 0, startedAt: log[0].createdAt, submittedAt: log[5].createdAt };
    expect(timeUsedMs(r, log)).toBe(4 * 60_000);
    expect(timeUsedMs({ ...r, submittedAt: null }, log)).toBeNull();
    expect(formatDuration(4 * 60_000 + 5_000)).toBe("4 min 05 s");
    expect(formatDuration(20_000)).toBe("20 s");
  });

  it("lists the follow-ups that had appeared by the end of the round", () => {
    const scenario = { followups: [{ atMinute: 2, question: "early?" }, { atMinute: 10, question: "late?" }] };
    expect(followupsShown(scenario, 4 * 60_000).map((f) => f.question)).toEqual(["early?"]);
    expect(followupsShown({ kind: "behavioral" }, 4 * 60_000)).toEqual([]);
  });
});
