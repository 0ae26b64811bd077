/**
 * What the payments module reads of invoices: the invoices as `i` for its statements, and
 * the document totals a balance is made of. Every query is tenant-scoped by its caller.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../storage/schema.js";

/** The invoices as `i`: the start of another module's statement over invoices. */
export function invoicesAsI(db: Kysely<DB>) {
  return db.selectFrom("invoices as i");
}

/** What the finalized credit notes of invoice `invoiceId` total (zero or negative). */
export function creditNotesTotal(invoiceId: RawBuilder<unknown>) {
  return sql<string>`coalesce((SELECT sum(c.total_gross) FROM invoices c
              WHERE c.corrects_invoice_id = ${invoiceId} AND c.status = 'finalized'), 0)`;
}

/**
 * What the customer's finalized documents in `currency` claim: invoices less credit notes,
 * less the promotional credits applied to the invoices when they were issued.
 */
export function finalizedTotal(tenantId: string, customerId: string, currency: string) {
  return sql<string>`coalesce((SELECT sum(total_gross - credits_applied) FROM invoices
                WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
                  AND currency = ${currency} AND status = 'finalized'), 0)`;
}

/**
 * The customer's finalized documents, their totals and the promotional credits applied to
 * them summed per currency and kind.
 */
export function finalizedTotals(db: Kysely<DB>, tenantId: string, customerId: string) {
  return db
    .selectFrom("invoices")
    .select([
      "currency",
      "kind",
      sql<string>`sum(total_gross)`.as("total"),
      sql<string>`sum(credits_applied)`.as("credits_applied"),
    ])
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("status", "=", "finalized")
    .groupBy(["currency", "kind"])
    .execute();
}
