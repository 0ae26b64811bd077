import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Automatic collection: a customer's `auto_collection` (`on`: the worker charges its issued
 * invoices through its primary, else backup, payment source; `off`: it pays by itself), the
 * tenant's retry schedule (days after a failed attempt the next is made; as many retries as
 * days), and each attempt the worker made on an invoice: at most one per number, the payment
 * it recorded (the last of the sources tried) and when the next is due.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE customers ADD COLUMN auto_collection text NOT NULL DEFAULT 'on'
      CHECK (auto_collection IN ('on', 'off'));
    ALTER TABLE tenants ADD COLUMN collection_retry_days jsonb NOT NULL DEFAULT '[3, 5, 7]';
    CREATE TABLE collection_attempts (
      tenant_id text NOT NULL REFERENCES tenants(id),
      invoice_id text NOT NULL REFERENCES invoices(id),
      attempt int NOT NULL CHECK (attempt >= 1),
      status text NOT NULL CHECK (status IN ('succeeded', 'failed', 'pending')),
      payment_source_id text NOT NULL,
      payment_id text NOT NULL,
      payment_ids jsonb NOT NULL,
      attempted_at timestamptz NOT NULL,
      settled_at timestamptz,
      next_attempt_at timestamptz,
      PRIMARY KEY (invoice_id, attempt)
    );
    CREATE INDEX collection_attempts_pending ON collection_attempts (invoice_id)
      WHERE status = 'pending';
  `,
  );
}
