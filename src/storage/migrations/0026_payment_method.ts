import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * How money recorded outside Accrue was paid (cash, check, bank transfer, …), as the person
 * recording it said; null for payments that did not say.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE payments ADD COLUMN payment_method text;
  `,
  );
}
