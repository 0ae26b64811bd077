import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Payments the customer's bank asks the customer to authenticate (Strong Customer
 * Authentication, 3-D Secure): a charge made without the customer (automatic collection)
 * that the bank will not take until the customer confirms it is `requires_action`. It pays
 * nothing and fails nothing until the customer confirms it (or the gateway reports how it
 * went), and the collection attempt that made it waits for the customer the same way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE payments DROP CONSTRAINT payments_status_check;
    ALTER TABLE payments ADD CONSTRAINT payments_status_check
      CHECK (status IN ('succeeded', 'failed', 'authorized', 'voided', 'pending',
        'requires_action'));
    CREATE INDEX payments_requires_action ON payments (tenant_id, customer_id)
      WHERE status = 'requires_action';
    ALTER TABLE collection_attempts DROP CONSTRAINT collection_attempts_status_check;
    ALTER TABLE collection_attempts ADD CONSTRAINT collection_attempts_status_check
      CHECK (status IN ('succeeded', 'failed', 'pending', 'requires_action'));
  `,
  );
}
