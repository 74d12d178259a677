import { defineConfig } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Each run serves the test build on its own port with a fresh embedded database.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "loopbench-e2e-"));
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  fullyParallel: false,
  // In CI one retry, so a test that fails once on a loaded 2-core machine and passes on its retry is
  // reported as "flaky" (and gets fixed) instead of blocking everything else; locally none.
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      // WebGPU on SwiftShader (a CPU Vulkan), so the kernel lab runs for real without a GPU.
      args: [
        "--no-sandbox",
        "--enable-unsafe-webgpu",
        "--enable-unsafe-swiftshader",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "off",
  },
  webServer: {
    command: `npx next start -p ${E2E_PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${E2E_PORT}/`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
      NEXT_TELEMETRY_DISABLED: "1",
      LOOPBENCH_DATA_DIR: path.join(dataDir, "pglite"),
      LOOPBENCH_SCENARIOS_EXTRA: path.resolve("tests/fixtures/scenarios"),
      DATABASE_URL: "",
    },
  },
});
