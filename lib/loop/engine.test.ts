import { describe, expect, it } from "vitest";
import { LoopError, SAVE_GRACE_MS, acceptsSaves, elapsedMs, isOverdue, pause, remainingMs, resume, start, type RoundClock } from "./engine";
import { drawLoop, seededRandom } from "./draw";

const pending: RoundClock = { status: "pending", durationMs: 60_000, startedAt: null, deadlineAt: null, pausedAt: null, remainingMs: null };
const t0 = new Date("2026-01-01T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("round clock", () => {
  it("sets the deadline from the server's start time", () => {
    const c = start(pending, t0);
    expect(c.deadlineAt!.toISOString()).toBe("2026-01-01T10:01:00.000Z");
    expect(remainingMs(c, at(15_000))).toBe(45_000);
    expect(() => start(c, t0)).toThrow(LoopError);
  });

  it("is overdue only after the deadline plus the save grace, and accepts saves until then", () => {
    const c = start(pending, t0);
    expect(isOverdue(c, at(60_000))).toBe(false);
    expect(acceptsSaves(c, at(60_000 + SAVE_GRACE_MS - 1))).toBe(true);
    expect(isOverdue(c, at(60_000 + SAVE_GRACE_MS))).toBe(true);
    expect(acceptsSaves(c, at(60_000 + SAVE_GRACE_MS))).toBe(false);
  });

  it("never pauses in strict mode", () => {
    const c = start(pending, t0);
    expect(() => pause(c, "strict", at(1000))).toThrow(/Strict mode never pauses/);
  });

  it("stops the clock while paused in practice mode and moves the deadline on resume", () => {
    const c = start(pending, t0);
    const p = pause(c, "practice", at(20_000));
    expect(p.status).toBe("paused");
    expect(remainingMs(p, at(500_000))).toBe(40_000);
    expect(isOverdue(p, at(10_000_000))).toBe(false);
    expect(elapsedMs(p, at(500_000))).toBe(20_000);
    const r = resume(p, at(500_000));
    expect(r.deadlineAt!.getTime()).toBe(at(540_000).getTime());
    expect(() => resume(r, at(500_001))).toThrow(LoopError);
  });

  it("cannot pause a round whose time is up", () => {
    const c = start(pending, t0);
    expect(() => pause(c, "practice", at(61_000))).toThrow(/time is up/);
  });
});

describe("seeded draw", () => {
  const scenarios = ["a", "b", "c", "d"].map((id) => ({ id, kind: "design", title: id, file: "x", prompt: "", difficulty: "medium", source: { seed: "", point: "" }, tags: [] })) as never[];
  const template = { id: "t", title: "T", description: "", rounds: [{ kind: "design" as const, minutes: 1 }, { kind: "design" as const, minutes: 1 }] };

  it("draws the same scenarios for the same seed, without repeats", () => {
    const a = drawLoop(template, scenarios, { seed: 42 }).map((r) => r.scenario.id);
    const b = drawLoop(template, scenarios, { seed: 42 }).map((r) => r.scenario.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(2);
    const seeds = new Set(Array.from({ length: 20 }, (_, s) => drawLoop(template, scenarios, { seed: s }).map((r) => r.scenario.id).join()));
    expect(seeds.size).toBeGreaterThan(3);
  });

  it("honours a chosen scenario and rejects one of the wrong kind", () => {
    expect(drawLoop(template, scenarios, { seed: 1, scenarioIds: { 0: "c" } })[0].scenario.id).toBe("c");
    expect(() => drawLoop({ ...template, rounds: [{ kind: "modeling", minutes: 1 }] }, scenarios, { seed: 1, scenarioIds: { 0: "c" } })).toThrow(/design scenario/);
  });

  it("needs a kind for a choose-your-kind round", () => {
    expect(() => drawLoop({ ...template, rounds: [{ kind: "any", minutes: 1 }] }, scenarios, { seed: 1 })).toThrow(/choose its kind/);
    expect(drawLoop({ ...template, rounds: [{ kind: "any", minutes: 1 }] }, scenarios, { seed: 1, kind: "design" })[0].kind).toBe("design");
  });

  it("the PRNG is deterministic", () => {
    const r = seededRandom(7);
    const s = seededRandom(7);
    expect([r(), r(), r()]).toEqual([s(), s(), s()]);
  });
});
