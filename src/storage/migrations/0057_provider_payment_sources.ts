import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Payment sources held by GoCardless and Mollie accounts (their mandates), beside the test
 * gateway's and Stripe's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE payment_sources DROP CONSTRAINT payment_sources_gateway_check;
    ALTER TABLE payment_sources ADD CONSTRAINT payment_sources_gateway_check
      CHECK (gateway IN ('test', 'stripe', 'mollie', 'gocardless'));
  `,
  );
}
