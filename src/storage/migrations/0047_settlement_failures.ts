import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Failed settlements on the contract: how many attempts in a row failed, the last error and
 * when, and when billing stopped trying (parked). A parked contract is left out of the
 * billing run's claim (and of its partial index) until a retry un-parks it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE contracts ADD COLUMN settlement_failures integer NOT NULL DEFAULT 0;
    ALTER TABLE contracts ADD COLUMN settlement_error text;
    ALTER TABLE contracts ADD COLUMN settlement_failed_at timestamptz;
    ALTER TABLE contracts ADD COLUMN settlement_parked_at timestamptz;
    DROP INDEX contracts_billing_due;
    CREATE INDEX contracts_billing_due ON contracts (tenant_id, next_billing_at, id)
      WHERE next_billing_at IS NOT NULL AND NOT billing_frozen AND settlement_parked_at IS NULL;
    CREATE INDEX contracts_settlement_parked ON contracts (tenant_id, settlement_parked_at)
      WHERE settlement_parked_at IS NOT NULL;
  `,
  );
}
