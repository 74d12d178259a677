import fs from "node:fs";
import path from "node:path";

/**
 * The Pyodide files the app serves (app/pyodide/[...path]/route.ts) and their types, in one place.
 *
 * pyodideHeaders() goes into next.config.ts headers(): it sets each file's Content-Type before the
 * route runs. That is what lets `next start` gzip them: a route handler's own headers reach Node as
 * arrays (Next appends them), the compression middleware then reads the Content-Type as
 * ['application/wasm'], finds it "not compressible" and sends 12 MB raw. A Content-Type already set
 * as a string is kept by Next and compresses. (A route handler may not set Content-Encoding itself:
 * Next drops it, which is why serving pre-compressed bytes from the route failed.)
 */
export const PYODIDE_FILES = {
  "pyodide.mjs": "text/javascript; charset=utf-8",
  "pyodide.js": "text/javascript; charset=utf-8",
  "pyodide.asm.js": "text/javascript; charset=utf-8",
  "pyodide.asm.wasm": "application/wasm",
  "python_stdlib.zip": "application/zip",
  "pyodide-lock.json": "application/json",
};

const escape = (name) => name.replace(/[.]/g, "\\.");

/** The installed package's version (the one the worker bundle's URLs carry), read when the config loads. */
export function installedPyodideVersion(root = process.cwd()) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, "node_modules", "pyodide", "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}

/**
 * next.config.ts headers() entries: /pyodide/<file> and /pyodide/<installed version>/<file> get their
 * Content-Type. Only those: a 404 (an unknown name, another version) keeps the route's JSON type.
 */
export function pyodideHeaders(version = installedPyodideVersion()) {
  return Object.entries(PYODIDE_FILES).flatMap(([name, type]) => [
    { source: `/pyodide/:file(${escape(name)})`, headers: [{ key: "Content-Type", value: type }] },
    ...(version ? [{ source: `/pyodide/:version(${escape(version)})/:file(${escape(name)})`, headers: [{ key: "Content-Type", value: type }] }] : []),
  ]);
}
