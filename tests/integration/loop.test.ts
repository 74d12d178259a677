import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { listKernelAttemptsByProblem } from "@/db/queries/kernel-attempts";
import { getEventsBySessionId } from "@/db/queries/sessions";
import { readKernelFile } from "@/kernels/files";
import { finalizeOverdueRounds, getSessionView, LoopError, pauseRound, resumeRound, saveAnswer, startLoop, startRound, submitRound } from "@/lib/loop";
import { loadScenarioLibrary } from "@/lib/scenarios";
import { engines, openTestDb } from "../support/test-db";

const library = loadScenarioLibrary([path.join(process.cwd(), "scenarios"), path.join(process.cwd(), "tests/fixtures/scenarios")]);
const t0 = new Date("2026-03-01T09:00:00Z");
const at = (min: number) => new Date(t0.getTime() + min * 60_000);

const strongDesign = {
  sections: {
    requirements: "Serve 2,000 concurrent chats with TTFT under 500 ms at p95 and 30 tokens/s per stream; streaming responses; multi-tenant rate limit per API key.",
    estimates: "KV per token is 128 KiB in BF16, so 2,000 streams x 1,900 tokens is about 500 GB of KV. Decode is memory bound: 14.5 GB of weights per step at 2.5 TB/s is 6 ms.",
    api: "POST /v1/chat with stream=true returns server-sent events; 429 with Retry-After when the admission queue depth predicts TTFT above SLO.",
    architecture: "A router does admission control, then replicas run continuous batching with a paged KV cache (block table per sequence, 16-token blocks) and chunked prefill of 512 tokens.",
    "deep-dives": "Prefix caching shares system prompts via a radix tree. Under memory pressure we preempt the newest sequence and swap its KV to CPU or recompute.",
    "failure-modes": "A GPU with ECC errors is drained; its sequences are re-prefilled elsewhere; p99 TTFT and queue depth alert at 2x baseline.",
  },
};

describe.each(engines)("the loop on %s", (engine) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await openTestDb(engine);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("runs a loop end to end: saves, manual submit, auto-submit at the deadline, decision", async () => {
    const db = h.db;
    const { id } = await startLoop({ db, library, templateId: "e2e-mini", mode: "strict", seed: 7, now: t0 });
    let view = await getSessionView({ db, id, now: at(1) });
    expect(view.rounds.map((r) => r.status)).toEqual(["active", "pending", "pending"]);
    expect(view.rounds[0].remainingMs).toBe(4 * 60_000);
    // Rubric and model answer stay on the server while the round runs.
    expect(view.rounds[0].scenario.rubric).toBeUndefined();
    expect(view.rounds[0].scenario.modelAnswer).toBeUndefined();
    // Follow-ups appear at the minute the scenario sets.
    expect(view.rounds[0].followups).toEqual([]);

    await expect(pauseRound({ db, sessionId: id, position: 0, now: at(1) })).rejects.toThrow(/Strict mode never pauses/);
    const saved = await saveAnswer({ db, sessionId: id, position: 0, answer: strongDesign, now: at(2) });
    expect(saved.answerVersion).toBe(1);
    await submitRound({ db, sessionId: id, position: 0, now: at(3) });
    view = await getSessionView({ db, id, now: at(3) });
    expect(view.rounds[0].status).toBe("submitted");
    expect(view.rounds[0].score).toBeGreaterThan(60);
    expect(view.rounds[0].grade!.items.find((i) => i.id === "concept:paged-kv")!.evidence).toMatch(/paged KV cache/);
    expect(view.rounds[0].scenario.modelAnswer).toBeTruthy();

    // Saving into a submitted round is refused and changes nothing.
    await expect(saveAnswer({ db, sessionId: id, position: 0, answer: { sections: {} }, now: at(3) })).rejects.toMatchObject({ status: 409 });

    await startRound({ db, sessionId: id, position: 1, now: at(4) });
    await saveAnswer({ db, sessionId: id, position: 1, answer: { values: { "kv-per-token": { value: 128, unit: "KiB" }, weights: { value: 14.5, unit: "GB" } }, assumptions: "" }, now: at(5) });
    // The tab closes; nobody visits. The sweep submits the round at its deadline with the last saved answer.
    expect(await finalizeOverdueRounds({ db, now: at(4 + 5 - 0.01) })).toBe(0);
    expect(await finalizeOverdueRounds({ db, now: at(4 + 5 + 0.1) })).toBe(1);
    view = await getSessionView({ db, id, now: at(10) });
    const r1 = view.rounds[1];
    expect(r1.status).toBe("submitted");
    expect(r1.submitReason).toBe("deadline");
    expect(r1.submittedAt).toBe(at(9).toISOString());
    expect(r1.grade!.items.filter((i) => i.id.startsWith("q:") && i.hit).length).toBe(2);

    await startRound({ db, sessionId: id, position: 2, now: at(11) });
    await saveAnswer({ db, sessionId: id, position: 2, answer: { situation: "x", task: "", action: "", result: "" }, now: at(11.1) });
    // A late save after the deadline is refused; the round is submitted on that access.
    await expect(saveAnswer({ db, sessionId: id, position: 2, answer: { situation: "late", task: "", action: "", result: "" }, now: at(12) })).rejects.toMatchObject({ status: 409 });
    view = await getSessionView({ db, id, now: at(12) });
    expect(view.status).toBe("completed");
    expect(view.rounds[2].answer).toMatchObject({ situation: "x" });
    expect(view.decision).toMatch(/^(Strong Yes|Yes|No|Strong No)$/);
    expect(view.debrief!.reasons.length).toBeGreaterThan(0);

    const types = (await getEventsBySessionId({ db, sessionId: id })).map((e) => e.type);
    expect(types).toEqual(["session-start", "save", "submit", "round-start", "save", "auto-submit", "round-start", "save", "auto-submit", "session-complete"]);
  });

  it("pauses and resumes in practice mode, and a paused round never expires", async () => {
    const db = h.db;
    const { id } = await startLoop({ db, library, templateId: "quick-drill", kind: "behavioral", mode: "practice", seed: 1, now: t0 });
    await pauseRound({ db, sessionId: id, position: 0, now: at(5) });
    expect(await finalizeOverdueRounds({ db, now: at(500) })).toBe(0);
    let view = await getSessionView({ db, id, now: at(500) });
    expect(view.rounds[0].status).toBe("paused");
    expect(view.rounds[0].remainingMs).toBe(15 * 60_000);
    await resumeRound({ db, sessionId: id, position: 0, now: at(500) });
    view = await getSessionView({ db, id, now: at(501) });
    expect(view.rounds[0].remainingMs).toBe(14 * 60_000);
  });

  it("rejects malformed answers with the field named, keeping the saved one", async () => {
    const db = h.db;
    const { id } = await startLoop({ db, library, templateId: "quick-drill", kind: "modeling", mode: "strict", seed: 3, now: t0 });
    await saveAnswer({ db, sessionId: id, position: 0, answer: { values: { a: { value: 1, unit: "B" } }, assumptions: "kept" }, now: at(1) });
    const err = await saveAnswer({ db, sessionId: id, position: 0, answer: { values: { a: { value: "lots", unit: "B" } } }, now: at(2) }).catch((e) => e);
    expect(err).toBeInstanceOf(LoopError);
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/values\.a\.value/);
    const big = "x".repeat(20_001);
    await expect(saveAnswer({ db, sessionId: id, position: 0, answer: { values: {}, assumptions: big }, now: at(2) })).rejects.toMatchObject({ status: 422 });
    const view = await getSessionView({ db, id, now: at(3) });
    expect(view.rounds[0].answer).toMatchObject({ assumptions: "kept" });
  });

  it("draws the same scenarios for the same seed", async () => {
    const db = h.db;
    const a = await startLoop({ db, library, templateId: "sde-onsite", mode: "strict", seed: 99, now: t0 });
    const b = await startLoop({ db, library, templateId: "sde-onsite", mode: "strict", seed: 99, now: t0 });
    const ids = async (id: string) => (await getSessionView({ db, id, now: t0 })).rounds.map((r) => r.scenario.id);
    expect(await ids(a.id)).toEqual(await ids(b.id));
    await expect(startLoop({ db, library, templateId: "nope", mode: "strict" })).rejects.toThrow(/Valid: .*sde-onsite/);
  });

  it("grades a kernel round with the headless harness and keeps it as a kernel attempt", async () => {
    const db = h.db;
    const { id } = await startLoop({ db, library, templateId: "quick-drill", kind: "kernel", mode: "strict", seed: 1, scenarioIds: { 0: "decode-attention-round" }, now: t0 });
    let view = await getSessionView({ db, id, now: t0 });
    expect(view.rounds[0].scenario.starter?.wgsl).toMatch(/dispatch/);
    const source = readKernelFile("paged-decode-attention", "naive.wgsl");
    await submitRound({ db, sessionId: id, position: 0, answer: { source }, now: at(1) });
    view = await getSessionView({ db, id, now: at(1) });
    expect(view.rounds[0].grade!.items.find((i) => i.id === "correctness")!.hit).toBe(true);
    const attempts = await listKernelAttemptsByProblem({ db, problemId: "paged-decode-attention" });
    expect(attempts.some((a) => a.sessionId === id && a.verdict === "pass")).toBe(true);
  }, 240_000);
});
