/**
 * Runs a TypeScript command-line entry point from a cached esbuild bundle, so a command that must
 * start fast (the grade command: under 2 s per answer, start-up included) does not pay tsx's
 * on-the-fly transform and module hooks on every run (about 1.5 s of CPU of its 2.4 s).
 *   node lib/cli/bundled.mjs lib/cli/grade.ts --scenario <id> --answer <file> [--json]
 * The bundle lives in node_modules/.cache/loopbench-cli with the list of its inputs; it is rebuilt
 * when any input is newer than it (or missing), so an edited source is never run stale. Without
 * esbuild (a production install without dev dependencies) it falls back to tsx.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node lib/cli/bundled.mjs <entry.ts> [args...]");
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// Inside node_modules (the usual .cache folder), so the packages the bundle leaves external resolve from it.
const cacheDir = path.join(root, "node_modules", ".cache", "loopbench-cli");
const name = path.relative(root, path.resolve(root, entry)).replace(/[\\/]/g, "_").replace(/\.ts$/, "");
const out = path.join(cacheDir, `${name}.mjs`);
const inputsFile = path.join(cacheDir, `${name}.inputs.json`);

function fresh() {
  try {
    const built = fs.statSync(out).mtimeMs;
    // This file's own build options are an input too.
    if (fs.statSync(fileURLToPath(import.meta.url)).mtimeMs > built) return false;
    const inputs = JSON.parse(fs.readFileSync(inputsFile, "utf8"));
    return inputs.every((f) => fs.statSync(path.join(root, f)).mtimeMs <= built);
  } catch {
    return false;
  }
}

async function build() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    return false;
  }
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "error",
    alias: { "@": root },
    // esbuild and playwright-core find their own files relative to themselves (__filename) and break when
    // bundled; the sandbox loads both at run time, so they stay in node_modules.
    external: ["esbuild", "playwright-core"],
    // CommonJS dependencies (wink-nlp) call require(); an ES module bundle has to provide it.
    banner: { js: "import { createRequire as __loopbenchRequire } from 'node:module'; const require = __loopbenchRequire(import.meta.url);" },
    outfile: out,
  });
  fs.mkdirSync(cacheDir, { recursive: true });
  // Written under a temporary name and renamed, so two commands started together never read half a file.
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, result.outputFiles[0].contents);
  fs.writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify(Object.keys(result.metafile.inputs)));
  fs.renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
  fs.renameSync(tmp, out);
  return true;
}

if (!fresh() && !(await build())) {
  const r = spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), entry, ...args], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}
process.argv = [process.argv[0], out, ...args];
await import(pathToFileURL(out).href);
