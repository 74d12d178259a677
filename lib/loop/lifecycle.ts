import { closeDb, getDb, getDbHandle } from "@/db/client";
import { finalizeOverdueRounds } from "./service";
import { reapOrphanChromium } from "@/lib/sandbox/chromium";
import { enableGraderWarmup } from "./warmup";

const SWEEP_MS = 5_000;

/**
 * Server start-up: open the database (applying migrations), submit every round whose deadline passed
 * while the server was down, keep sweeping so a closed tab still gets its round submitted on time,
 * and close the database cleanly on SIGINT/SIGTERM so PGlite flushes.
 */
export async function startServerLifecycle(): Promise<void> {
  // A server killed with SIGKILL leaves its sandbox browser running: stop it before starting anew.
  const reaped = reapOrphanChromium();
  if (reaped.pids) console.log(`[loopbench] stopped ${reaped.pids} process(es) of ${reaped.profiles} sandbox browser(s) left by a server that was killed`);
  enableGraderWarmup();
  const handle = await getDbHandle();
  console.log(`[loopbench] database: ${handle.engine} (${handle.location})`);
  // Grading a coding or kernel round can outlast the interval: never run two sweeps at once.
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      const n = await finalizeOverdueRounds({ db: await getDb() });
      if (n) console.log(`[loopbench] submitted ${n} round(s) at their deadline`);
    } catch (err) {
      console.error("[loopbench] deadline sweep failed:", (err as Error).message);
    } finally {
      sweeping = false;
    }
  };
  await sweep();
  setInterval(sweep, SWEEP_MS).unref();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      closeDb().finally(() => process.exit(0));
    });
  }
}
