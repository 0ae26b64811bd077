import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE tenants (
      id text PRIMARY KEY,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      test_clock_now timestamptz
    );

    CREATE TABLE api_keys (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      name text NOT NULL,
      prefix text NOT NULL,
      secret_hash text NOT NULL UNIQUE,
      roles text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );
    CREATE INDEX api_keys_tenant ON api_keys (tenant_id, id);

    CREATE TABLE oauth_clients (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      name text NOT NULL,
      secret_hash text NOT NULL,
      roles text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    );
    CREATE INDEX oauth_clients_tenant ON oauth_clients (tenant_id, id);

    CREATE TABLE idempotency_keys (
      tenant_id text NOT NULL REFERENCES tenants(id),
      key text NOT NULL,
      operation text NOT NULL,
      fingerprint text NOT NULL,
      status_code integer,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, key)
    );
    CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

    CREATE TABLE audit_events (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      occurred_at timestamptz NOT NULL,
      tenant_time timestamptz NOT NULL,
      actor_type text NOT NULL,
      actor_id text NOT NULL,
      operation text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('succeeded', 'denied')),
      target_type text,
      target_id text,
      before jsonb,
      after jsonb,
      request_id text NOT NULL,
      idempotency_key text
    );
    CREATE INDEX audit_events_tenant ON audit_events (tenant_id, id);
    CREATE INDEX audit_events_target ON audit_events (tenant_id, target_id) WHERE target_id IS NOT NULL;

    CREATE TABLE outbox_events (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      type text NOT NULL,
      subject_type text,
      subject_id text,
      occurred_at timestamptz NOT NULL,
      tenant_time timestamptz NOT NULL,
      payload jsonb NOT NULL
    );
    CREATE INDEX outbox_events_tenant ON outbox_events (tenant_id, id);
  `,
  );
}
