import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * A customer records whether an order names it (and so whether it may be deleted): the
 * contracts module sets it with the customer's first order, so reading a customer needs no
 * look at another module's tables. Orders are never deleted, so the flag never clears.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE customers ADD COLUMN has_orders boolean NOT NULL DEFAULT false;
    UPDATE customers c SET has_orders = true
      WHERE EXISTS (SELECT 1 FROM orders o WHERE o.tenant_id = c.tenant_id AND o.customer_id = c.id);
  `,
  );
}
