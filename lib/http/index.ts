import { z } from "zod";
import { LoopError } from "@/lib/loop/engine";
import { MAX_BODY_BYTES } from "@/lib/grading/answers";

/** An error meant for the client: its status is 4xx and its message says what to fix. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Deepest nesting of arrays and objects a body may have (a whiteboard scene needs about ten). */
export const MAX_JSON_DEPTH = 64;

/**
 * Reads a JSON body with a size cap, then parses it with the route's schema.
 * The cap holds while streaming, whatever Content-Length says (or when it is absent): reading stops at
 * the limit. Malformed JSON, nesting deeper than MAX_JSON_DEPTH, and strings holding NUL or unpaired
 * surrogates (which no database column stores) are 400; too large 413; schema mismatch 422 with the fields named.
 */
export async function parseJsonBody<T extends z.ZodType>(req: Request, schema: T, maxBytes = MAX_BODY_BYTES): Promise<z.infer<T>> {
  const raw = await readBodyCapped(req, maxBytes);
  const depth = jsonDepth(raw);
  if (depth > MAX_JSON_DEPTH) throw new HttpError(400, `Body is nested ${depth > 10_000 ? "more than 10000" : depth} levels deep; the limit is ${MAX_JSON_DEPTH}.`);
  let data: unknown;
  try {
    data = raw.length ? JSON.parse(raw) : {};
  } catch (err) {
    throw new HttpError(400, `Body is not valid JSON: ${(err as Error).message}`);
  }
  const bad = findBadString(data);
  if (bad) throw new HttpError(400, `${bad.path || "body"}: ${bad.why}; remove it and send again.`);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new HttpError(422, parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  }
  return parsed.data;
}

/** The body as UTF-8 text, never holding more than maxBytes of it in memory. */
export async function readBodyCapped(req: Request, maxBytes: number): Promise<string> {
  const tooLarge = (n: number | string) => new HttpError(413, `Request body is ${n} bytes; the limit is ${maxBytes} bytes (${formatKiB(maxBytes)}).`);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(declared);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(`more than ${maxBytes}`);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, "Body is not valid UTF-8.");
  }
}

/** Deepest [ / { nesting in JSON text, strings skipped; a scan, so a 5,000-deep body costs no recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string (value or key) holding a NUL or an unpaired surrogate, with its path. */
export function findBadString(value: unknown): { path: string; why: string } | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: "" }];
  const check = (s: string, path: string) =>
    s.includes("\0") ? { path, why: "a NUL character (\\u0000) is not allowed" } : LONE_SURROGATE.test(s) ? { path, why: "an unpaired UTF-16 surrogate is not allowed" } : null;
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === "string") {
      const bad = check(v, path);
      if (bad) return bad;
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push({ v: x, path: path ? `${path}.${i}` : String(i) }));
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k.slice(0, 50)}` : k.slice(0, 50);
        const bad = check(k, p);
        if (bad) return bad;
        stack.push({ v: x, path: p });
      }
    }
  }
  return null;
}

function formatKiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

/** Turns any thrown error into a JSON response: known errors keep their 4xx, the rest are 500 and logged. */
export function errorResponse(err: unknown): Response {
  if (err instanceof HttpError || err instanceof LoopError) {
    return Response.json({ error: err.message }, { status: err.status });
  }
  console.error("[loopbench] unexpected error", err);
  return Response.json({ error: "Internal error; the server log has details. Your saved answers are safe." }, { status: 500 });
}

/** Wraps a route handler so every failure becomes a typed JSON error. */
export function handle<A extends unknown[]>(fn: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
