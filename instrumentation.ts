/**
 * Runs once when the server starts: opens the database (applying migrations), submits every round
 * whose deadline passed while the server was down, keeps sweeping so a closed tab still gets its
 * round submitted on time, and closes the database cleanly on SIGINT/SIGTERM.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb, getDbHandle, closeDb } = await import("./db/client");
  const { finalizeOverdueRounds } = await import("./lib/loop/service");
  const handle = await getDbHandle();
  console.log(`[loopbench] database: ${handle.engine} (${handle.location})`);
  const sweep = async () => {
    try {
      const n = await finalizeOverdueRounds({ db: await getDb() });
      if (n) console.log(`[loopbench] submitted ${n} round(s) at their deadline`);
    } catch (err) {
      console.error("[loopbench] deadline sweep failed:", (err as Error).message);
    }
  };
  await sweep();
  setInterval(sweep, 5_000).unref();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      closeDb().finally(() => process.exit(0));
    });
  }
}
