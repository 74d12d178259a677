import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { getSessionDetailById, insertSessionFromExport, listSessionsByFilter } from "@/db/queries/history";
import { sessionExportSchema, toSessionExport, type SessionExport } from "@/lib/history";
import { refuseDuplicateImport } from "@/lib/history/import-dedupe";
import { startLoop, submitRound } from "@/lib/loop";
import { loadScenarioLibrary } from "@/lib/scenarios";
import { engines, openTestDb } from "../support/test-db";

const library = loadScenarioLibrary([path.join(process.cwd(), "scenarios")], { kinds: ["behavioral", "loops"] });
const t0 = new Date("2026-04-01T09:00:00Z");

const req = (query = "") => new Request(`http://127.0.0.1/api/sessions/import${query}`, { method: "POST" });

/** What the import route does after parsing: refuse a duplicate, else write the session. */
async function importOnce(db: DbHandle["db"], data: SessionExport, query = ""): Promise<{ status: number; body: { id?: string; error?: string; duplicateOf?: { id: string; url: string } } }> {
  const refused = await refuseDuplicateImport({ db, data, req: req(query) });
  if (refused) return { status: refused.status, body: await refused.json() };
  const { id } = await insertSessionFromExport({ db, data });
  return { status: 201, body: { id } };
}

const clone = (x: SessionExport): SessionExport => sessionExportSchema.parse(JSON.parse(JSON.stringify(x)));

describe.each(engines)("import marker and dedupe on %s", (engine) => {
  let h: DbHandle;
  let original: string;
  let exported: SessionExport;

  beforeAll(async () => {
    h = await openTestDb(engine);
    ({ id: original } = await startLoop({ db: h.db, library, templateId: "quick-drill", kind: "behavioral", mode: "strict", seed: 11, now: t0 }));
    await submitRound({ db: h.db, sessionId: original, position: 0, answer: { situation: "A", task: "B", action: "C", result: "D" }, now: new Date(t0.getTime() + 60_000) });
    exported = clone(toSessionExport((await getSessionDetailById({ db: h.db, id: original }))!));
  });
  afterAll(async () => h?.close());

  it("refuses an export of a session that is already here (the original), with 409 and a link to it", async () => {
    const r = await importOnce(h.db, clone(exported));
    expect(r.status).toBe(409);
    expect(r.body.duplicateOf).toEqual({ id: original, url: `/history/${original}` });
    expect(r.body.error).toMatch(/already in your history: the original session is here/);
  });

  it("marks an import with the original's id and start, refuses a second import, and allows one on purpose", async () => {
    // On another machine the original is not there: simulate by importing under a fresh source id and start.
    const foreign = clone(exported);
    foreign.sourceId = "0b1c2d3e-aaaa-4bbb-8ccc-000000000001";
    foreign.session.createdAt = "2026-04-02T10:00:00.000Z";
    const first = await importOnce(h.db, foreign);
    expect(first.status).toBe(201);
    const row = (await getSessionDetailById({ db: h.db, id: first.body.id! }))!.session;
    expect(row.importedFromId).toBe(foreign.sourceId);
    expect(row.importedFromCreatedAt?.toISOString()).toBe("2026-04-02T10:00:00.000Z");
    expect(row.importedAt).toBeInstanceOf(Date);
    const listed = (await listSessionsByFilter({ db: h.db, limit: 10, offset: 0 })).rows.find((s) => s.id === first.body.id)!;
    expect(listed.importedFromId).toBe(foreign.sourceId);
    expect(listed.importedAt).toBeInstanceOf(Date);

    const before = (await listSessionsByFilter({ db: h.db, limit: 1, offset: 0 })).total;
    const second = await importOnce(h.db, clone(foreign));
    expect(second.status).toBe(409);
    expect(second.body.duplicateOf?.id).toBe(first.body.id);
    expect(second.body.error).toMatch(/it was imported on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect((await listSessionsByFilter({ db: h.db, limit: 1, offset: 0 })).total).toBe(before);

    // An export of the imported copy still names the original, so it is the same session too.
    const reExported = clone(toSessionExport((await getSessionDetailById({ db: h.db, id: first.body.id! }))!));
    expect(reExported.sourceId).toBe(foreign.sourceId);
    expect((await importOnce(h.db, reExported)).status).toBe(409);

    const onPurpose = await importOnce(h.db, clone(foreign), "?duplicate=allow");
    expect(onPurpose.status).toBe(201);
    expect(onPurpose.body.id).not.toBe(first.body.id);
  });

  it("is not fooled by an edited or missing source id, nor by an edited start: either one still identifies the session", async () => {
    const noId = clone(exported);
    delete noId.sourceId;
    expect((await importOnce(h.db, noId)).status).toBe(409);
    const otherId = clone(exported);
    otherId.sourceId = "not-the-real-id";
    expect((await importOnce(h.db, otherId)).status).toBe(409);
    const otherStart = clone(exported);
    otherStart.session.createdAt = "2026-05-05T05:05:05.000Z";
    expect((await importOnce(h.db, otherStart)).status).toBe(409); // same source id
  });

  it("imports a different session of the same loop and seed (another start, another id)", async () => {
    const other = clone(exported);
    other.sourceId = "0b1c2d3e-aaaa-4bbb-8ccc-000000000002";
    other.session.createdAt = "2026-04-03T10:00:00.000Z";
    expect((await importOnce(h.db, other)).status).toBe(201);
  });
});
