import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * How many tokens the last draw from a rate-limit bucket took: a process may draw several of
 * a caller's tokens at once and spend them without asking the database again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `ALTER TABLE rate_limit_buckets ADD COLUMN granted integer NOT NULL DEFAULT 0;`,
  );
}
