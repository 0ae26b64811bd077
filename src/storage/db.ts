/**
 * The database: Kysely over embedded PGlite (data directory on disk, or in memory for
 * tests) or over a PostgreSQL server (`pg` pool). Both return the same JS types.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, type LogEvent, PGliteDialect, PostgresDialect, sql } from "kysely";
import { type Migration, Migrator } from "kysely/migration";
import pg from "pg";
import { seedDataDir } from "./data-template.js";
import { lockDataDir } from "./lock.js";
import { migrations } from "./migrations/index.js";
import { PreparingClient } from "./prepared.js";
import { attachReadCache, ReadCache, ReadCachePlugin } from "./read-cache.js";
import { ReadCacheFence } from "./read-cache-fence.js";
import type { DB } from "./schema.js";

export type Backend = "pglite" | "postgres";

export interface Database {
  readonly db: Kysely<DB>;
  readonly backend: Backend;
  close(): Promise<void>;
}

export { DatabaseLockedError } from "./lock.js";

const OID = { INT8: 20, DATE: 1082 } as const;
const asText = (value: string) => value;

export type OpenOptions = (
  | {
      backend: "postgres";
      url: string;
      poolSize?: number;
      /**
       * Serve hot reads from memory, kept coherent by a connection of its own through which
       * it learns of every process's writes (src/storage/read-cache-fence.ts).
       */
      readCache?: boolean;
    }
  | {
      backend: "pglite";
      dataDir: string | null;
      /** In memory only: start from this dump of a data directory (PGlite's dumpDataDir). */
      loadDataDir?: Blob | undefined;
      /** On disk: an absent or empty data directory starts as a copy of this template. */
      template?: string | undefined;
    }
) & {
  /** Told the text of every statement the database ran (not BEGIN and COMMIT). */
  onStatement?: ((sql: string) => void) | undefined;
};

/** Kysely's log option for `onStatement`. */
const logOf = (onStatement: OpenOptions["onStatement"]) =>
  onStatement
    ? {
        log: (event: LogEvent) => {
          onStatement(event.query.sql);
        },
      }
    : {};

/** Opens the database. For PGlite on disk it takes a lock file first (see docs/architecture.md). */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.backend === "postgres") {
    const pool = new pg.Pool({
      connectionString: options.url,
      // statements with parameters are prepared once per connection (src/storage/prepared.ts)
      Client: PreparingClient,
      // JIT compilation pays off for long analytic queries, not for Accrue's short ones: when a
      // table grows past its statistics, a plan's estimated cost crosses jit_above_cost and
      // a query of a few index lookups spends 100+ ms compiling itself
      options: "-c jit=off",
      max: options.poolSize ?? 10,
      // a database that does not answer is an outage (503 database_unavailable), not a wait
      // without end
      connectionTimeoutMillis: 5_000,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === OID.DATE ? asText : pg.types.getTypeParser(oid, format)) as never,
      },
    });
    // a dropped idle connection must not crash the process
    pool.on("error", () => {});
    // nor one dropped while checked out between two queries (a database restart, a
    // pg_terminate_backend): the query that uses it fails, answered 503 database_unavailable,
    // and the pool replaces it
    pool.on("connect", (client) => {
      client.on("error", () => {});
    });
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool }),
      ...logOf(options.onStatement),
    });
    if (!options.readCache) return { db, backend: "postgres", close: () => db.destroy() };
    const fence = new ReadCacheFence(options.url);
    fence.attach(db);
    fence.start();
    return {
      db,
      backend: "postgres",
      close: async () => {
        await fence.close();
        await db.destroy();
      },
    };
  }

  const release = options.dataDir ? await lockDataDir(options.dataDir) : async () => {};
  try {
    if (options.dataDir) {
      fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
      // under the lock: no other process makes the directory meanwhile
      if (options.template) seedDataDir(options.dataDir, options.template);
    }
    const pglite = await PGlite.create(options.dataDir ?? undefined, {
      parsers: { [OID.INT8]: asText, [OID.DATE]: asText },
      ...(options.loadDataDir && !options.dataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    // this process is the database's only client: hot records are served from memory, and
    // the cache sees every write itself, so the triggers that record writes for other
    // processes (migration 0071) have no one to tell
    await pglite.exec("SET accrue.read_cache_changes = off");
    const cache = new ReadCache();
    const db = new Kysely<DB>({
      dialect: new PGliteDialect({ pglite }),
      plugins: [new ReadCachePlugin(cache)],
      ...logOf(options.onStatement),
    });
    attachReadCache(db, cache);
    return {
      db,
      backend: "pglite",
      close: async () => {
        await db.destroy();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** One migration about to run: its name, its place among those pending (from 1), how many. */
export type MigrationStep = { name: string; index: number; total: number };

/**
 * Brings the schema up to date, telling `onMigration` before each migration it applies.
 * Safe to run from several processes at once.
 */
export async function migrate(
  db: Kysely<DB>,
  options: { onMigration?: (step: MigrationStep) => void } = {},
): Promise<string[]> {
  const applied = await appliedMigrations(db);
  if (applied && upToDate(applied)) return [];
  const done = new Set(applied ?? []);
  const total = Object.keys(migrations).filter((name) => !done.has(name)).length;
  let index = 0;
  const reported: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(migrations)) {
    reported[name] = {
      ...migration,
      up: async (tx) => {
        options.onMigration?.({ name, index: ++index, total });
        await migration.up(tx);
      },
    };
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => reported },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The migrations that have run, in name order: one read; null on a fresh database. */
async function appliedMigrations(db: Kysely<DB>): Promise<string[] | null> {
  const table = await sql<{ present: boolean }>`
    SELECT to_regclass('kysely_migration') IS NOT NULL AS present`.execute(db);
  if (!table.rows[0]?.present) return null;
  const { rows } = await sql<{ name: string }>`
    SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return rows.map((row) => row.name);
}

/**
 * Whether every migration has run, so a start on an up-to-date database skips the migrator's
 * table checks and lock. Anything else (a fresh database, a missing or unknown migration)
 * goes through the migrator, which applies what is missing or names the problem.
 */
function upToDate(applied: string[]): boolean {
  const known = Object.keys(migrations).sort();
  return applied.length === known.length && applied.every((name, i) => name === known[i]);
}
