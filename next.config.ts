import type { NextConfig } from "next";
// The whiteboard's fonts are served from public/excalidraw-assets (copied from the npm package), never a CDN.
import { copyExcalidrawAssets } from "./lib/cli/excalidraw-assets.mjs";
// CSP, frame-ancestors, nosniff, Referrer-Policy: one policy, explained in the file (docs/security.md).
import { securityHeaders } from "./lib/http/security-headers.mjs";
// Pyodide's files get their Content-Type here so that Next compresses them (explained in the file).
import { pyodideHeaders } from "./lib/runner/pyodide-files.mjs";

copyExcalidrawAssets();

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files it loads from its own package folder at run time;
  // bundling it breaks those paths, so the server requires it from node_modules instead.
  // The graders' toolchains (esbuild bundles the kernel harness, playwright-core drives Chromium,
  // pyodide and sucrase run candidate code in worker threads) stay plain Node requires as well.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "esbuild", "playwright-core", "pyodide", "sucrase"],
  // The build must not reach the network (no telemetry, no font downloads).
  poweredByHeader: false,
  // Lets several dev servers (or a test build) share one checkout without clobbering each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  async headers() {
    return [...securityHeaders(), ...pyodideHeaders()];
  },
};

export default nextConfig;
