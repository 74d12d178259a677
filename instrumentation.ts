/** Next.js calls this once per server start; the work lives in lib/loop/lifecycle.ts (Node only). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerLifecycle } = await import("./lib/loop/lifecycle");
  await startServerLifecycle();
}
