import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Promotional credits: a ledger per customer and currency (added, deducted, set, and applied
 * to invoices when they are issued), each entry with the balance after it. An invoice records
 * the credits applied to it when it was issued, so what it owes is read from its own row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE promotional_credit_entries (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      customer_id text NOT NULL REFERENCES customers(id),
      currency text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('add', 'deduct', 'set', 'applied')),
      amount bigint NOT NULL,
      balance_after bigint NOT NULL CHECK (balance_after >= 0),
      description text,
      reference text,
      created_at timestamptz NOT NULL,
      CHECK (kind = 'set' OR (kind = 'add') = (amount > 0)),
      CHECK (kind <> 'applied' OR reference IS NOT NULL)
    );
    CREATE INDEX promotional_credit_entries_customer
      ON promotional_credit_entries (tenant_id, customer_id, currency, id);

    ALTER TABLE invoices ADD COLUMN credits_applied bigint NOT NULL DEFAULT 0
      CHECK (credits_applied >= 0);
  `,
  );
}
