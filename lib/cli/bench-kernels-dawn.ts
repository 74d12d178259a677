/**
 * Bundles lib/gpu/dawn-bench-entry.ts into one ES module for machines that have a GPU but no browser:
 * `npm run bench:kernels:dawn -- <out.mjs>` (the GPU bench folder uses .dawn/bench.mjs), then on that machine,
 * from the repository root (the kernels' WGSL is read from kernels/), `node out.mjs` with the `webgpu`
 * package (Dawn for Node) resolvable. The problems' specs and cases are inside the bundle: rebuild it after
 * changing them.
 */
import { execSync } from "node:child_process";
import path from "node:path";
import { build } from "esbuild";

const out = process.argv[2] ?? "dawn-bench.mjs";
let commit = "unknown";
try {
  commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim() + (execSync("git status --porcelain -- kernels lib", { encoding: "utf8" }).trim() ? " (+ uncommitted changes)" : "");
} catch {
  /* not a git checkout */
}
await build({
  entryPoints: [path.join(process.cwd(), "lib/gpu/dawn-bench-entry.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: out,
  loader: { ".wgsl": "text" },
  external: ["webgpu"],
  alias: { "@": process.cwd() },
  define: { __BUILD_INFO__: JSON.stringify(`${new Date().toISOString()} from ${commit}`) },
  logLevel: "warning",
});
console.log(`wrote ${out}`);
