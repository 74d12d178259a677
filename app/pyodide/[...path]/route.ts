import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { PYODIDE_FILES } from "@/lib/runner/pyodide-files.mjs";

export const dynamic = "force-dynamic";

/**
 * Pyodide served from the app itself (node_modules/pyodide), never a CDN. The browser worker loads
 * /pyodide/<version>/<file> (lib/runner/browser-worker.ts): the version in the URL makes each file
 * immutable, so a browser keeps it for a year and a package upgrade changes the URL. The unversioned
 * /pyodide/<file> stays served (revalidated by ETag) for anything that still asks for it.
 *
 * Compression is Next's (`next start` gzips compressible types, application/wasm included): it works
 * because next.config.ts sets these files' Content-Type first (lib/runner/pyodide-files.mjs says why);
 * this route must not add `no-transform`.
 * X-Decoded-Length carries the file's size for the worker's progress bar (the transferred size is smaller).
 */
const files: Record<string, string> = PYODIDE_FILES;

const dir = path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules", "pyodide");

let installed: string | undefined;
function version(): string {
  if (installed) return installed;
  try {
    return (installed = (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version);
  } catch {
    return "unknown";
  }
}

export async function GET(req: Request, ctx: { params: Promise<{ path: string[] }> }) {
  const parts = (await ctx.params).path;
  const file = parts[parts.length - 1];
  const asked = parts.length === 2 ? parts[0] : undefined;
  // Own keys only: "__proto__" or "constructor" must be a 404, not Object.prototype.
  const type = parts.length <= 2 && Object.hasOwn(files, file) ? files[file] : undefined;
  if (!type) return Response.json({ error: `Not a Pyodide file: ${parts.join("/")}. Served: ${Object.keys(files).join(", ")}.` }, { status: 404 });
  if (asked !== undefined && asked !== version()) {
    return Response.json({ error: `Pyodide ${asked} is not installed here (this server has ${version()}); reload the page.` }, { status: 404 });
  }
  const full = path.join(dir, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return Response.json({ error: `node_modules/pyodide/${file} is missing; run npm install.` }, { status: 500 });
  }
  const etag = `"${version()}-${stat.size}-${Math.round(stat.mtimeMs)}"`;
  const headers: Record<string, string> = {
    "content-type": type,
    "cache-control": asked ? "public, max-age=31536000, immutable" : "public, max-age=604800, stale-while-revalidate=86400",
    etag,
    "x-decoded-length": String(stat.size),
    "cross-origin-resource-policy": "same-origin",
  };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const body = Readable.toWeb(fs.createReadStream(full)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers });
}
