import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * A contract's current term end can be moved: the instants from which its billing periods
 * restart (each a moved term end), in order; empty for a contract whose periods repeat from its
 * paid start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE contracts ADD COLUMN term_restarts jsonb NOT NULL DEFAULT '[]';
  `,
  );
}
