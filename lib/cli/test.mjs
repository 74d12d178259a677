#!/usr/bin/env node
// `npm test`: lint (ESLint), unit and integration tests (vitest), then a production build and the end-to-end tests
// (Playwright in Chromium). Makes sure a Chromium is available first.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;

function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync("/usr/bin/apt-get")) {
    console.log("[test] Chromium is missing: installing Debian's chromium package…");
    run("apt-get", ["update", "-qq"]);
    if (run("apt-get", ["install", "-y", "-qq", "chromium"], { DEBIAN_FRONTEND: "noninteractive" }) === 0 && fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  console.error("[test] No Chromium found. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.");
  process.exit(1);
}

const chromium = ensureChromium();
process.env.CHROMIUM_PATH = chromium;

const failures = [];
// Lint first: it is the cheapest check (no-eval and friends guard the sandbox's assumptions).
if (run("npx", ["eslint", "."]) !== 0) failures.push("lint (eslint)");
if (run("npx", ["vitest", "run"]) !== 0) failures.push("unit/integration (vitest)");
if (run("npx", ["next", "build"], { NEXT_DIST_DIR: ".next-test" }) !== 0) failures.push("next build");
else if (run("npx", ["playwright", "test"], { NEXT_DIST_DIR: ".next-test" }) !== 0) failures.push("end-to-end (playwright)");

if (failures.length) {
  console.error(`\n[test] FAILED: ${failures.join(", ")}`);
  process.exit(1);
}
console.log("\n[test] all suites passed");
