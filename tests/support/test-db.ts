import postgres from "postgres";
import { openDb, type DbHandle } from "@/db/client";

export type Engine = "pglite" | "postgres";

/**
 * The engines every database test runs on: PGlite always, PostgreSQL when DATABASE_URL is set
 * (CI sets it; on a laptop without a server the PostgreSQL half is skipped and says so).
 */
export const engines: Engine[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
if (!process.env.DATABASE_URL) {
  console.warn("[tests] DATABASE_URL is not set: database tests run on PGlite only (CI runs both).");
}

/**
 * A fresh, migrated, empty database on the given engine. On PostgreSQL each call creates its own
 * database (dropped by close) so test files never see each other's rows.
 */
export async function openTestDb(engine: Engine): Promise<DbHandle> {
  if (engine === "pglite") return openDb({ engine: "pglite", dataDir: null });
  const base = process.env.DATABASE_URL!;
  const name = `loopbench_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDb({ engine: "postgres", url: url.toString() });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const admin2 = postgres(base, { max: 1, onnotice: () => {} });
      await admin2.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin2.end();
    },
  };
}
