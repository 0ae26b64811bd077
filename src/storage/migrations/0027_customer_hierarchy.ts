import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Account hierarchy (Chargebee's customer relationships): a customer's link to its parent
 * customer, with who receives its invoices and who pays them. A customer has at most one
 * parent; one without a row here is a root.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE customer_hierarchy (
      customer_id text PRIMARY KEY REFERENCES customers(id),
      tenant_id text NOT NULL REFERENCES tenants(id),
      parent_id text NOT NULL REFERENCES customers(id),
      invoice_owner text NOT NULL CHECK (invoice_owner IN ('self', 'parent')),
      payment_owner text NOT NULL CHECK (payment_owner IN ('self', 'parent')),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (customer_id <> parent_id),
      CHECK (invoice_owner = 'self' OR payment_owner = 'parent')
    );
    CREATE INDEX customer_hierarchy_parent ON customer_hierarchy (tenant_id, parent_id, customer_id);
  `,
  );
}
