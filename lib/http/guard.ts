/**
 * The checks every request passes before it reaches a page or route (proxy.ts), as plain functions of
 * the request so tests call them directly:
 * - the path decodes as UTF-8 and holds no NUL (else 400, before any route sees it);
 * - on loopback, the Host is a loopback name (a DNS-rebinding page cannot talk to the app);
 * - with LOOPBENCH_PASSWORD set, a session cookie from /login on every page and API;
 * - state-changing methods come from this origin (Origin / Sec-Fetch-Site) and, with a body, as JSON.
 */
export const SESSION_COOKIE = "loopbench_session";
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

export type GuardInput = {
  method: string;
  /** The raw (still percent-encoded) path. */
  path: string;
  /** The raw query string, with its "?" (ids travel there too). */
  search?: string;
  headers: Headers;
  cookie: string | undefined;
  password: string | undefined;
  /** Host names allowed besides loopback, for a server bound beyond it (LOOPBENCH_ALLOWED_HOSTS). */
  allowedHosts?: string[];
};

export type GuardVerdict = { ok: true } | { ok: false; status: number; error: string; login?: boolean };

/** Public paths that work without a session (the login page, its API and the assets they load). */
export function isPublicPath(path: string): boolean {
  return path === "/login" || path === "/api/login" || path.startsWith("/_next/static/") || path === "/icon.svg" || path === "/favicon.ico";
}

export function checkPath(path: string): GuardVerdict {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/\+/g, " "));
  } catch {
    return { ok: false, status: 400, error: "The URL is not valid percent-encoded UTF-8." };
  }
  if (decoded.includes("\0")) return { ok: false, status: 400, error: "The URL contains a NUL character." };
  return { ok: true };
}

function hostOf(h: Headers): string {
  return (h.get("x-forwarded-host") ?? h.get("host") ?? "").split(",")[0].trim().toLowerCase();
}

export function checkOrigin(method: string, headers: Headers): GuardVerdict {
  if (!STATE_CHANGING.has(method.toUpperCase())) return { ok: true };
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    return { ok: false, status: 403, error: `Cross-site request refused (Sec-Fetch-Site: ${site}): state-changing requests must come from this app's own pages.` };
  }
  const origin = headers.get("origin");
  if (origin !== null) {
    let host = "";
    try {
      host = new URL(origin).host.toLowerCase();
    } catch {
      host = "";
    }
    if (!host || host !== hostOf(headers)) {
      return { ok: false, status: 403, error: `Cross-origin request refused (Origin: ${origin.slice(0, 100)}): state-changing requests must come from this app's own pages.` };
    }
  }
  const hasBody = Number(headers.get("content-length") ?? "0") > 0 || headers.has("transfer-encoding") || headers.has("content-type");
  if (hasBody) {
    const type = (headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json") {
      return { ok: false, status: 415, error: `Content-Type must be application/json (got ${type || "none"}).` };
    }
  }
  return { ok: true };
}

export function checkHost(headers: Headers, password: string | undefined, allowed: string[] = []): GuardVerdict {
  const host = (headers.get("host") ?? "").toLowerCase();
  if (!host || LOOPBACK.test(host)) return { ok: true };
  const name = host.replace(/:\d+$/, "");
  if (allowed.includes(name)) return { ok: true };
  // With a password every request needs a session anyway; without one only loopback names are served.
  if (password) return { ok: true };
  return {
    ok: false,
    status: 421,
    error: `This server answers only to localhost (got Host: ${host.slice(0, 100)}). To serve it on a network, set HOST and LOOPBENCH_PASSWORD (docs/security.md).`,
  };
}

/** The session token: an HMAC of a fixed label under the password, so changing the password logs everyone out. */
export async function sessionToken(password: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode("loopbench-session-v1"));
  return Buffer.from(sig).toString("base64url");
}

/** Constant-time string comparison. */
export function sameString(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export async function checkSession(path: string, cookie: string | undefined, password: string | undefined): Promise<GuardVerdict> {
  if (!password || isPublicPath(path)) return { ok: true };
  if (cookie && sameString(cookie, await sessionToken(password))) return { ok: true };
  return { ok: false, status: 401, error: "Sign in first: this server needs the password set by LOOPBENCH_PASSWORD.", login: true };
}

export async function guard(i: GuardInput): Promise<GuardVerdict> {
  for (const v of [checkPath(i.path + (i.search ?? "")), checkHost(i.headers, i.password, i.allowedHosts)]) if (!v.ok) return v;
  const s = await checkSession(i.path, i.cookie, i.password);
  if (!s.ok) return s;
  return checkOrigin(i.method, i.headers);
}
