import { type Kysely, sql } from "kysely";

/**
 * An invoice line's document may be checked at commit: the billing run writes a batch's lines
 * before their documents are numbered, and the documents once they are (`writeDocuments`), so
 * the number counter, locked from the numbers to the commit, is not held while the lines are
 * written. Checked at once unless a transaction defers it (`SET CONSTRAINTS … DEFERRED`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE invoice_lines ALTER CONSTRAINT invoice_lines_invoice_id_fkey DEFERRABLE INITIALLY IMMEDIATE`.execute(
    db,
  );
}
