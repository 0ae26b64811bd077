import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Quotes: a priced offer to a customer (a new subscription, a change of a contract, or
 * one-time charges), its lines and totals fixed when it is created or edited, and what
 * accepting it made (the order, the contract, the invoice).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE quotes (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      type text NOT NULL CHECK (type IN ('subscription', 'change', 'one_time')),
      status text NOT NULL CHECK (status IN ('open', 'accepted', 'declined')),
      customer_id text NOT NULL,
      contract_id text,
      input jsonb NOT NULL,
      starts_at timestamptz,
      currency text NOT NULL,
      price_basis text NOT NULL CHECK (price_basis IN ('net', 'gross')),
      reverse_charge boolean NOT NULL,
      priced_on date NOT NULL,
      lines jsonb NOT NULL,
      tax_rows jsonb NOT NULL,
      total_net bigint NOT NULL,
      total_tax bigint NOT NULL,
      total_gross bigint NOT NULL,
      valid_until timestamptz NOT NULL,
      order_id text,
      invoice_id text,
      accepted_at timestamptz,
      declined_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX quotes_tenant_id ON quotes (tenant_id, id);
    CREATE INDEX quotes_customer ON quotes (tenant_id, customer_id, id);
  `,
  );
}
