import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Tax a customer withheld from an invoice and paid to its tax authority instead (Chargebee's
 * tax withheld): a settlement of kind and method `tax_withheld` applied to the invoice like a
 * payment, and refunded through a credit note by a refund of method `tax_withheld`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE payments DROP CONSTRAINT payments_kind_check;
    ALTER TABLE payments ADD CONSTRAINT payments_kind_check
      CHECK (kind IN ('payment', 'refund', 'write_off', 'tax_withheld'));
    ALTER TABLE payments DROP CONSTRAINT payments_method_check;
    ALTER TABLE payments ADD CONSTRAINT payments_method_check
      CHECK (method IN ('offline', 'test_card', 'test_direct_debit', 'write_off', 'tax_withheld'));
  `,
  );
}
