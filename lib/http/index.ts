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

/**
 * Reads a JSON body with a size cap, then parses it with the route's schema.
 * Malformed JSON is 400, too large 413, schema mismatch 422 with the fields named.
 */
export async function parseJsonBody<T extends z.ZodType>(req: Request, schema: T, maxBytes = MAX_BODY_BYTES): Promise<z.infer<T>> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new HttpError(413, `Request body is ${declared} bytes; the limit is ${maxBytes} bytes (${formatKiB(maxBytes)}).`);
  const raw = await req.text();
  const size = Buffer.byteLength(raw, "utf8");
  if (size > maxBytes) throw new HttpError(413, `Request body is ${size} bytes; the limit is ${maxBytes} bytes (${formatKiB(maxBytes)}).`);
  let data: unknown;
  try {
    data = raw.length ? JSON.parse(raw) : {};
  } catch (err) {
    throw new HttpError(400, `Body is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new HttpError(422, parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  }
  return parsed.data;
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
