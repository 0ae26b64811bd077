import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Invoicing ahead: a contract's renewals invoiced in advance (each charge: the instant it was
 * invoiced and the billing-period boundary it runs through) and its schedule of advance
 * invoices (fixed intervals or specific dates), as billing reads them; a rated item billed
 * from a later instant than its creation (a charge at the term end).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE contracts ADD COLUMN advance_billing jsonb NOT NULL DEFAULT '{"charges":[],"schedule":null}';
    ALTER TABLE rated_items ADD COLUMN due_at timestamptz;
  `,
  );
}
