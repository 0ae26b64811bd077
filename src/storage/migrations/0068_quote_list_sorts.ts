import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Index of the quotes list by valid_until (until when a quote can be accepted), tenant-scoped
 * with the id that breaks ties, so a keyset page reads only its own rows however deep it is.
 * The list by creation already reads quotes_tenant_id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE INDEX quotes_tenant_valid_until ON quotes (tenant_id, valid_until, id);
  `,
  );
}
