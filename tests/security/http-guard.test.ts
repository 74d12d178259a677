/** The request checks of proxy.ts and the body reader of every JSON route, on hostile input. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError, jsonDepth, parseJsonBody } from "@/lib/http";
import { checkHost, checkOrigin, checkPath, guard, sessionToken } from "@/lib/http/guard";
import { checkDispatchSize } from "@/lib/gpu/contract";

const h = (o: Record<string, string>) => new Headers(o);
const status = async (p: Promise<unknown>) => {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof HttpError) return e.status;
    throw e;
  }
};
const post = (body: BodyInit | ReadableStream, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/api/x", { method: "POST", body, headers: { "content-type": "application/json", ...headers }, duplex: "half" } as RequestInit);
const any = z.unknown();

describe("paths", () => {
  it.each(["/api/sessions/%00", "/api/sessions/a%00b/export", "/history/%00", "/api/kernel-attempts/%00", "/loop/%00/debrief", "/api/scenarios/%00/visible-tests"])("%s is 400", (p) => {
    expect(checkPath(p)).toMatchObject({ ok: false, status: 400 });
  });
  it("invalid UTF-8 (%ff%fe), an encoded lone surrogate and a NUL in the query are 400", () => {
    expect(checkPath("/history/%ff%fe")).toMatchObject({ ok: false, status: 400 });
    expect(checkPath("/history/%ED%A0%80")).toMatchObject({ ok: false, status: 400 });
    expect(checkPath("/api/kernel-attempts?problemId=%00")).toMatchObject({ ok: false, status: 400 });
    expect(checkPath("/history/caf%C3%A9?q=a+b")).toEqual({ ok: true });
  });
});

describe("origin and content type of state changes", () => {
  it("refuses a cross-site form post and a no-cors text/plain fetch", () => {
    expect(checkOrigin("POST", h({ host: "127.0.0.1:3000", origin: "https://evil.example", "content-type": "text/plain", "content-length": "10" }))).toMatchObject({ ok: false, status: 403 });
    expect(checkOrigin("POST", h({ host: "127.0.0.1:3000", "sec-fetch-site": "cross-site", "content-type": "application/json" }))).toMatchObject({ ok: false, status: 403 });
    expect(checkOrigin("DELETE", h({ host: "127.0.0.1:3000", "sec-fetch-site": "same-site" }))).toMatchObject({ ok: false, status: 403 });
  });
  it("refuses a same-origin body that is not JSON, accepts JSON and a bodyless POST", () => {
    expect(checkOrigin("POST", h({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "content-type": "text/plain", "content-length": "2" }))).toMatchObject({ ok: false, status: 415 });
    expect(checkOrigin("POST", h({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "content-type": "application/json; charset=utf-8", "content-length": "2" }))).toEqual({ ok: true });
    expect(checkOrigin("POST", h({ host: "127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toEqual({ ok: true });
    expect(checkOrigin("GET", h({ host: "127.0.0.1:3000", origin: "https://evil.example" }))).toEqual({ ok: true });
  });
});

describe("host and session", () => {
  it("without a password, answers only to loopback names (DNS rebinding)", () => {
    expect(checkHost(h({ host: "evil.example:3000" }), undefined)).toMatchObject({ ok: false, status: 421 });
    expect(checkHost(h({ host: "localhost:3000" }), undefined)).toEqual({ ok: true });
    expect(checkHost(h({ host: "[::1]:3000" }), undefined)).toEqual({ ok: true });
    expect(checkHost(h({ host: "bench.internal" }), undefined, ["bench.internal"])).toEqual({ ok: true });
  });
  it("with a password, every page and API needs the session cookie; the login page does not", async () => {
    const base = { method: "GET", headers: h({ host: "bench.example" }), password: "hunter2-long" };
    expect(await guard({ ...base, path: "/history", cookie: undefined })).toMatchObject({ ok: false, status: 401, login: true });
    expect(await guard({ ...base, path: "/api/sessions", cookie: "forged" })).toMatchObject({ ok: false, status: 401 });
    expect(await guard({ ...base, path: "/login", cookie: undefined })).toEqual({ ok: true });
    expect(await guard({ ...base, path: "/history", cookie: await sessionToken("hunter2-long") })).toEqual({ ok: true });
    expect(await guard({ ...base, path: "/history", cookie: await sessionToken("another") })).toMatchObject({ ok: false });
  });
});

describe("JSON bodies", () => {
  it("a 300 MB body without Content-Length is refused at the cap, without reading it all", async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= 300) return c.close();
        sent++;
        c.enqueue(chunk);
      },
    });
    expect(await status(parseJsonBody(post(stream), any))).toBe(413);
    expect(sent).toBeLessThan(5);
  });
  it("5,000-deep JSON is 400 without recursion; NUL and lone surrogates are 400 naming the field", async () => {
    expect(jsonDepth("[".repeat(5000) + "]".repeat(5000))).toBe(5000);
    expect(jsonDepth('{"a":"[[[[["}')).toBe(1);
    expect(await status(parseJsonBody(post("[".repeat(5000) + "]".repeat(5000)), any))).toBe(400);
    expect(await status(parseJsonBody(post(JSON.stringify({ answer: { code: "x\u0000y" } })), any))).toBe(400);
    expect(await status(parseJsonBody(post('{"answer":{"code":"\\ud800"}}'), any))).toBe(400);
    expect(await status(parseJsonBody(post('{"answer":{"code":"emoji \\ud83d\\ude00 ok"}}'), any))).toBe(200);
    await parseJsonBody(post(JSON.stringify({ a: { b: "x\u0000" } })), any).catch((e: Error) => expect(e.message).toMatch(/^a\.b: a NUL character/));
  });
});

describe("kernel dispatch size", () => {
  it("65535^3 workgroups are refused before running; a grid sized from the case passes", () => {
    const g = { inputs: { x: new Float32Array(4096) }, outputSizes: { y: 4096 } };
    expect(checkDispatchSize([65535, 65535, 65535], [1, 1, 1], g, "case a")).toMatchObject({ ok: false });
    expect(checkDispatchSize([64, 1, 1], [64, 1, 1], g, "case a")).toEqual({ ok: true });
  });
});
