import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { z } from "zod";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbHandle = {
  db: Db;
  engine: "pglite" | "postgres";
  /** Where the data lives, for messages: a directory, "memory", or the URL without its password. */
  location: string;
  close: () => Promise<void>;
};

export type DbConfig =
  | { engine: "pglite"; dataDir: string | null /* null = in memory */ }
  | { engine: "postgres"; url: string };

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .refine((s) => s === "" || /^postgres(ql)?:\/\//.test(s), {
      message: "DATABASE_URL must start with postgres:// or postgresql:// (unset it to use the embedded database)",
    })
    .optional(),
  LOOPBENCH_DATA_DIR: z.string().trim().optional(),
});

/** Reads the database choice from the environment: DATABASE_URL switches from PGlite to PostgreSQL. */
export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const { DATABASE_URL, LOOPBENCH_DATA_DIR } = parsed.data;
  if (DATABASE_URL) return { engine: "postgres", url: DATABASE_URL };
  return { engine: "pglite", dataDir: path.resolve(LOOPBENCH_DATA_DIR || path.join(process.cwd(), "data", "pglite")) };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres";
  }
}

/**
 * PGlite takes no lock of its own, and two processes opening one data directory corrupt it.
 * A pid file beside the directory stands in for the lock: taken over when its process is gone.
 */
function takeLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (owner === process.pid) return () => {};
      if (Number.isFinite(owner) && isAlive(owner)) {
        throw new Error(
          `The embedded database at ${dataDir} is in use by process ${owner}. ` +
            `PGlite cannot be shared between processes: stop that process (kill ${owner}), ` +
            `or point this one elsewhere with LOOPBENCH_DATA_DIR, or use PostgreSQL with DATABASE_URL.`,
        );
      }
      fs.unlinkSync(lockPath); // stale: its process died without cleaning up
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Opens a database and applies the committed migrations. Only this file opens connections. */
export async function openDb(config: DbConfig): Promise<DbHandle> {
  if (config.engine === "postgres") {
    const sql = postgres(config.url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(sql, { schema });
    try {
      await migratePostgres(db, { migrationsFolder });
    } catch (err) {
      await sql.end({ timeout: 1 });
      throw new Error(`Could not prepare PostgreSQL at ${redactUrl(config.url)}: ${(err as Error).message}`);
    }
    return {
      db: db as unknown as Db,
      engine: "postgres",
      location: redactUrl(config.url),
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const release = config.dataDir ? takeLock(config.dataDir) : () => {};
  let client: PGlite;
  try {
    client = config.dataDir ? new PGlite(config.dataDir) : new PGlite();
    await client.waitReady;
  } catch (err) {
    release();
    throw new Error(
      `The embedded database at ${config.dataDir} could not be opened (${(err as Error).message}). ` +
        `Your data is untouched. Move the directory aside to start fresh, or open it with a newer Loopbench.`,
    );
  }
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  let closed = false;
  return {
    db: db as unknown as Db,
    engine: "pglite",
    location: config.dataDir ?? "memory",
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
      release();
    },
  };
}

type Global = typeof globalThis & { __loopbenchDb?: Promise<DbHandle> };

/** The process-wide database, opened on first use (Next's dev reloads keep it on globalThis). */
export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as Global;
  if (!g.__loopbenchDb) {
    g.__loopbenchDb = openDb(dbConfigFromEnv()).catch((err) => {
      g.__loopbenchDb = undefined;
      throw err;
    });
  }
  return g.__loopbenchDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Closes the process-wide database (on SIGINT/SIGTERM, so PGlite flushes cleanly). */
export async function closeDb(): Promise<void> {
  const g = globalThis as Global;
  const handle = g.__loopbenchDb;
  g.__loopbenchDb = undefined;
  if (handle) await (await handle).close();
}
