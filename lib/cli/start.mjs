#!/usr/bin/env node
// `npm start`: build when the sources changed since the last build, then serve on PORT (default 3000)
// with the embedded database (or PostgreSQL when DATABASE_URL is set). Binds 127.0.0.1 unless HOST is
// set; beyond loopback it needs LOOPBENCH_PASSWORD.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = process.cwd();
const distDir = process.env.NEXT_DIST_DIR || ".next";
const buildId = path.join(root, distDir, "BUILD_ID");
const sources = ["app", "components", "lib", "kernels", "db", "next.config.ts", "package-lock.json", "instrumentation.ts", "proxy.ts"];

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

// Loopback only unless HOST says otherwise; beyond loopback, only with a password (docs/security.md).
const host = process.env.HOST || "127.0.0.1";
const loopback = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i.test(host);
if (!loopback && !process.env.LOOPBENCH_PASSWORD) {
  console.error(
    `[loopbench] refusing to listen on ${host}: anyone who can reach it could run code and read every session.\n` +
      `Set LOOPBENCH_PASSWORD (and put the server behind an HTTPS proxy), or leave HOST unset to serve on 127.0.0.1 only. See docs/security.md.`,
  );
  process.exit(1);
}
const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
const changed = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (!built || changed > built || process.argv.includes("--build")) {
  console.log(built ? "[loopbench] sources changed since the last build: building…" : "[loopbench] first start: building the app (about a minute on 2 cores)…");
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const port = process.env.PORT || "3000";
const shown = loopback ? "localhost" : host.includes(":") ? `[${host}]` : host;
console.log(
  `[loopbench] serving on http://${shown}:${port}${loopback ? " (this machine only; HOST opts into other interfaces)" : " (password required)"} ` +
    `(${process.env.DATABASE_URL ? "PostgreSQL from DATABASE_URL" : "embedded PGlite in " + (process.env.LOOPBENCH_DATA_DIR || "data/pglite")})`,
);
const child = spawn("npx", ["next", "start", "-p", port, "-H", host], { stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
