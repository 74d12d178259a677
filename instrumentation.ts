/** Next.js calls this once per server start; the work lives in lib/loop/lifecycle.ts (Node only). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerLifecycle } = await import("./lib/loop/lifecycle");
  try {
    await startServerLifecycle();
  } catch (err) {
    // A server without its database would answer 500 to everything (e.g. a second instance on a
    // PGlite data directory already in use): say why and exit non-zero instead.
    console.error(`[loopbench] cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
}
