import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE usage_records (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      contract_id text NOT NULL REFERENCES contracts(id),
      component_id text NOT NULL REFERENCES components(id),
      quantity numeric NOT NULL,
      due_at timestamptz NOT NULL,
      memo text,
      key text,
      billed_at timestamptz,
      invoice_id text,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX usage_records_contract ON usage_records (tenant_id, contract_id, id);
    CREATE UNIQUE INDEX usage_records_key ON usage_records (tenant_id, contract_id, key)
      WHERE key IS NOT NULL;
  `,
  );
}
