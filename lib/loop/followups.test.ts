import { describe, expect, it } from "vitest";
import type { Followup } from "@/lib/grading/answers";
import { followupMoments, followupsDue, mergeFollowups, nextFollowupInMs } from "./followups";

const min = 60_000;

describe("when the interviewer asks", () => {
  it("keeps the scenario's minutes in a 45-minute round", () => {
    expect(followupMoments([10, 25, 35], 45 * min)).toEqual([10 * min, 25 * min, 35 * min]);
  });

  it("scales them to the round's length", () => {
    expect(followupMoments([10, 25, 35], 60 * min)).toEqual([10, 25, 35].map((m) => Math.round((m * 60 * min) / 45)));
    expect(followupMoments([9, 18], 20 * min)).toEqual([4 * min, 8 * min]);
  });

  it("moves a question that would come after the round (or in its last 15%) into it, in proportion", () => {
    // 38 of 45 minutes scales to 16.9 of 20: past 85% (17 min) it is not; 44 of 45 would be, so all compress.
    const [a, b, c] = followupMoments([12, 30, 44], 20 * min);
    expect(c).toBe(Math.round(17 * min));
    expect(a / c).toBeCloseTo(12 / 44, 6);
    expect(b / c).toBeCloseTo(30 / 44, 6);
    // A minute past the end of the reference round still lands inside a short round.
    const late = followupMoments([10, 50], 5 * min);
    expect(Math.max(...late)).toBeLessThanOrEqual(5 * min * 0.85);
    expect(late[0]).toBeGreaterThan(0);
  });

  it("counts what is due, or one more when the candidate is ready early, never more than exist", () => {
    const m = [2 * min, 5 * min];
    expect(followupsDue(m, 1 * min, 0, false)).toBe(0);
    expect(followupsDue(m, 2 * min, 0, false)).toBe(1);
    expect(followupsDue(m, 1 * min, 0, true)).toBe(1);
    expect(followupsDue(m, 1 * min, 1, true)).toBe(2);
    expect(followupsDue(m, 9 * min, 2, true)).toBe(2);
    expect(nextFollowupInMs(m, 1 * min, 0)).toBe(1 * min);
    expect(nextFollowupInMs(m, 3 * min, 0)).toBe(0);
    expect(nextFollowupInMs(m, 3 * min, 2)).toBeNull();
  });
});

describe("asked questions survive saves", () => {
  const asked: Followup[] = [
    { id: "f0", question: "How many conversations fit per GPU?", source: "scripted", askedAtMs: 60_000, answer: "" },
    { id: "f1", question: "What happens to TTFT with 30k-token prompts?", source: "scripted", askedAtMs: 120_000, answer: "old" },
  ];

  it("keeps the server's questions and takes only the client's answers", () => {
    const incoming: Followup[] = [
      { id: "f0", question: "FORGED question", source: "probe", askedAtMs: 0, answer: "About 2,000 at 128 KiB per token." },
      { id: "f9", question: "A question the client made up", source: "scripted", askedAtMs: 0, answer: "x" },
    ];
    expect(mergeFollowups(asked, incoming)).toEqual([
      { ...asked[0], answer: "About 2,000 at 128 KiB per token." },
      asked[1], // not sent: the stored answer stays
    ]);
  });

  it("stores none when none was asked, whatever the client sends", () => {
    expect(mergeFollowups(undefined, [asked[0]])).toBeUndefined();
    expect(mergeFollowups([], [asked[0]])).toBeUndefined();
  });
});

