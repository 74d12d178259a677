import { expect, test } from "@playwright/test";

test("bad API bodies get a 4xx with a message and never lose the saved answer", async ({ request }) => {
  const start = await request.post("/api/sessions", { data: { templateId: "quick-drill", kind: "behavioral", mode: "strict" } });
  expect(start.status()).toBe(201);
  const { id } = await start.json();
  const save = (data: unknown, headers: Record<string, string> = {}) =>
    request.post(`/api/sessions/${id}/rounds/0/answer`, { data: data as never, headers: { "content-type": "application/json", ...headers } });

  expect((await save({ answer: { situation: "kept", task: "", action: "", result: "" } })).status()).toBe(200);

  const malformed = await save(Buffer.from("{not json"));
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error).toMatch(/not valid JSON/);

  const wrongShape = await save({ answer: { situation: 42 } });
  expect(wrongShape.status()).toBe(422);
  expect((await wrongShape.json()).error).toMatch(/situation/);

  // A round answer body may hold 512 KiB (a design answer carries its drawing).
  const huge = await save({ answer: { situation: "x".repeat(600_000), task: "", action: "", result: "" } });
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error).toMatch(/the limit is 524288 bytes \(512 KiB\)/);

  const tooLongField = await save({ answer: { situation: "x".repeat(20_001), task: "", action: "", result: "" } });
  expect(tooLongField.status()).toBe(422);

  expect((await request.post("/api/sessions", { data: { templateId: "nope" } })).status()).toBe(404);
  expect((await request.post("/api/sessions", { data: { templateId: 5 } })).status()).toBe(422);
  expect((await request.post(`/api/sessions/${id}/rounds/9/answer`, { data: { answer: {} } })).status()).toBe(404);
  expect((await request.post(`/api/sessions/${id}/rounds/0/explode`, { data: {} })).status()).toBe(404);
  expect((await request.post(`/api/sessions/${id}/rounds/0/pause`, { data: {} })).status()).toBe(409);
  expect((await request.get(`/api/sessions/does-not-exist`)).status()).toBe(404);

  const view = await (await request.get(`/api/sessions/${id}`)).json();
  expect(view.rounds[0].answer.situation).toBe("kept");
});

test("DELETE /api/sessions/<id> removes a session, then answers 404", async ({ request }) => {
  const { id } = await (await request.post("/api/sessions", { data: { templateId: "quick-drill", kind: "design" } })).json();
  const del = await request.delete(`/api/sessions/${id}`);
  expect(del.status()).toBe(200);
  expect(await del.json()).toEqual({ deleted: true, id });
  expect((await request.get(`/api/sessions/${id}`)).status()).toBe(404);
  expect((await request.delete(`/api/sessions/${id}`)).status()).toBe(404);
});
