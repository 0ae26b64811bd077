/**
 * The database: Kysely over embedded PGlite (data directory on disk, or in memory for
 * tests) or over a PostgreSQL server (`pg` pool). Both return the same JS types.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, PostgresDialect } from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import { migrations } from "./migrations/index.js";
import type { DB } from "./schema.js";

export type Backend = "pglite" | "postgres";

export interface Database {
  readonly db: Kysely<DB>;
  readonly backend: Backend;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {
  override readonly name = "DatabaseLockedError";
}

const OID = { INT8: 20, DATE: 1082 } as const;
const asText = (value: string) => value;

export type OpenOptions =
  | { backend: "postgres"; url: string; poolSize?: number }
  | { backend: "pglite"; dataDir: string | null };

/** Opens the database. For PGlite on disk it takes a lock file first (see ARCHITECTURE.md). */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.backend === "postgres") {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === OID.DATE ? asText : pg.types.getTypeParser(oid, format)) as never,
      },
    });
    // a dropped idle connection must not crash the process
    pool.on("error", () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, backend: "postgres", close: () => db.destroy() };
  }

  const release = options.dataDir ? acquireLock(options.dataDir) : () => {};
  try {
    if (options.dataDir) fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
    const pglite = await PGlite.create(options.dataDir ?? undefined, {
      parsers: { [OID.INT8]: asText, [OID.DATE]: asText },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      backend: "pglite",
      close: async () => {
        await db.destroy();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite does not lock its directory, and two processes writing one directory lose data.
 * Accrue keeps `<dataDir>.lock` holding the owner's pid; a live owner means refusal, a dead
 * one a stale lock that is taken over.
 */
function acquireLock(dataDir: string): () => void {
  const lockPath = `${dataDir.replace(/\/+$/, "")}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockPath, "utf8"));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseLockedError(
          `the embedded database ${dataDir} is in use by process ${owner}; stop that process, or use DATABASE_URL to share a PostgreSQL server between processes`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseLockedError(`could not lock the embedded database ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Brings the schema up to date. Safe to run from several processes at once. */
export async function migrate(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
