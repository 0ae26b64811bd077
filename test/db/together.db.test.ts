/**
 * Several writes in one statement (src/storage/together.ts): every write runs, on one
 * snapshot; nothing given, nothing runs; one failing write fails all of them.
 */
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { executeTogether } from "../../src/storage/together.js";
import { describeEachBackend } from "../harness.js";

describeEachBackend("writes together", (t) => {
  beforeAll(async () => {
    await sql`CREATE TABLE together_a (id int PRIMARY KEY, v text NOT NULL)`.execute(t.database.db);
    await sql`CREATE TABLE together_b (id int PRIMARY KEY)`.execute(t.database.db);
  });

  const rows = async () => {
    const a = await sql<{
      id: number;
      v: string;
    }>`SELECT id, v FROM together_a ORDER BY id`.execute(t.database.db);
    const b = await sql<{ id: number }>`SELECT id FROM together_b ORDER BY id`.execute(
      t.database.db,
    );
    return { a: a.rows, b: b.rows.map((r) => r.id) };
  };

  it("runs every write, whatever their number; nulls are skipped", async () => {
    await executeTogether(t.database.db, []);
    await executeTogether(t.database.db, [null]);
    await executeTogether(t.database.db, [sql`INSERT INTO together_a VALUES (${1}, ${"one"})`]);
    await executeTogether(t.database.db, [
      sql`INSERT INTO together_a VALUES (${2}, ${"two"})`,
      null,
      sql`INSERT INTO together_b VALUES (${2})`,
      sql`UPDATE together_a SET v = ${"uno"} WHERE id = ${1}`,
    ]);
    expect(await rows()).toEqual({
      a: [
        { id: 1, v: "uno" },
        { id: 2, v: "two" },
      ],
      b: [2],
    });
  });

  it("one failing write fails them all: nothing is written", async () => {
    await expect(
      executeTogether(t.database.db, [
        sql`INSERT INTO together_b VALUES (${3})`,
        sql`INSERT INTO together_a VALUES (${1}, ${"duplicate"})`,
      ]),
    ).rejects.toThrow();
    expect((await rows()).b).toEqual([2]);
  });
});
