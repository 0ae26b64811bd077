import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Waiting that ends. A payment the customer's bank asks the customer to authenticate
 * (`requires_action`, 0061) expires when the customer has not done so within the tenant's
 * `authentication_expiry_hours` (of its dunning policy; 24 by default) on the tenant's clock:
 * the worker cancels it at the gateway and records it failed (`authentication_expired`).
 *
 * A payment method setup on the gateway's hosted page (0062) expires at `expires_at` (the
 * tenant's clock when it was opened, plus 24 hours; existing open ones from their creation):
 * the worker marks an open one `expired` (its session expired at the gateway where the
 * gateway allows it), and `expired_at` records when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE tenants ADD COLUMN authentication_expiry_hours int NOT NULL DEFAULT 24
      CHECK (authentication_expiry_hours BETWEEN 1 AND 720);

    ALTER TABLE payment_source_setups ADD COLUMN expires_at timestamptz;
    UPDATE payment_source_setups SET expires_at = created_at + interval '24 hours';
    ALTER TABLE payment_source_setups ALTER COLUMN expires_at SET NOT NULL;
    ALTER TABLE payment_source_setups ADD COLUMN expired_at timestamptz;
    ALTER TABLE payment_source_setups DROP CONSTRAINT payment_source_setups_status_check;
    ALTER TABLE payment_source_setups ADD CONSTRAINT payment_source_setups_status_check
      CHECK (status IN ('open', 'completed', 'expired'));
    ALTER TABLE payment_source_setups DROP CONSTRAINT payment_source_setups_check;
    ALTER TABLE payment_source_setups ADD CONSTRAINT payment_source_setups_check
      CHECK (status <> 'completed' OR payment_source_id IS NOT NULL);
    CREATE INDEX payment_source_setups_open ON payment_source_setups (expires_at)
      WHERE status = 'open';
  `,
  );
}
