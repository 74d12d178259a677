import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";

export const dynamic = "force-dynamic";

/**
 * Pyodide served from the app itself (node_modules/pyodide), never a CDN: the browser worker calls
 * loadPyodide({ indexURL: "/pyodide/" }). Only the files Pyodide loads are served.
 */
const files: Record<string, string> = {
  "pyodide.mjs": "text/javascript; charset=utf-8",
  "pyodide.js": "text/javascript; charset=utf-8",
  "pyodide.asm.js": "text/javascript; charset=utf-8",
  "pyodide.asm.wasm": "application/wasm",
  "python_stdlib.zip": "application/zip",
  "pyodide-lock.json": "application/json",
};

const dir = path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules", "pyodide");

function version(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export async function GET(req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  // Own keys only: "__proto__" or "constructor" must be a 404, not Object.prototype.
  const type = Object.hasOwn(files, file) ? files[file] : undefined;
  if (!type) return Response.json({ error: `Not a Pyodide file: ${file}. Served: ${Object.keys(files).join(", ")}.` }, { status: 404 });
  const full = path.join(dir, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return Response.json({ error: `node_modules/pyodide/${file} is missing; run npm install.` }, { status: 500 });
  }
  // The URL carries no version, so the ETag does: an upgrade of the package revalidates.
  const etag = `"${version()}-${stat.size}-${Math.round(stat.mtimeMs)}"`;
  const headers = {
    "content-type": type,
    "cache-control": "public, max-age=604800, stale-while-revalidate=86400",
    etag,
    "cross-origin-resource-policy": "same-origin",
  };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const body = Readable.toWeb(fs.createReadStream(full)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: { ...headers, "content-length": String(stat.size) } });
}
