/**
 * Storage of documents as documents.ts changes them: written in bulk, issued, voided; what
 * credit notes already credited; the lines of a page of documents; the dashboard's totals.
 * Every query is tenant-scoped.
 */
import { type Kysely, sql } from "kysely";
import { toJson } from "../../lib/json.js";
import { insertMany } from "../../storage/bulk.js";
import type { DB, PartySnapshot, TaxRow } from "../../storage/schema.js";
import type { InvoiceRow, LineRow } from "./invoicing.repository.js";

const INVOICE_COLUMNS = {
  id: "text",
  tenant_id: "text",
  business_entity_id: "text",
  customer_id: "text",
  contract_id: "text",
  kind: "text",
  status: "text",
  sequence: "bigint",
  number: "text",
  currency: "text",
  price_basis: "text",
  issue_date: "date",
  due_date: "date",
  service_period_start: "date",
  service_period_end: "date",
  sender: "jsonb",
  recipient: "jsonb",
  reverse_charge: "boolean",
  tax_rows: "jsonb",
  total_net: "bigint",
  total_tax: "bigint",
  total_gross: "bigint",
  corrects_invoice_id: "text",
  billing_run_id: "text",
  created_at: "timestamptz",
  finalized_at: "timestamptz",
  voided_at: "timestamptz",
  updated_at: "timestamptz",
  credits_applied: "bigint",
} as const;

const LINE_COLUMNS = {
  id: "text",
  tenant_id: "text",
  invoice_id: "text",
  position: "integer",
  contract_id: "text",
  charge_key: "text",
  kind: "text",
  description: "text",
  period_start: "date",
  period_end: "date",
  quantity: "numeric",
  unit_price: "numeric",
  amount: "bigint",
  tax_rate: "numeric",
  credited_line_id: "text",
} as const;

/** Writes documents and their lines: one statement for the documents, one for the lines. */
export async function insertDocuments(
  db: Kysely<DB>,
  documents: readonly { row: InvoiceRow; lines: readonly LineRow[] }[],
): Promise<void> {
  await insertDocumentRows(
    db,
    documents.map((d) => d.row),
  );
  await insertDocumentLines(
    db,
    documents.flatMap((d) => d.lines),
  );
}

/** Writes documents without their lines, in one statement. */
export async function insertDocumentRows(
  db: Kysely<DB>,
  rows: readonly InvoiceRow[],
): Promise<void> {
  await insertMany(
    db,
    "invoices",
    INVOICE_COLUMNS,
    rows.map((r) => ({
      ...r,
      sender: toJson(r.sender),
      recipient: toJson(r.recipient),
      tax_rows: toJson(r.tax_rows),
    })),
  );
}

/**
 * Writes document lines (a new document's, or a charge entered by hand on a draft); with
 * `documentsLater`, before their documents: the transaction
 * checks each line's document at its commit (migration 0073), by which the documents are
 * written.
 */
export async function insertDocumentLines(
  db: Kysely<DB>,
  lines: readonly LineRow[],
  options: { documentsLater?: boolean } = {},
): Promise<void> {
  if (lines.length === 0) return;
  if (options.documentsLater) {
    await sql`SET CONSTRAINTS invoice_lines_invoice_id_fkey DEFERRED`.execute(db);
  }
  // in chunks, the event loop let run between them: an embedded database writes on the
  // loop's thread, and a long history's invoice has thousands of lines
  for (let at = 0; at < lines.length; at += LINES_PER_STATEMENT) {
    if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    await insertMany(db, "invoice_lines", LINE_COLUMNS, lines.slice(at, at + LINES_PER_STATEMENT));
  }
}

/** Invoice lines written per statement. */
const LINES_PER_STATEMENT = 250;

/** Stores a draft as issued (`issued`: its number, dates and sender); returns the row as stored. */
export async function issueDocumentRow(db: Kysely<DB>, issued: InvoiceRow): Promise<InvoiceRow> {
  return db
    .updateTable("invoices")
    .set({
      status: issued.status,
      sequence: issued.sequence,
      number: issued.number,
      issue_date: issued.issue_date,
      due_date: issued.due_date,
      // the parties as they are when the document is issued
      sender: toJson(issued.sender),
      finalized_at: issued.finalized_at,
      updated_at: issued.updated_at,
      credits_applied: issued.credits_applied,
    })
    .where("id", "=", issued.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Stores a document as void from `now`; returns the row as stored. */
export async function voidDocumentRow(
  db: Kysely<DB>,
  id: string,
  status: InvoiceRow["status"],
  now: Date,
): Promise<InvoiceRow> {
  return db
    .updateTable("invoices")
    .set({ status, voided_at: now, updated_at: now })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Stores an invoice's descriptive details (`recipient`: the party snapshot with its changed
 * address); what is absent stays. Returns the row as stored.
 */
export async function updateDocumentDetails(
  db: Kysely<DB>,
  id: string,
  details: {
    po_number?: string | null | undefined;
    notes?: string | null | undefined;
    recipient?: PartySnapshot | undefined;
  },
  now: Date,
): Promise<InvoiceRow> {
  return db
    .updateTable("invoices")
    .set({
      ...(details.po_number !== undefined ? { po_number: details.po_number } : {}),
      ...(details.notes !== undefined ? { notes: details.notes } : {}),
      ...(details.recipient !== undefined ? { recipient: toJson(details.recipient) } : {}),
      updated_at: now,
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Removes a draft and its lines (a draft has no number, so no gap arises). */
export async function deleteDraftDocument(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<void> {
  await db
    .deleteFrom("invoice_lines")
    .where("tenant_id", "=", tenantId)
    .where("invoice_id", "=", id)
    .execute();
  await db
    .deleteFrom("invoices")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("status", "=", "draft")
    .execute();
}

/** Marks an invoice's dunning stopped from `now`; returns the row as stored. */
export async function stopDocumentDunning(
  db: Kysely<DB>,
  id: string,
  now: Date,
): Promise<InvoiceRow> {
  return db
    .updateTable("invoices")
    .set({ dunning_stopped_at: now, updated_at: now })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A credit note that corrects the invoice and is not void, if there is one. */
export async function findLiveCreditNote(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("invoices")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("corrects_invoice_id", "=", invoiceId)
    .where("status", "!=", "void")
    .executeTakeFirst();
}

/** What the invoice's credit notes that are not void credit per line (negative sums). */
export async function creditedPerLine(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<{ credited_line_id: string | null; total: string }[]> {
  return db
    .selectFrom("invoice_lines as l")
    .innerJoin("invoices as i", "i.id", "l.invoice_id")
    .select(["l.credited_line_id", (eb) => eb.fn.sum<string>("l.amount").as("total")])
    .where("l.tenant_id", "=", tenantId)
    .where("i.corrects_invoice_id", "=", invoiceId)
    .where("i.status", "!=", "void")
    .groupBy("l.credited_line_id")
    .execute();
}

/** The lines of several documents, by document and position. */
export async function linesOfDocuments(
  db: Kysely<DB>,
  tenantId: string,
  invoiceIds: readonly string[],
): Promise<LineRow[]> {
  if (invoiceIds.length === 0) return [];
  return db
    .selectFrom("invoice_lines")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("invoice_id", "in", invoiceIds)
    .orderBy("invoice_id")
    .orderBy("position")
    .execute();
}

/** A document's number (null: a draft); undefined when the tenant has no such document. */
export async function documentNumber(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<string | null | undefined> {
  const row = await db
    .selectFrom("invoices")
    .select("number")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.number;
}

/**
 * The gross totals of the tenant's finalized documents issued on or after `from`, per month
 * of issue (`YYYY-MM`), currency and kind.
 */
export async function issuedTotalsByMonth(
  db: Kysely<DB>,
  tenantId: string,
  from: string,
): Promise<{ month: string; currency: string; kind: string; total: string }[]> {
  const { rows } = await sql<{ month: string; currency: string; kind: string; total: string }>`
    SELECT to_char(issue_date::date, 'YYYY-MM') AS month, currency, kind, sum(total_gross)::text AS total
    FROM invoices
    WHERE tenant_id = ${tenantId} AND status = 'finalized' AND issue_date >= ${from}
    GROUP BY 1, 2, 3
  `.execute(db);
  return rows;
}

/**
 * The gross totals of the tenant's finalized documents issued from `from` up to but not
 * including `to` (dates, YYYY-MM-DD), per currency and kind.
 */
export async function issuedTotalsBetween(
  db: Kysely<DB>,
  tenantId: string,
  from: string,
  to: string,
): Promise<{ currency: string; kind: string; total: string }[]> {
  const { rows } = await sql<{ currency: string; kind: string; total: string }>`
    SELECT currency, kind, sum(total_gross)::text AS total
    FROM invoices
    WHERE tenant_id = ${tenantId} AND status = 'finalized'
      AND issue_date >= ${from} AND issue_date < ${to}
    GROUP BY 1, 2
  `.execute(db);
  return rows;
}

/** Removes the named lines of a document. */
export async function deleteDocumentLines(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
  lineIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom("invoice_lines")
    .where("tenant_id", "=", tenantId)
    .where("invoice_id", "=", invoiceId)
    .where("id", "in", lineIds)
    .execute();
}

/** Stores a draft's totals (after its lines changed); returns the row as stored. */
export async function setDocumentTotals(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  totals: {
    tax_rows: TaxRow[];
    total_net: string;
    total_tax: string;
    total_gross: string;
    service_period_start: string | null;
    service_period_end: string | null;
    updated_at: Date;
  },
): Promise<InvoiceRow> {
  return db
    .updateTable("invoices")
    .set({ ...totals, tax_rows: toJson(totals.tax_rows) })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("status", "=", "draft")
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The entity's document of this kind and number, if any (imported documents keep theirs). */
export async function findDocumentByNumber(
  db: Kysely<DB>,
  tenantId: string,
  entityId: string,
  kind: "invoice" | "credit_note",
  number: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("invoices")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("business_entity_id", "=", entityId)
    .where("kind", "=", kind)
    .where("number", "=", number)
    .executeTakeFirst();
}
