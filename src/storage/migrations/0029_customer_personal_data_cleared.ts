import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/** When a customer's personal data was erased (GDPR erasure); null while it never was. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE customers ADD COLUMN personal_data_cleared_at timestamptz;
  `,
  );
}
