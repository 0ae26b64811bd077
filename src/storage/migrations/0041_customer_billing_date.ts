import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * A customer's billing date (Chargebee: change billing date): the day of the month its
 * contracts renew on, set by hand; null while its contracts keep the day they started on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE customers ADD COLUMN billing_date smallint
      CHECK (billing_date BETWEEN 1 AND 28);
  `,
  );
}
