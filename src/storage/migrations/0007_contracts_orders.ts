import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE contracts (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      customer_id text NOT NULL REFERENCES customers(id),
      plan_group_id text NOT NULL REFERENCES plan_groups(id),
      currency char(3) NOT NULL,
      start_at timestamptz NOT NULL,
      end_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX contracts_tenant ON contracts (tenant_id, id);
    CREATE INDEX contracts_customer ON contracts (tenant_id, customer_id);

    CREATE TABLE contract_phases (
      contract_id text NOT NULL REFERENCES contracts(id),
      start_at timestamptz NOT NULL,
      type text NOT NULL CHECK (type IN ('trial', 'normal', 'inactive')),
      plan_variant_id text REFERENCES plan_variants(id),
      quantity numeric NOT NULL,
      PRIMARY KEY (contract_id, start_at)
    );

    CREATE TABLE orders (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      customer_id text NOT NULL REFERENCES customers(id),
      contract_id text NOT NULL,
      type text NOT NULL CHECK (type IN ('signup')),
      status text NOT NULL CHECK (status IN ('in_progress', 'approval_pending', 'succeeded', 'declined')),
      plan_variant_id text NOT NULL REFERENCES plan_variants(id),
      quantity numeric NOT NULL,
      start_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX orders_tenant ON orders (tenant_id, id);
    CREATE INDEX orders_customer ON orders (tenant_id, customer_id);
  `,
  );
}
