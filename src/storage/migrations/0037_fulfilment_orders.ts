import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Fulfilment orders: the physical goods an issued invoice ships, with their lines (copied from
 * the invoice's lines, each with the quantity shipped and its amount), their status from new to
 * delivered, tracking and shipping details, and the credit notes issued for a cancellation or
 * a refund. Order numbers are unique per tenant; a per-tenant sequence gives the next one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE fulfilment_orders (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      number text,
      invoice_id text NOT NULL REFERENCES invoices(id),
      customer_id text NOT NULL,
      currency text NOT NULL,
      status text NOT NULL CHECK (status IN
        ('new', 'processing', 'complete', 'shipped', 'delivered', 'returned', 'cancelled')),
      amount bigint NOT NULL CHECK (amount >= 0),
      tracking_id text,
      tracking_url text,
      carrier text,
      shipping_address jsonb,
      notes text,
      cancellation_reason text,
      cancellation_credit_note_id text,
      refund_credit_note_id text,
      resent_from text REFERENCES fulfilment_orders(id),
      imported boolean NOT NULL DEFAULT false,
      order_date date NOT NULL,
      shipped_at timestamptz,
      delivered_at timestamptz,
      cancelled_at timestamptz,
      status_updated_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
    );
    CREATE UNIQUE INDEX fulfilment_orders_number
      ON fulfilment_orders (tenant_id, number) WHERE number IS NOT NULL;
    CREATE INDEX fulfilment_orders_invoice ON fulfilment_orders (tenant_id, invoice_id);
    CREATE INDEX fulfilment_orders_customer ON fulfilment_orders (tenant_id, customer_id, id);
    CREATE INDEX fulfilment_orders_resent_from ON fulfilment_orders (resent_from)
      WHERE resent_from IS NOT NULL;

    CREATE TABLE fulfilment_order_lines (
      id text PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      order_id text NOT NULL REFERENCES fulfilment_orders(id) ON DELETE CASCADE,
      position integer NOT NULL,
      invoice_line_id text NOT NULL,
      description text NOT NULL,
      quantity numeric NOT NULL CHECK (quantity > 0),
      amount bigint NOT NULL CHECK (amount >= 0),
      UNIQUE (order_id, position)
    );

    CREATE TABLE fulfilment_order_sequences (
      tenant_id text PRIMARY KEY REFERENCES tenants(id),
      last_value bigint NOT NULL
    );
  `,
  );
}
