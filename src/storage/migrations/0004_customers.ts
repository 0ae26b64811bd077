import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE customers (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      external_id text,
      debitor_account text,
      company_name text,
      first_name text,
      last_name text,
      email text,
      language text,
      locale text,
      vat_id text,
      tag text,
      customer_type text NOT NULL DEFAULT 'consumer' CHECK (customer_type IN ('consumer', 'business')),
      time_zone text NOT NULL DEFAULT 'UTC',
      default_bearer_medium text,
      address jsonb NOT NULL DEFAULT '{}',
      custom_fields jsonb NOT NULL DEFAULT '{}',
      hidden boolean NOT NULL DEFAULT false,
      locked boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      deleted_at timestamptz
    );
    CREATE INDEX customers_tenant ON customers (tenant_id, id);
    CREATE UNIQUE INDEX customers_external_id ON customers (tenant_id, external_id)
      WHERE external_id IS NOT NULL AND deleted_at IS NULL;
    CREATE INDEX customers_email ON customers (tenant_id, email) WHERE email IS NOT NULL;
  `,
  );
}
