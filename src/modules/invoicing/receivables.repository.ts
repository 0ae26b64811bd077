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

/** The ids of the credit notes (any status) that correct invoice `invoiceId`: a subquery. */
export function creditNoteIdsOf(invoiceId: RawBuilder<unknown>) {
  return sql<string>`(SELECT c.id FROM invoices c WHERE c.corrects_invoice_id = ${invoiceId})`;
}

export type CreditNoteFacts = {
  id: string;
  number: string | null;
  customer_id: string;
  currency: string;
  kind: "invoice" | "credit_note";
  status: string;
  business_entity_id: string;
  contract_id: string | null;
  /** Positive: what the credit note credits. */
  credit: bigint;
  corrects_invoice_id: string | null;
  issue_date: string | null;
};

/**
 * Documents of the customer for applying credit: the named ones, or its finalized credit
 * notes in `currency`, oldest first.
 */
export async function creditNoteFacts(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  options: { ids?: readonly string[]; currency?: string },
): Promise<CreditNoteFacts[]> {
  let q = db
    .selectFrom("invoices")
    .select([
      "id",
      "number",
      "customer_id",
      "currency",
      "kind",
      "status",
      "business_entity_id",
      "contract_id",
      "total_gross",
      "corrects_invoice_id",
      "issue_date",
    ])
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId);
  if (options.ids) q = q.where("id", "in", options.ids.length ? options.ids : [""]);
  else {
    q = q.where("kind", "=", "credit_note").where("status", "=", "finalized");
    if (options.currency) q = q.where("currency", "=", options.currency);
  }
  const rows = await q.orderBy("issue_date").orderBy("sequence").orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    customer_id: r.customer_id,
    currency: r.currency,
    kind: r.kind,
    status: r.status,
    business_entity_id: r.business_entity_id,
    contract_id: r.contract_id,
    credit: -BigInt(r.total_gross),
    corrects_invoice_id: r.corrects_invoice_id,
    issue_date: r.issue_date === null ? null : String(r.issue_date),
  }));
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
