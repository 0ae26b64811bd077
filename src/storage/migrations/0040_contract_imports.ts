import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Contracts imported from another billing system: the instant up to which that system billed
 * them (billing never bills or credits a day before it; null for contracts Accrue started),
 * and the contract term imported onto a contract (its start, end, billing cycles and what
 * happens at its end).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE contracts ADD COLUMN billed_until timestamptz;
    ALTER TABLE contracts ADD COLUMN contract_term jsonb;
  `,
  );
}
