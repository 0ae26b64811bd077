/**
 * Several writes in one statement, so that they cost one round trip:
 * `WITH s0 AS (<write 0>), s1 AS (<write 1>) <write 2>`. PostgreSQL runs every data-modifying
 * statement of a WITH exactly once, on one snapshot, whether or not its result is read. The
 * writes must therefore not depend on one another (they cannot see each other's rows) and
 * their results are not returned; an error in any of them fails the whole statement.
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
