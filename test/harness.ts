/**
 * The one database test harness. `describeEachBackend` runs a suite on embedded PGlite
 * always, and on PostgreSQL too when DATABASE_URL is set; each suite gets a fresh database
 * (in-memory PGlite, or a new PostgreSQL database dropped afterwards).
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { type Backend, type Database, migrate, openDatabase } from "../src/storage/db.js";
import { migrations } from "../src/storage/migrations/index.js";
import type { DB } from "../src/storage/schema.js";

/**
 * PGlite always, PostgreSQL too with DATABASE_URL. ACCRUE_TEST_BACKENDS=postgres runs only
 * PostgreSQL (CI's second pass, after a pass on PGlite alone).
 */
function backends(): readonly Backend[] {
  const all: Backend[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
  const only = process.env.ACCRUE_TEST_BACKENDS;
  if (!only) return all;
  const wanted = only.split(",").map((b) => b.trim());
  const chosen = all.filter((b) => wanted.includes(b));
  if (chosen.length === 0) {
    throw new Error(`ACCRUE_TEST_BACKENDS=${only} names no available back end (${all.join(", ")})`);
  }
  return chosen;
}

export const BACKENDS: readonly Backend[] = backends();

export type TestDatabase = Database & { url: string | null };

let template: Promise<Blob> | undefined;

/**
 * A dump of a freshly migrated PGlite database, made once and kept in the temp directory
 * (named by a hash of every migration's code, so a changed migration makes a new one): a
 * test database starts from it instead of running initdb and the migrations again, which
 * takes several times longer.
 */
/** A hash of every migration's code: a changed migration makes new templates. */
function migrationsHash(): string {
  const hash = createHash("sha256");
  for (const [name, m] of Object.entries(migrations)) hash.update(name).update(String(m.up));
  return hash.digest("hex").slice(0, 16);
}

export function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = path.join(os.tmpdir(), `accrue-test-template-${migrationsHash()}.tar`);
    if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
    const pglite = await PGlite.create();
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
    await migrate(db);
    const dump = await pglite.dumpDataDir("none");
    await db.destroy();
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
    return dump;
  })();
  return template;
}

/** A new, migrated, empty database. close() also drops it on PostgreSQL. */
export async function createTestDatabase(
  backend: Backend,
  options: {
    migrate?: boolean;
    poolSize?: number;
    onStatement?: (sql: string) => void;
    readCache?: boolean;
  } = {},
): Promise<TestDatabase> {
  if (backend === "pglite") {
    const database = await openDatabase({
      backend: "pglite",
      dataDir: null,
      loadDataDir: options.migrate === false ? undefined : await migratedTemplate(),
      onStatement: options.onStatement,
    });
    return { ...database, url: null };
  }
  const migrated = options.migrate !== false;
  const url = await createPostgresDatabase(migrated ? await migratedPostgresTemplate() : undefined);
  const database = await openDatabase({
    backend: "postgres",
    url,
    poolSize: options.poolSize,
    onStatement: options.onStatement,
    // as `accrue serve` runs: every test's reads after its writes check the cache's coherence
    readCache: options.readCache ?? true,
  });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await dropPostgresDatabase(url);
    },
  };
}

/**
 * A PGlite data directory on disk for child processes, migrated and filled by `seed`: the
 * database is made in memory from the migrated template (no initdb, no migrations, no disk
 * write per commit) and its dump then unpacked into `dataDir`.
 */
export async function seededPgliteDir<T>(
  dataDir: string,
  seed: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  // the parsers of src/storage/db.ts: int8 and date as text
  const asText = (value: string) => value;
  const pglite = await PGlite.create({
    loadDataDir: await migratedTemplate(),
    parsers: { 20: asText, 1082: asText },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  let seeded: T;
  let dump: Blob;
  try {
    seeded = await seed(db);
    dump = await pglite.dumpDataDir("none");
  } finally {
    await db.destroy();
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const disk = await PGlite.create(dataDir, { loadDataDir: dump });
  await disk.close();
  return seeded;
}

let postgresTemplate: Promise<string> | undefined;

/**
 * The name of a migrated PostgreSQL database, made once per set of migrations (named by their
 * hash, built under an advisory lock so that parallel test workers make it once): a test
 * database is a copy of it (`CREATE DATABASE … TEMPLATE`), which is faster than migrating
 * each one. Nothing ever connects to the template after it is built, as a copy requires.
 */
function migratedPostgresTemplate(): Promise<string> {
  postgresTemplate ??= (async () => {
    const base = process.env.DATABASE_URL;
    if (!base) throw new Error("DATABASE_URL is not set");
    const name = `accrue_template_${migrationsHash()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
      const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (found.rowCount === 0) {
        // built under another name and renamed when complete: a half-built one is never copied
        const building = `${name}_${randomBytes(3).toString("hex")}`;
        await admin.query(`CREATE DATABASE ${building}`);
        const url = new URL(base);
        url.pathname = `/${building}`;
        const database = await openDatabase({ backend: "postgres", url: url.toString() });
        try {
          await migrate(database.db);
        } finally {
          await database.close();
        }
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      }
    } finally {
      await admin.query("SELECT pg_advisory_unlock(hashtext($1))", [name]).catch(() => {});
      await admin.end();
    }
    return name;
  })();
  return postgresTemplate;
}

/**
 * Creates a PostgreSQL database next to DATABASE_URL's — empty, or a copy of `template` —
 * and returns its URL.
 */
export async function createPostgresDatabase(template?: string): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  const name = `accrue_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) return;
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Runs `suite` once per back end, with a fresh database for each. */
export function describeEachBackend(
  name: string,
  suite: (t: { readonly database: TestDatabase; backend: Backend }) => void,
): void {
  for (const backend of BACKENDS) {
    describe(`${name} [${backend}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(backend);
      });
      afterAll(async () => {
        await database?.close();
      });
      suite({
        get database() {
          if (!database) throw new Error("the test database is not open yet");
          return database;
        },
        backend,
      });
    });
  }
}
