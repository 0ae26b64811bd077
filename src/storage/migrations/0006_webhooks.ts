import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Webhooks: endpoints per tenant, one delivery per (event, endpoint) made by the fan-out job
 * from the outbox, and every delivery attempt. See src/modules/webhooks/README.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE outbox_events ADD COLUMN fanned_out_at timestamptz;

    UPDATE outbox_events SET fanned_out_at = occurred_at;

    CREATE INDEX outbox_events_unfanned ON outbox_events (id) WHERE fanned_out_at IS NULL;
    CREATE INDEX outbox_events_subject ON outbox_events (tenant_id, subject_id, id);
    CREATE INDEX outbox_events_type ON outbox_events (tenant_id, type, id);

    CREATE TABLE webhook_endpoints (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      url text NOT NULL,
      description text NOT NULL DEFAULT '',
      format text NOT NULL DEFAULT 'native',
      event_types text[] NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      disabled_reason text CHECK (disabled_reason IN ('manual', 'sustained_failure')),
      disabled_at timestamptz,
      secret text NOT NULL,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      failing_since timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz
    );
    CREATE INDEX webhook_endpoints_tenant ON webhook_endpoints (tenant_id, id);

    CREATE TABLE webhook_deliveries (
      id text PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      event_id text NOT NULL REFERENCES outbox_events(id),
      endpoint_id text NOT NULL REFERENCES webhook_endpoints(id),
      subject_id text,
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'cancelled')),
      attempt_count integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      locked_until timestamptz,
      lease_token text,
      first_attempt_at timestamptz,
      last_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (event_id, endpoint_id)
    );
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_order ON webhook_deliveries (endpoint_id, subject_id, seq) WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_tenant ON webhook_deliveries (tenant_id, id);
    CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);

    CREATE TABLE webhook_attempts (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      delivery_id text NOT NULL REFERENCES webhook_deliveries(id),
      attempted_at timestamptz NOT NULL,
      duration_ms integer NOT NULL,
      succeeded boolean NOT NULL,
      status_code integer,
      response_excerpt text,
      error text
    );
    CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
  `,
  );
}
