import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import zlib from "node:zlib";

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

type Encoding = "br" | "gzip";

/**
 * Compressed copies, made once per file version and kept in memory: pyodide.asm.wasm is 8.4 MB raw and
 * about a third of that compressed, so a cold page downloads far less. Brotli at quality 5 compresses
 * the 8 MB in well under a second once, on the first request; gzip is the fallback.
 * LOOPBENCH_PYODIDE_COMPRESS=0 serves the raw files (to measure the difference).
 */
const compressed = new Map<string, Promise<Buffer>>();

function compressedCopy(full: string, etag: string, encoding: Encoding): Promise<Buffer> {
  const key = `${full}|${etag}|${encoding}`;
  let p = compressed.get(key);
  if (!p) {
    p = fs.promises.readFile(full).then(
      (raw) =>
        new Promise<Buffer>((resolve, reject) => {
          const done = (err: Error | null, out: Buffer) => (err ? reject(err) : resolve(out));
          if (encoding === "br") zlib.brotliCompress(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }, done);
          else zlib.gzip(raw, { level: 6 }, done);
        }),
    );
    p.catch(() => compressed.delete(key));
    compressed.set(key, p);
  }
  return p;
}

function pickEncoding(req: Request): Encoding | null {
  if (process.env.LOOPBENCH_PYODIDE_COMPRESS === "0") return null;
  const accept = req.headers.get("accept-encoding") ?? "";
  if (/\bbr\b/.test(accept)) return "br";
  if (/\bgzip\b/.test(accept)) return "gzip";
  return null;
}

export async function GET(req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  const type = files[file];
  if (!type) return Response.json({ error: `Not a Pyodide file: ${file}. Served: ${Object.keys(files).join(", ")}.` }, { status: 404 });
  const full = path.join(dir, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return Response.json({ error: `node_modules/pyodide/${file} is missing; run npm install.` }, { status: 500 });
  }
  // The URL carries no version, so the ETag does: an upgrade of the package revalidates.
  // One ETag per representation (raw, br, gzip), as HTTP caches expect with Vary: accept-encoding.
  const encoding = file === "pyodide-lock.json" ? null : pickEncoding(req);
  const etag = `"${version()}-${stat.size}-${Math.round(stat.mtimeMs)}${encoding ? `-${encoding}` : ""}"`;
  const headers = {
    "content-type": type,
    "cache-control": "public, max-age=604800, stale-while-revalidate=86400",
    etag,
    vary: "accept-encoding",
    "cross-origin-resource-policy": "same-origin",
  };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  if (encoding) {
    try {
      const body = await compressedCopy(full, String(stat.mtimeMs), encoding);
      return new Response(new Uint8Array(body), { headers: { ...headers, "content-encoding": encoding, "content-length": String(body.length) } });
    } catch {
      /* compression failed: serve the raw file below (its ETag differs, so a cache refetches) */
    }
  }
  const body = Readable.toWeb(fs.createReadStream(full)) as ReadableStream<Uint8Array>;
  return new Response(body, { headers: { ...headers, "content-length": String(stat.size) } });
}
