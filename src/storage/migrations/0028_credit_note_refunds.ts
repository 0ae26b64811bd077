import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * A refund of a credit note's amount to the customer names the credit note it pays out; it is
 * still a refund of a payment on the invoice the credit note corrects.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE payments ADD COLUMN refunds_credit_note_id text REFERENCES invoices(id);
    CREATE INDEX payments_refunds_credit_note ON payments (refunds_credit_note_id)
      WHERE refunds_credit_note_id IS NOT NULL;
  `,
  );
}
