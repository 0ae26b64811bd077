/** The e-invoice records of issued documents (table einvoices). */
import type { Kysely, Selectable } from "kysely";
import type { DB, EInvoicesTable } from "../../storage/schema.js";

export type EInvoiceRow = Selectable<EInvoicesTable>;

export async function findEInvoice(
  db: Kysely<DB>,
  tenantId: string,
  documentId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<EInvoiceRow | undefined> {
  let q = db
    .selectFrom("einvoices")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("document_id", "=", documentId);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertEInvoice(db: Kysely<DB>, row: EInvoiceRow): Promise<EInvoiceRow> {
  return db.insertInto("einvoices").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateEInvoice(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Pick<EInvoiceRow, "status" | "reference_number" | "message" | "attempts" | "updated_at">,
): Promise<EInvoiceRow> {
  return db
    .updateTable("einvoices")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
