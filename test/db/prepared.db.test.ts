/**
 * Named prepared statements on PostgreSQL (src/storage/prepared.ts): a statement is parsed
 * once per connection; a plan a schema change made stale is prepared again, transparently
 * outside a transaction and on the operation's retry inside one.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_NAMED, StatementNames } from "../../src/storage/prepared.js";
import { BACKENDS, createTestDatabase, type TestDatabase } from "../harness.js";

describe("statement names", () => {
  it("one name per text, stable, distinct across texts; a forgotten text gets another", () => {
    const names = new StatementNames(10);
    const a = names.of("SELECT $1::int AS a");
    const b = names.of("SELECT $1::int AS b");
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(a).not.toBe(b);
    expect(names.of("SELECT $1::int AS a")).toBe(a);
    names.forget("SELECT $1::int AS a");
    const again = names.of("SELECT $1::int AS a");
    expect(again).toBeDefined();
    expect([a, b]).not.toContain(again);
  });

  it("names at most its limit of texts; the rest run unnamed", () => {
    const names = new StatementNames(5);
    const given = Array.from({ length: 8 }, (_, i) => names.of(`SELECT $1::int AS c${i}`));
    expect(given.slice(5)).toEqual([undefined, undefined, undefined]);
    expect(new Set(given.slice(0, 5)).size).toBe(5);
    expect(MAX_NAMED).toBeGreaterThan(100);
  });
});

if (BACKENDS.includes("postgres")) {
  describe("prepared statements [postgres]", () => {
    let database: TestDatabase;
    beforeAll(async () => {
      // one connection: every statement below runs on it
      database = await createTestDatabase("postgres", { migrate: false, poolSize: 1 });
      await sql`CREATE TABLE prepared_probe (id text PRIMARY KEY, a int)`.execute(database.db);
      await sql`INSERT INTO prepared_probe VALUES ('p1', 1)`.execute(database.db);
    });
    afterAll(async () => {
      await database?.close();
    });

    const read = (db = database.db) =>
      db
        .selectFrom("prepared_probe" as never)
        .selectAll()
        .where("id" as never, "=", "p1" as never);
    const prepared = async () =>
      (
        await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_prepared_statements
          WHERE statement LIKE '%prepared_probe%' AND name LIKE 'a%'`.execute(database.db)
      ).rows[0]!.n;

    it("parses a statement once on a connection and reuses it", async () => {
      for (let i = 0; i < 3; i++) expect(await read().execute()).toEqual([{ id: "p1", a: 1 }]);
      expect(await prepared()).toBe(1);
    });

    it("a column added after the plan was prepared: read again outside a transaction", async () => {
      await sql`ALTER TABLE prepared_probe ADD COLUMN b int DEFAULT 7`.execute(database.db);
      expect(await read().execute()).toEqual([{ id: "p1", a: 1, b: 7 }]);
    });

    it("inside a transaction: that transaction fails once, its retry succeeds", async () => {
      await sql`ALTER TABLE prepared_probe ADD COLUMN c int DEFAULT 8`.execute(database.db);
      await expect(
        database.db.transaction().execute((trx) => read(trx).execute()),
      ).rejects.toMatchObject({ code: "0A000" });
      expect(await database.db.transaction().execute((trx) => read(trx).execute())).toEqual([
        { id: "p1", a: 1, b: 7, c: 8 },
      ]);
    });
  });
}
