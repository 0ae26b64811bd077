/**
 * Several writes in one statement, so that they cost one round trip:
 * `WITH s0 AS (<write 0>), s1 AS (<write 1>) <write 2>`. PostgreSQL runs every data-modifying
 * statement of a WITH exactly once, on one snapshot, whether or not its result is read. The
 * writes must therefore not depend on one another (they cannot see each other's rows) and
 * their results are not returned; an error in any of them fails the whole statement.
 *
 * `executeWith` puts a change first that decides in the database whether it happens (usage
 * inserted only when its contract and component hold): the writes that go with it read its
 * answer (what a data-modifying part returned), so they run only when it happened.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "./schema.js";

/** Runs `writes` (nulls skipped) as one statement; nothing to run, no statement. */
export async function executeTogether(
  db: Kysely<DB>,
  writes: readonly (RawBuilder<unknown> | null)[],
): Promise<void> {
  const all = writes.filter((w): w is RawBuilder<unknown> => w !== null);
  const last = all.pop();
  if (last === undefined) return;
  if (all.length === 0) {
    await last.execute(db);
    return;
  }
  const ctes = all.map((w, i) => sql`${sql.raw(`s${i}`)} AS (${w})`);
  await sql`WITH ${sql.join(ctes)} ${last}`.execute(db);
}

/**
 * A change that decides in the database whether it happens: `parts` are the named queries of
 * the statement's WITH, in order (reads, and data-modifying queries with RETURNING), and
 * `answer` is the SELECT over them that the caller reads. The change happened when `answer`
 * returned a row; when it returned none, its parts must have written nothing. The names
 * `answer` and `s0`, `s1`, … are taken.
 */
export type Change<R> = {
  parts: readonly (readonly [name: string, query: RawBuilder<unknown>])[];
  answer: RawBuilder<R>;
};

/**
 * Runs `change` and the writes that go with it as one statement:
 * `WITH <parts>, answer AS (<answer>), s0 AS (<write 0>), … SELECT * FROM answer`, and returns
 * the answer's rows. `writes` receives the condition "the change happened"
 * (`EXISTS (SELECT 1 FROM answer)`) and each write must hold to it, so that it runs only
 * from a change that happened. One statement: all of it is written, or none.
 */
export async function executeWith<R>(
  db: Kysely<DB>,
  change: Change<R>,
  writes: (happened: RawBuilder<boolean>) => readonly (RawBuilder<unknown> | null)[],
): Promise<R[]> {
  const happened = sql<boolean>`EXISTS (SELECT 1 FROM answer)`;
  const ctes = [
    ...change.parts.map(([name, query]) => sql`${sql.id(name)} AS (${query})`),
    sql`answer AS (${change.answer})`,
    ...writes(happened)
      .filter((w): w is RawBuilder<unknown> => w !== null)
      .map((w, i) => sql`${sql.raw(`s${i}`)} AS (${w})`),
  ];
  const { rows } = await sql<R>`WITH ${sql.join(ctes)} SELECT * FROM answer`.execute(db);
  return rows;
}
