/**
 * Bundles lib/gpu/dawn-bench-entry.ts into one ES module (WGSL inlined as text) for machines that have
 * a GPU but no browser: `npx tsx lib/cli/bench-kernels-dawn.ts <out.mjs>`, then on that machine
 * `node out.mjs --json` with the `webgpu` package (Dawn for Node) resolvable.
 */
import path from "node:path";
import { build } from "esbuild";

const out = process.argv[2] ?? "dawn-bench.mjs";
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
  logLevel: "warning",
});
console.log(`wrote ${out}`);
