import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Partners and resellers (Huawei Cloud Partner Center's model): partner accounts, resellers
 * under a partner, the customers each of them registered, credentials bound to a partner,
 * verification codes for registration, frozen customers and per-customer budgets.
 *
 * A frozen customer's contracts carry `billing_frozen`: the billing claim's partial index
 * leaves them out, so a claim still reads only what it locks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE partners (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      parent_id text REFERENCES partners(id),
      name text NOT NULL,
      email text,
      mobile text,
      account_manager text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX partners_tenant ON partners (tenant_id, id);
    CREATE INDEX partners_parent ON partners (tenant_id, parent_id, id) WHERE parent_id IS NOT NULL;
    CREATE TABLE partner_customers (
      customer_id text PRIMARY KEY REFERENCES customers(id),
      tenant_id text NOT NULL REFERENCES tenants(id),
      partner_id text NOT NULL REFERENCES partners(id),
      account_name text NOT NULL,
      mobile text,
      xaccount_id text,
      xaccount_type text,
      associated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX partner_customers_account_name ON partner_customers (tenant_id, lower(account_name));
    CREATE INDEX partner_customers_partner ON partner_customers (tenant_id, partner_id, customer_id);
    ALTER TABLE customers ADD COLUMN frozen_at timestamptz;
    ALTER TABLE customers ADD COLUMN frozen_reason text;
    ALTER TABLE contracts ADD COLUMN billing_frozen boolean NOT NULL DEFAULT false;
    DROP INDEX contracts_billing_due;
    CREATE INDEX contracts_billing_due ON contracts (tenant_id, next_billing_at, id)
      WHERE next_billing_at IS NOT NULL AND NOT billing_frozen;
    ALTER TABLE api_keys ADD COLUMN partner_id text REFERENCES partners(id);
    ALTER TABLE oauth_clients ADD COLUMN partner_id text REFERENCES partners(id);
    CREATE TABLE verification_codes (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      partner_id text NOT NULL REFERENCES partners(id),
      email text NOT NULL,
      code_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX verification_codes_email ON verification_codes (tenant_id, partner_id, lower(email), created_at);
    CREATE TABLE customer_budgets (
      customer_id text PRIMARY KEY REFERENCES customers(id),
      tenant_id text NOT NULL REFERENCES tenants(id),
      type text NOT NULL CHECK (type IN ('monthly', 'package')),
      currency text NOT NULL,
      amount bigint NOT NULL CHECK (amount > 0),
      alert_threshold_percent integer NOT NULL CHECK (alert_threshold_percent BETWEEN 1 AND 100),
      alerted_period text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
  `,
  );
}
