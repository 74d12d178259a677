import { NextResponse, type NextRequest } from "next/server";
import { guard, SESSION_COOKIE } from "@/lib/http/guard";

/**
 * Runs before every page and route (Next 16's proxy, formerly middleware): bad paths, foreign Host
 * names, missing sessions (when LOOPBENCH_PASSWORD is set) and cross-site state changes are refused
 * here with a 4xx, before a route parses anything. Security headers come from next.config.ts.
 */
export async function proxy(req: NextRequest) {
  const rawPath = req.nextUrl.pathname;
  const verdict = await guard({
    method: req.method,
    path: rawPath,
    search: req.nextUrl.search,
    headers: req.headers,
    cookie: req.cookies.get(SESSION_COOKIE)?.value,
    password: process.env.LOOPBENCH_PASSWORD || undefined,
    allowedHosts: (process.env.LOOPBENCH_ALLOWED_HOSTS ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean),
  });
  if (verdict.ok) return NextResponse.next();
  const wantsPage = req.method === "GET" && !rawPath.startsWith("/api/") && (req.headers.get("accept") ?? "").includes("text/html");
  if (verdict.login && wantsPage) {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = `?next=${encodeURIComponent(rawPath + req.nextUrl.search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.json({ error: verdict.error }, { status: verdict.status });
}

export const config = {
  // Everything, static chunks included (with a password set, only the login page's assets are public).
  matcher: "/:path*",
};
