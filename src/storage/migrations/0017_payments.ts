import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Payments, refunds and write-offs, applied to invoices; the tenant's dunning steps and the
 * steps each unpaid invoice has reached.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE payments (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      customer_id text NOT NULL REFERENCES customers(id),
      kind text NOT NULL CHECK (kind IN ('payment', 'refund', 'write_off')),
      method text NOT NULL CHECK (method IN ('offline', 'test_card', 'write_off')),
      status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
      amount bigint NOT NULL CHECK (amount > 0),
      currency text NOT NULL,
      reference text,
      card_last4 text,
      failure_code text,
      failure_message text,
      refunds_payment_id text REFERENCES payments(id),
      received_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      CHECK ((kind = 'refund') = (refunds_payment_id IS NOT NULL))
    );
    CREATE INDEX payments_customer ON payments (tenant_id, customer_id, id);
    CREATE INDEX payments_tenant ON payments (tenant_id, id);

    CREATE TABLE payment_allocations (
      tenant_id text NOT NULL REFERENCES tenants(id),
      payment_id text NOT NULL REFERENCES payments(id),
      invoice_id text NOT NULL REFERENCES invoices(id),
      amount bigint NOT NULL CHECK (amount <> 0),
      position int NOT NULL,
      PRIMARY KEY (payment_id, position)
    );
    CREATE INDEX payment_allocations_invoice ON payment_allocations (invoice_id);
    CREATE INDEX invoices_corrects ON invoices (corrects_invoice_id)
      WHERE corrects_invoice_id IS NOT NULL;

    ALTER TABLE tenants ADD COLUMN dunning_steps jsonb NOT NULL DEFAULT '[]';

    CREATE TABLE dunning_notices (
      tenant_id text NOT NULL REFERENCES tenants(id),
      invoice_id text NOT NULL REFERENCES invoices(id),
      level int NOT NULL,
      name text NOT NULL,
      reached_at timestamptz NOT NULL,
      PRIMARY KEY (invoice_id, level)
    );
  `,
  );
}
