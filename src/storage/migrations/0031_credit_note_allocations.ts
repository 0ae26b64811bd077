import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Credit of a credit note applied to another invoice of the customer (Chargebee's
 * invoice_apply_credits), and taken off it again (remove_credit_note) as a negative row:
 * rows are never rewritten, so what an invoice owes stays a sum of records.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE credit_note_allocations (
      tenant_id text NOT NULL REFERENCES tenants(id),
      credit_note_id text NOT NULL REFERENCES invoices(id),
      invoice_id text NOT NULL REFERENCES invoices(id),
      amount bigint NOT NULL CHECK (amount <> 0),
      position int NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (credit_note_id, position),
      CHECK (credit_note_id <> invoice_id)
    );
    CREATE INDEX credit_note_allocations_invoice ON credit_note_allocations (invoice_id);
  `,
  );
}
