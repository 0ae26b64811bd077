import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Indexes of the documents list's sorts: each tenant's documents by issue date, by currency
 * and gross total, and by number (byte order, as the list compares it), each with the id
 * that breaks ties, so a keyset page reads only its own rows however deep it is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE INDEX invoices_tenant_issue_date ON invoices (tenant_id, issue_date, id);
    CREATE INDEX invoices_tenant_total ON invoices (tenant_id, currency, total_gross, id);
    CREATE INDEX invoices_tenant_number ON invoices (tenant_id, (number COLLATE "C"), id);
  `,
  );
}
