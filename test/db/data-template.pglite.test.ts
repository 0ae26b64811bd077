/**
 * The embedded database's template (src/storage/data-template.ts): an absent or empty data
 * directory starts as a copy of a closed, migrated data directory, which the copy never
 * changes; the migrations newer than the template run on the copy as on any database; a data
 * directory holding anything is never replaced.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, expect, it, vi } from "vitest";
import { installTemplate, isUnmade, seedDataDir } from "../../src/storage/data-template.js";
import { migrate, openDatabase } from "../../src/storage/db.js";
import { migrations } from "../../src/storage/migrations/index.js";
import type { DB } from "../../src/storage/schema.js";
import { seededPgliteDir } from "../harness.js";

vi.setConfig({ testTimeout: 120_000 });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-template-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The entries of a directory tree with a hash of each file's contents, to compare. */
const snapshot = (dir: string) =>
  fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((entry) => {
      const stat = fs.statSync(path.join(dir, entry));
      return stat.isFile()
        ? `${entry} ${createHash("sha256")
            .update(fs.readFileSync(path.join(dir, entry)))
            .digest("hex")}`
        : entry;
    });

const tenantNames = async (dataDir: string) => {
  const database = await openDatabase({ backend: "pglite", dataDir });
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM tenants ORDER BY name`.execute(
      database.db,
    );
    return rows.map((r) => r.name);
  } finally {
    await database.close();
  }
};

// a migrated data directory with one tenant row, closed: the template of these tests
const template = path.join(tmp, "template");
await seededPgliteDir(template, async (db) => {
  await sql`INSERT INTO tenants (id, name) VALUES ('ten_template', 'from the template')`.execute(
    db,
  );
});

it("an absent or empty data directory starts as a copy; the template never changes", async () => {
  const before = snapshot(template);
  const absent = path.join(tmp, "absent", "data");
  const empty = path.join(tmp, "empty");
  fs.mkdirSync(empty);
  expect(isUnmade(absent)).toBe(true);
  expect(isUnmade(empty)).toBe(true);

  for (const dataDir of [absent, empty]) {
    const database = await openDatabase({ backend: "pglite", dataDir, template });
    try {
      // every migration was in the template: nothing to apply
      expect(await migrate(database.db)).toEqual([]);
      await sql`INSERT INTO tenants (id, name) VALUES ('ten_copy', 'written to the copy')`.execute(
        database.db,
      );
    } finally {
      await database.close();
    }
    expect(await tenantNames(dataDir)).toEqual(["from the template", "written to the copy"]);
  }
  // nothing was written to the template, and no copy was left beside the data directories
  expect(snapshot(template)).toEqual(before);
  expect(fs.readdirSync(path.join(tmp, "absent"))).toEqual(["data"]);
});

it("a data directory holding anything is opened as it is, never replaced", async () => {
  // an existing database: the template's row is not there
  const existing = path.join(tmp, "existing");
  const made = await openDatabase({ backend: "pglite", dataDir: existing });
  await migrate(made.db);
  await made.close();
  expect(isUnmade(existing)).toBe(false);
  expect(seedDataDir(existing, template)).toBe(false);
  expect(await tenantNames(existing)).toEqual([]);

  // a directory holding something else than a database: left to PGlite, untouched by the copy
  const other = path.join(tmp, "other");
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, "notes.txt"), "mine");
  expect(seedDataDir(other, template)).toBe(false);
  expect(fs.readdirSync(other)).toEqual(["notes.txt"]);

  // a template that is not complete (no PG_VERSION) is not copied
  const partial = path.join(tmp, "partial");
  fs.mkdirSync(path.join(partial, "base"), { recursive: true });
  expect(seedDataDir(path.join(tmp, "unused"), partial)).toBe(false);
  expect(fs.existsSync(path.join(tmp, "unused"))).toBe(false);
});

it("the migrations newer than the template run on the copy", async () => {
  // a template made before the last migration existed
  const names = Object.keys(migrations).sort();
  const last = names[names.length - 1]!;
  const older = path.join(tmp, "older-template");
  const pglite = await PGlite.create(older);
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name !== last));
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => earlier },
  }).migrateToLatest();
  expect(error).toBeUndefined();
  await db.destroy();

  const dataDir = path.join(tmp, "from-older");
  const database = await openDatabase({ backend: "pglite", dataDir, template: older });
  try {
    expect(await migrate(database.db)).toEqual([last]);
    expect(await migrate(database.db)).toEqual([]);
  } finally {
    await database.close();
  }
});

it("a template is put in place once; those of other migrations are removed", () => {
  const root = path.join(tmp, "templates");
  const dir = path.join(root, "new-pglite-1");
  const stale = path.join(root, "old-pglite-1");
  const makingElsewhere = path.join(root, "new-pglite-1.999.making");
  for (const d of [stale, makingElsewhere]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(`${makingElsewhere}.lock`, "999");

  const first = path.join(root, "new-pglite-1.1.making");
  fs.mkdirSync(first);
  fs.writeFileSync(path.join(first, "PG_VERSION"), "first");
  installTemplate(first, dir, root);
  // a second process that made the same template meanwhile keeps the first one's
  const second = path.join(root, "new-pglite-1.2.making");
  fs.mkdirSync(second);
  fs.writeFileSync(path.join(second, "PG_VERSION"), "second");
  installTemplate(second, dir, root);

  expect(fs.readFileSync(path.join(dir, "PG_VERSION"), "utf8")).toBe("first");
  // the stale template is gone; one still being made by another process is its own
  expect(fs.readdirSync(root).sort()).toEqual([
    "new-pglite-1",
    "new-pglite-1.999.making",
    "new-pglite-1.999.making.lock",
  ]);
});
