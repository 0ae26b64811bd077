import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Authorization payments: an amount a gateway holds on a customer's payment source
 * (`authorized`) until it is captured (it becomes a succeeded payment), voided, or the hold
 * expires at the gateway (`voided`, seen by syncing the payment). `authorized_until` is when
 * the gateway lets the hold go.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE payments DROP CONSTRAINT payments_status_check;
    ALTER TABLE payments ADD CONSTRAINT payments_status_check
      CHECK (status IN ('succeeded', 'failed', 'authorized', 'voided'));
    ALTER TABLE payments ADD COLUMN authorized_until timestamptz;
  `,
  );
}
