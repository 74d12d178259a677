import { z } from "zod";
import { handle, HttpError, parseJsonBody } from "@/lib/http";
import { sameString, SESSION_COOKIE, sessionToken } from "@/lib/http/guard";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ password: z.string().max(1000) });

/** Failed attempts wait, so guessing the password over the network is slow. */
const FAIL_DELAY_MS = 1000;

/** POST /api/login {password}: sets the session cookie (HttpOnly, SameSite=Strict; Secure behind HTTPS). */
export const POST = handle(async (req: Request) => {
  const password = process.env.LOOPBENCH_PASSWORD;
  if (!password) throw new HttpError(404, "This server has no password (LOOPBENCH_PASSWORD is not set); nothing to sign in to.");
  const { password: given } = await parseJsonBody(req, bodySchema, 4096);
  if (!sameString(given, password)) {
    await new Promise((r) => setTimeout(r, FAIL_DELAY_MS));
    throw new HttpError(401, "Wrong password.");
  }
  const https = (req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "")) === "https";
  const cookie = [`${SESSION_COOKIE}=${await sessionToken(password)}`, "Path=/", "HttpOnly", "SameSite=Strict", "Max-Age=2592000", ...(https ? ["Secure"] : [])].join("; ");
  return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { "content-type": "application/json", "set-cookie": cookie } });
});
