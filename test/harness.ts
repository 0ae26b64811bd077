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
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const hash = createHash("sha256");
    for (const [name, m] of Object.entries(migrations)) hash.update(name).update(String(m.up));
    const file = path.join(
      os.tmpdir(),
      `accrue-test-template-${hash.digest("hex").slice(0, 16)}.tar`,
    );
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
  options: { migrate?: boolean; poolSize?: number } = {},
): Promise<TestDatabase> {
  if (backend === "pglite") {
    const database = await openDatabase({
      backend: "pglite",
      dataDir: null,
      loadDataDir: options.migrate === false ? undefined : await migratedTemplate(),
    });
    return { ...database, url: null };
  }
  const url = await createPostgresDatabase();
  const database = await openDatabase({ backend: "postgres", url, poolSize: options.poolSize });
  if (options.migrate !== false) await migrate(database.db);
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await dropPostgresDatabase(url);
    },
  };
}

/** Creates an empty PostgreSQL database next to DATABASE_URL's and returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  const name = `accrue_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
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
