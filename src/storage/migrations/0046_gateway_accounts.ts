import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Gateway accounts: a tenant's accounts at payment gateways, each of one business entity, its
 * credentials sealed at rest (AES-256-GCM under ACCRUE_SECRET_KEY; the column never holds
 * them in clear). At most one live account per entity is its default.
 *
 * A payment source names the account that holds it; NULL is the built-in test gateway every
 * entity has without configuring anything, so existing sources need no backfill and keep
 * charging as before. A customer may be switched to an account of its own
 * (customer_gateway_accounts); new sources go there. A payment a gateway took, held or gave
 * back keeps the gateway's reference of it, which a refund names.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE gateway_accounts (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      business_entity_id text NOT NULL REFERENCES business_entities(id),
      gateway text NOT NULL CHECK (gateway IN ('test', 'stripe', 'mollie', 'gocardless')),
      name text NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'disabled')),
      is_default boolean NOT NULL DEFAULT false,
      credentials_sealed text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      deleted_at timestamptz,
      CHECK (NOT is_default OR (status = 'active' AND deleted_at IS NULL))
    );
    CREATE INDEX gateway_accounts_tenant ON gateway_accounts (tenant_id, id);
    CREATE UNIQUE INDEX gateway_accounts_default ON gateway_accounts (business_entity_id)
      WHERE is_default;

    CREATE TABLE customer_gateway_accounts (
      customer_id text PRIMARY KEY REFERENCES customers(id),
      tenant_id text NOT NULL REFERENCES tenants(id),
      gateway_account_id text NOT NULL REFERENCES gateway_accounts(id),
      updated_at timestamptz NOT NULL
    );

    ALTER TABLE payment_sources ADD COLUMN gateway_account_id text
      REFERENCES gateway_accounts(id);
    ALTER TABLE payment_sources ADD COLUMN gateway_customer_reference text;
    CREATE INDEX payment_sources_gateway_account ON payment_sources (gateway_account_id)
      WHERE gateway_account_id IS NOT NULL;

    ALTER TABLE payments ADD COLUMN gateway_reference text;
  `,
  );
}
