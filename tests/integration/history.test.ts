import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import {
  deleteSessionById,
  getSessionDetailById,
  insertSessionFromExport,
  listHistoryTemplates,
  listKernelAttempts,
  listProgressByConcept,
  listProgressByKind,
  listSessionsByFilter,
} from "@/db/queries/history";
import { getEventsBySessionId } from "@/db/queries/sessions";
import { kernelAttempts } from "@/db/schema";
import {
  buildReplayFrames,
  renderSessionMarkdown,
  sessionExportSchema,
  describeIssues,
  toSessionExport,
  weakestConcepts,
  type SessionExport,
} from "@/lib/history";
import { pauseRound, resumeRound, saveAnswer, startLoop, startRound, submitRound } from "@/lib/loop";
import { loadScenarioLibrary } from "@/lib/scenarios";
import { engines, openTestDb } from "../support/test-db";

const library = loadScenarioLibrary([path.join(process.cwd(), "scenarios"), path.join(process.cwd(), "tests/fixtures/scenarios")]);
const t0 = new Date("2026-03-02T09:00:00Z");
const at = (day: number, min: number) => new Date(t0.getTime() + day * 86_400_000 + min * 60_000);

const design = (extra: string) => ({
  sections: {
    requirements: "2,000 concurrent chats, TTFT under 500 ms at p95, 30 tokens/s per stream.",
    architecture: `A router does admission control, then replicas run continuous batching with a paged KV cache. ${extra}`,
  },
});
const modeling = { values: { "kv-per-token": { value: 128, unit: "KiB" }, weights: { value: 14.5, unit: "GB" } }, assumptions: "BF16 weights, 32 layers, 8 KV heads of 128 dims." };
const behavioral = { situation: "We disagreed about the cache.", task: "I owned the decision.", action: "I profiled it and measured a 2x win.", result: "Latency dropped from 900 ms to 400 ms." };

/** Plays the fixture loop "e2e-mini" (design, modeling, behavioral) through the real loop API on day `day`. */
async function playMini(db: DbHandle["db"], day: number, opts: { strong: boolean; pause?: boolean } = { strong: true }) {
  const { id } = await startLoop({ db, library, templateId: "e2e-mini", mode: opts.pause ? "practice" : "strict", seed: 1, now: at(day, 0) });
  await saveAnswer({ db, sessionId: id, position: 0, answer: design(""), now: at(day, 0.5) });
  if (opts.pause) {
    await pauseRound({ db, sessionId: id, position: 0, now: at(day, 1) });
    await resumeRound({ db, sessionId: id, position: 0, now: at(day, 3) });
  }
  await saveAnswer({ db, sessionId: id, position: 0, answer: design(opts.strong ? "Prefix caching shares the system prompt; decode is memory bound." : ""), now: at(day, 3.5) });
  await submitRound({ db, sessionId: id, position: 0, now: at(day, 4) });
  await startRound({ db, sessionId: id, position: 1, now: at(day, 5) });
  await submitRound({ db, sessionId: id, position: 1, answer: modeling, now: at(day, 6) });
  await startRound({ db, sessionId: id, position: 2, now: at(day, 7) });
  await submitRound({ db, sessionId: id, position: 2, answer: behavioral, now: at(day, 7.1) });
  return id;
}

/** Everything an export says except where and when it was exported. */
const content = (x: SessionExport) => ({ ...x, exportedAt: undefined, sourceId: undefined });

describe.each(engines)("history on %s", (engine) => {
  let h: DbHandle;
  let a: string, b: string, c: string, drill: string;

  beforeAll(async () => {
    h = await openTestDb(engine);
    const db = h.db;
    a = await playMini(db, 0, { strong: false });
    b = await playMini(db, 7, { strong: true, pause: true });
    c = await playMini(db, 14, { strong: true });
    drill = (await startLoop({ db, library, templateId: "quick-drill", kind: "behavioral", mode: "strict", seed: 2, now: at(20, 0) })).id;
    await db.insert(kernelAttempts).values([
      {
        id: "ka-1",
        problemId: "decode-attention",
        source: "@compute @workgroup_size(64) fn main() {}",
        backend: "cpu",
        adapter: { vendor: "js", architecture: "cpu", isFallbackAdapter: true, label: "JavaScript CPU interpreter" },
        verdict: "pass",
        result: { verdict: "pass", cases: [{ name: "small", pass: true, maxAbsError: 1e-6 }], timing: { case: "small", medianMs: 1.25, gbps: 3.2, gflops: 0.8, p10Ms: 1.2, p90Ms: 1.4 } },
        sessionId: c,
        createdAt: at(14, 2),
      },
      { id: "ka-2", problemId: "softmax", source: "x", backend: "webgpu", adapter: null, verdict: "fail-wrong", result: { verdict: "fail-wrong", timing: null }, createdAt: at(15, 0) },
    ]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("lists sessions newest first with filters and a total", async () => {
    const db = h.db;
    const all = await listSessionsByFilter({ db, limit: 10, offset: 0 });
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.id)).toEqual([drill, c, b, a]);
    expect(all.rows[1].kinds).toEqual(["design", "modeling", "behavioral"]);
    expect(all.rows[1].createdAt).toBeInstanceOf(Date);

    const page2 = await listSessionsByFilter({ db, limit: 2, offset: 2 });
    expect(page2.rows.map((r) => r.id)).toEqual([b, a]);
    expect(page2.total).toBe(4);

    expect((await listSessionsByFilter({ db, filter: { templateId: "e2e-mini" }, limit: 10, offset: 0 })).total).toBe(3);
    expect((await listSessionsByFilter({ db, filter: { kind: "modeling" }, limit: 10, offset: 0 })).total).toBe(3);
    const behavioralOnly = await listSessionsByFilter({ db, filter: { kind: "behavioral", templateId: "quick-drill" }, limit: 10, offset: 0 });
    expect(behavioralOnly.rows.map((r) => r.id)).toEqual([drill]);
    expect((await listSessionsByFilter({ db, filter: { decision: "none" }, limit: 10, offset: 0 })).rows.map((r) => r.id)).toEqual([drill]);
    const decided = all.rows.find((r) => r.id === c)!.decision!;
    expect((await listSessionsByFilter({ db, filter: { decision: decided }, limit: 10, offset: 0 })).rows.map((r) => r.id)).toContain(c);
    const range = await listSessionsByFilter({ db, filter: { from: at(7, 0), to: at(14, 0) }, limit: 10, offset: 0 });
    expect(range.rows.map((r) => r.id)).toEqual([b]);

    const templates = await listHistoryTemplates({ db });
    expect(templates).toEqual([
      { id: "e2e-mini", title: "E2E mini loop", sessions: 3 },
      { id: "quick-drill", title: "Quick drill", sessions: 1 },
    ]);
  });

  it("reads a session's detail: rounds, the event log in order, kernel attempts", async () => {
    const d = (await getSessionDetailById({ db: h.db, id: b }))!;
    expect(d.rounds.map((r) => r.kind)).toEqual(["design", "modeling", "behavioral"]);
    expect(d.events.map((e) => e.type)).toEqual(["session-start", "save", "pause", "resume", "save", "submit", "round-start", "save", "submit", "round-start", "save", "submit", "session-complete"]);
    expect(d.kernelAttempts).toEqual([]);
    const dc = (await getSessionDetailById({ db: h.db, id: c }))!;
    expect(dc.kernelAttempts.map((k) => k.id)).toEqual(["ka-1"]);
    expect(await getSessionDetailById({ db: h.db, id: "nope" })).toBeNull();

    // The replay walks the saves: the first design save is the weaker answer, the second the final one.
    const x = toSessionExport(d);
    const frames = buildReplayFrames(x.events.map((e) => ({ type: e.type, roundPosition: e.round, payload: e.payload, createdAt: e.createdAt })));
    expect(frames.map((f) => [f.roundPosition, f.version])).toEqual([[0, 1], [0, 2], [1, 1], [2, 1]]);
    expect(JSON.stringify(frames[0].answer)).not.toMatch(/Prefix caching/);
    expect(JSON.stringify(frames[1].answer)).toMatch(/Prefix caching/);
    expect(frames[1].answer).toEqual(d.rounds[0].answer);
  });

  it("lists kernel attempts with their timing", async () => {
    const list = await listKernelAttempts({ db: h.db, limit: 10, offset: 0 });
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => r.id)).toEqual(["ka-2", "ka-1"]);
    expect(list.rows[1].medianMs).toBe(1.25);
    expect(list.rows[0].medianMs).toBeNull();
    expect((await listKernelAttempts({ db: h.db, verdict: "pass", limit: 10, offset: 0 })).rows.map((r) => r.id)).toEqual(["ka-1"]);
  });

  it("aggregates progress per round kind and per concept, and names the weakest", async () => {
    const kinds = await listProgressByKind({ db: h.db, filter: { templateId: "e2e-mini" } });
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(["design", "modeling", "behavioral"]));
    expect(kinds.filter((k) => k.kind === "design").map((k) => k.period)).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"]);
    const concepts = await listProgressByConcept({ db: h.db, filter: { templateId: "e2e-mini" } });
    const prefix = concepts.filter((r) => r.conceptId === "prefix-cache");
    expect(prefix.map((r) => [r.period, r.hits, r.total])).toEqual([["2026-03-02", 0, 1], ["2026-03-09", 1, 1], ["2026-03-16", 1, 1]]);
    const paged = concepts.filter((r) => r.conceptId === "paged-kv");
    expect(paged.every((r) => r.hits === 1)).toBe(true);
    const weak = weakestConcepts(concepts, { minAttempts: 3, limit: 50 });
    expect(weak.find((w) => w.conceptId === "paged-kv")!.rate).toBe(100);
    expect(weak[0].rate).toBeLessThan(100);
  });

  it("exports and imports a session without loss: new ids, same content, events included", async () => {
    const db = h.db;
    for (const id of [b, c]) {
      const original = toSessionExport((await getSessionDetailById({ db, id }))!);
      // Through JSON text, as over HTTP.
      const parsed = sessionExportSchema.safeParse(JSON.parse(JSON.stringify(original)));
      expect(parsed.success, parsed.success ? "" : describeIssues(parsed.error)).toBe(true);
      const { id: copy } = await insertSessionFromExport({ db, data: parsed.data! });
      expect(copy).not.toBe(id);
      const again = (await getSessionDetailById({ db, id: copy }))!;
      expect(content(toSessionExport(again))).toEqual(content(original));
      const origDetail = (await getSessionDetailById({ db, id }))!;
      expect(again.rounds.map((r) => r.id).some((rid) => origDetail.rounds.some((o) => o.id === rid))).toBe(false);
      expect(again.events.length).toBe(origDetail.events.length);
      expect(again.events.every((e) => e.roundId === null || again.rounds.some((r) => r.id === e.roundId))).toBe(true);
      await deleteSessionById({ db, id: copy });
    }
    // The markdown names the decision, every round, the final answers and the rubric evidence.
    const md = renderSessionMarkdown(toSessionExport((await getSessionDetailById({ db, id: c }))!));
    expect(md).toMatch(/^# E2E mini loop/);
    expect(md).toMatch(/## Round 1: .*\(design\)/);
    expect(md).toMatch(/## Round 3: .*\(behavioral\)/);
    expect(md).toMatch(/Prefix caching shares the system prompt/);
    expect(md).toMatch(/✓ hit \| Paged KV cache/);
    expect(md).toMatch(/decode-attention\*\* — pass on JavaScript CPU interpreter/);
  });

  it("rejects a malformed or foreign export naming the field, and writes nothing", async () => {
    const db = h.db;
    const good = toSessionExport((await getSessionDetailById({ db, id: b }))!);
    const before = (await listSessionsByFilter({ db, limit: 1, offset: 0 })).total;
    const bad = (mutate: (x: any) => void) => {
      const x = JSON.parse(JSON.stringify(good));
      mutate(x);
      const r = sessionExportSchema.safeParse(x);
      expect(r.success).toBe(false);
      return describeIssues(r.error!);
    };
    expect(bad((x) => (x.format = "something-else"))).toMatch(/^format: not a Loopbench session export/);
    expect(bad((x) => (x.version = 2))).toMatch(/^version: unsupported export version/);
    expect(bad((x) => (x.rounds[1].answer = { values: { a: { value: "lots", unit: "B" } } }))).toMatch(/rounds\[1\]\.answer\.values\.a\.value/);
    expect(bad((x) => (x.rounds[0].kind = "poetry"))).toMatch(/rounds\[0\]\.kind/);
    expect(bad((x) => (x.events[3].round = 9))).toMatch(/events\[3\]\.round: refers to round 9/);
    expect(bad((x) => (x.session.createdAt = "yesterday"))).toMatch(/session\.createdAt/);
    expect(bad((x) => (x.events[1].payload.answer.sections.requirements = "nul\u0000here"))).toMatch(/events\[1\]\.payload\.answer\.sections\.requirements: contains a NUL/);

    // A failure half-way through the writes (the database refuses a value) leaves nothing behind.
    const broken = JSON.parse(JSON.stringify(good)) as SessionExport;
    broken.rounds[2].durationMs = 2 ** 40;
    await expect(insertSessionFromExport({ db, data: broken })).rejects.toThrow();
    expect((await listSessionsByFilter({ db, limit: 1, offset: 0 })).total).toBe(before);
  });

  it("deletes a session with its rounds and events, keeping its kernel attempts unlinked", async () => {
    const db = h.db;
    const attemptsBefore = (await listKernelAttempts({ db, limit: 10, offset: 0 })).total;
    const copy = (await insertSessionFromExport({ db, data: toSessionExport((await getSessionDetailById({ db, id: c }))!) })).id;
    expect(await deleteSessionById({ db, id: copy })).toBe(true);
    expect(await getSessionDetailById({ db, id: copy })).toBeNull();
    expect(await getEventsBySessionId({ db, sessionId: copy })).toEqual([]);
    expect(await deleteSessionById({ db, id: copy })).toBe(false);
    // The copy brought its kernel attempt along; deleting the session keeps the attempt, unlinked.
    const after = await listKernelAttempts({ db, limit: 10, offset: 0 });
    expect(after.total).toBe(attemptsBefore + 1);
    expect(after.rows.filter((r) => r.problemId === "decode-attention" && r.sessionId === null).length).toBeGreaterThan(0);
  });
});
