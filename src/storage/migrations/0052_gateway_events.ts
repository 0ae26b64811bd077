import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Events payment gateways send to `POST /v1/gateways/{account_id}/events`, each recorded once
 * per account: the provider's event id (unique per account; NULL for an event refused before
 * its content could be trusted), its type as Accrue reads it, what became of it (applied,
 * ignored, rejected) and why, the payment it concerned, and the event as the provider sent
 * it (verified events only).
 *
 * A gateway's event names a charge by the gateway's reference, which payments keep
 * (migration 0046): an index finds the payment of a reference.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE gateway_events (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      gateway_account_id text NOT NULL REFERENCES gateway_accounts(id),
      provider_event_id text,
      type text CHECK (type IN ('charge.succeeded', 'charge.failed', 'charge.refunded',
        'charge.disputed', 'unknown')),
      provider_type text,
      status text NOT NULL CHECK (status IN ('applied', 'ignored', 'rejected')),
      error_code text,
      detail text,
      charge_reference text,
      payment_id text,
      received_at timestamptz NOT NULL,
      payload jsonb,
      CHECK (status = 'rejected' OR (provider_event_id IS NOT NULL AND type IS NOT NULL))
    );
    CREATE UNIQUE INDEX gateway_events_provider_event ON gateway_events
      (gateway_account_id, provider_event_id) WHERE provider_event_id IS NOT NULL;
    CREATE INDEX gateway_events_account ON gateway_events (tenant_id, gateway_account_id, id);

    CREATE INDEX payments_gateway_reference ON payments (tenant_id, gateway_reference)
      WHERE gateway_reference IS NOT NULL;
  `,
  );
}
