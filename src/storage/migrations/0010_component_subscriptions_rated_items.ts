import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE component_subscriptions (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      contract_id text NOT NULL REFERENCES contracts(id),
      component_id text NOT NULL REFERENCES components(id),
      quantity numeric NOT NULL,
      start_at timestamptz NOT NULL,
      end_at timestamptz,
      memo text,
      created_at timestamptz NOT NULL,
      CHECK (end_at IS NULL OR end_at > start_at)
    );
    CREATE INDEX component_subscriptions_contract ON component_subscriptions (tenant_id, contract_id, id);

    CREATE TABLE rated_items (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      contract_id text NOT NULL REFERENCES contracts(id),
      description text NOT NULL,
      quantity numeric NOT NULL,
      price_per_unit numeric NOT NULL,
      period_start timestamptz NOT NULL,
      period_end timestamptz NOT NULL,
      billed_at timestamptz,
      invoice_id text,
      created_at timestamptz NOT NULL,
      CHECK (period_end >= period_start)
    );
    CREATE INDEX rated_items_contract ON rated_items (tenant_id, contract_id, id);
  `,
  );
}
