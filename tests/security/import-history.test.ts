/**
 * "Imports are history, not work": an export whose coding round is active with a past deadline and a
 * hostile answer is stored as submitted history; the deadline sweep finds nothing to grade, so the
 * answer never runs. Snapshots are validated like scenario files.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { getSessionDetailById, insertSessionFromExport } from "@/db/queries/history";
import { asImportedHistory, sessionExportSchema, toSessionExport, validateImportedScenarios } from "@/lib/history";
import { finalizeOverdueRounds, saveAnswer, startLoop } from "@/lib/loop";
import { loadScenarioLibrary } from "@/lib/scenarios";
import { engines, openTestDb } from "../support/test-db";

const library = loadScenarioLibrary();
const marker = path.join(os.tmpdir(), `lb-import-${process.pid}.txt`);
const hostile = `from pyodide.code import run_js\nrun_js("process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(marker)}, 'x')")\ndef edit_distance(a, b):\n    return 0\n`;

describe.each(engines)("imports on %s", (engine) => {
  let h: DbHandle;
  let exported: ReturnType<typeof toSessionExport>;

  beforeAll(async () => {
    h = await openTestDb(engine);
    const t = new Date("2026-01-01T09:00:00Z");
    const { id } = await startLoop({ db: h.db, library, templateId: "quick-drill", kind: "coding", mode: "strict", seed: 1, scenarioIds: { 0: "edit-distance" }, now: t });
    await saveAnswer({ db: h.db, sessionId: id, position: 0, answer: { language: "python", code: hostile }, now: new Date(t.getTime() + 60_000) });
    exported = toSessionExport((await getSessionDetailById({ db: h.db, id }))!);
    // The attacker's file: the round active with its deadline long past.
    exported.rounds[0].status = "active";
    exported.rounds[0].deadlineAt = "2026-01-01T10:00:00.000Z";
    exported.rounds[0].startedAt = "2026-01-01T09:00:00.000Z";
    exported.session.status = "active";
  });

  afterAll(async () => {
    await h.close();
    fs.rmSync(marker, { force: true });
  });

  it("stores an active, overdue round as submitted history that the sweep never grades", async () => {
    const parsed = sessionExportSchema.parse(JSON.parse(JSON.stringify(exported)));
    expect(validateImportedScenarios(parsed)).toEqual([]);
    const { id } = await insertSessionFromExport({ db: h.db, data: asImportedHistory(parsed) });
    const detail = (await getSessionDetailById({ db: h.db, id }))!;
    expect(detail.session.status).toBe("completed");
    expect(detail.rounds.map((r) => r.status)).toEqual(["submitted"]);
    expect(detail.rounds[0].deadlineAt).toBeNull();
    expect(detail.rounds[0].grade).toBeNull();
    // The sweep of this session (the original, still active, is left out: it would be graded, in the sandbox).
    expect(await finalizeOverdueRounds({ db: h.db, sessionId: id, now: new Date("2026-06-01T00:00:00Z") })).toBe(0);
    expect((await getSessionDetailById({ db: h.db, id }))!.rounds[0].grade).toBeNull();
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("refuses a coding snapshot that no scenario file could hold, naming the round and field", () => {
    const x = JSON.parse(JSON.stringify(exported));
    x.rounds[0].scenario.limits = { timeMs: 10 ** 9, outputBytes: 10 ** 12 };
    x.rounds[0].scenario.tests = [];
    const issues = validateImportedScenarios(sessionExportSchema.parse(x));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => i.path).join(" ")).toMatch(/rounds\[0\]\.scenario\.(limits|tests)/);
  });
});
