import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * A card or bank account the customer adds on the gateway's own hosted page (Stripe Checkout
 * in setup mode): one row per page opened, naming the customer, the gateway account, the
 * gateway's customer and its session (`provider_reference`, cs_…). The customer's return and
 * the gateway's events complete it: the payment source it made is kept on the row, so a
 * second return or an event arriving as well adds nothing twice.
 *
 * Gateway events gain the type `setup.succeeded` (Stripe's checkout.session.completed of a
 * setup-mode session, setup_intent.succeeded).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE payment_source_setups (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      customer_id text NOT NULL,
      gateway_account_id text NOT NULL REFERENCES gateway_accounts(id),
      gateway_customer_reference text NOT NULL,
      provider_reference text,
      status text NOT NULL CHECK (status IN ('open', 'completed')),
      payment_source_id text,
      created_at timestamptz NOT NULL,
      completed_at timestamptz,
      CHECK (status = 'open' OR payment_source_id IS NOT NULL)
    );
    CREATE INDEX payment_source_setups_customer ON payment_source_setups
      (tenant_id, customer_id, gateway_account_id);
    CREATE UNIQUE INDEX payment_source_setups_provider ON payment_source_setups
      (gateway_account_id, provider_reference) WHERE provider_reference IS NOT NULL;

    ALTER TABLE gateway_events DROP CONSTRAINT gateway_events_type_check;
    ALTER TABLE gateway_events ADD CONSTRAINT gateway_events_type_check
      CHECK (type IN ('charge.succeeded', 'charge.failed', 'charge.refunded', 'charge.disputed',
        'charge.refund_failed', 'charge.dispute_reversed', 'setup.succeeded', 'unknown'));
  `,
  );
}
