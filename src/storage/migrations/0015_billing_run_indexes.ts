import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Indexes that keep a billing run's cost per batch flat however many contracts there are:
 * due contracts per tenant in billing order (the claim reads only what it locks), and the
 * billed lines of a batch's contracts by contract (a contract id alone is selective).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP INDEX contracts_billing_due;
    CREATE INDEX contracts_billing_due ON contracts (tenant_id, next_billing_at, id)
      WHERE next_billing_at IS NOT NULL;
    DROP INDEX invoice_lines_charge;
    CREATE INDEX invoice_lines_charge ON invoice_lines (contract_id, invoice_id, position)
      WHERE charge_key IS NOT NULL;
  `,
  );
}
