import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Payments through a provider's gateway (Stripe): a payment source may be held by a Stripe
 * account; a card or direct debit a provider charged has the methods `card` and
 * `direct_debit` (`test_card` and `test_direct_debit` stay the built-in test gateway's); and a
 * charge the gateway decides later (a SEPA direct debit) is `pending`: it pays nothing, and
 * fails nothing, until the gateway tells.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE payment_sources DROP CONSTRAINT payment_sources_gateway_check;
    ALTER TABLE payment_sources ADD CONSTRAINT payment_sources_gateway_check
      CHECK (gateway IN ('test', 'stripe'));
    ALTER TABLE payments DROP CONSTRAINT payments_method_check;
    ALTER TABLE payments ADD CONSTRAINT payments_method_check
      CHECK (method IN ('offline', 'test_card', 'test_direct_debit', 'card', 'direct_debit',
        'write_off', 'tax_withheld'));
    ALTER TABLE payments DROP CONSTRAINT payments_status_check;
    ALTER TABLE payments ADD CONSTRAINT payments_status_check
      CHECK (status IN ('succeeded', 'failed', 'authorized', 'voided', 'pending'));
    CREATE INDEX payments_pending ON payments (tenant_id, customer_id)
      WHERE status = 'pending';
  `,
  );
}
