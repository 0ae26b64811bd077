import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Hosted pages (Chargebee's hosted_pages): a page of the customer portal, opened by its own
 * short-lived token, through which a customer completes one thing (a checkout, a payment
 * method, paying open invoices, accepting a quote). Portal links record when a merchant
 * activated them (Chargebee's portal session activate).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE hosted_pages (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      type text NOT NULL CHECK (type IN ('checkout_new', 'checkout_existing', 'checkout_one_time',
        'manage_payment_sources', 'update_payment_method', 'collect_now', 'accept_quote')),
      state text NOT NULL CHECK (state IN ('created', 'requested', 'succeeded', 'cancelled',
        'acknowledged')),
      token_hash text NOT NULL UNIQUE,
      customer_id text,
      contract_id text,
      quote_id text,
      input jsonb NOT NULL,
      content jsonb,
      expires_at timestamptz NOT NULL,
      requested_at timestamptz,
      succeeded_at timestamptz,
      cancelled_at timestamptz,
      acknowledged_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX hosted_pages_tenant_id ON hosted_pages (tenant_id, id);
    ALTER TABLE self_service_tokens ADD COLUMN activated_at timestamptz;
  `,
  );
}
