import { type Kysely, sql } from "kysely";
import type { DB } from "../../storage/schema.js";
import { invoicesAsI } from "../invoicing/index.js";
import { tenantSettings } from "../tenants/index.js";
import { INVOICE_DUE } from "./payments.repository.js";

/**
 * Issued invoices of every tenant that still owe, whose dunning was not stopped and that have
 * dunning steps left to notice, by id after `after`, at most `limit`.
 */
export async function dunnableInvoiceIds(
  db: Kysely<DB>,
  after: string,
  limit: number,
): Promise<string[]> {
  const rows = await invoicesAsI(db)
    .innerJoin(tenantSettings(db).as("t"), "t.id", "i.tenant_id")
    .select(["i.id"])
    .where("i.kind", "=", "invoice")
    .where("i.status", "=", "finalized")
    .where("i.dunning_stopped_at", "is", null)
    .where("i.id", ">", after)
    .where(sql<boolean>`jsonb_array_length(t.dunning_steps) > 0`)
    .where(
      sql<boolean>`(SELECT count(*) FROM dunning_notices n WHERE n.invoice_id = i.id)
          < jsonb_array_length(t.dunning_steps)`,
    )
    .where(sql<boolean>`${INVOICE_DUE} > 0`)
    .orderBy("i.id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * An invoice to dun, locked (skipped when another worker holds it), with what it still owes,
 * whether its dunning was stopped, and its tenant's clock and dunning steps.
 */
export function lockInvoiceToDun(db: Kysely<DB>, invoiceId: string) {
  return invoicesAsI(db)
    .innerJoin(tenantSettings(db).as("t"), "t.id", "i.tenant_id")
    .select([
      "i.id",
      "i.tenant_id",
      "i.customer_id",
      "i.contract_id",
      "i.number",
      "i.issue_date",
      "i.currency",
      "i.dunning_stopped_at",
      "t.test_clock_now",
      "t.dunning_steps",
      sql<string>`${INVOICE_DUE}`.as("due"),
    ])
    .where("i.id", "=", invoiceId)
    .forUpdate("i")
    .skipLocked()
    .executeTakeFirst();
}

/** What the tenant's invoice still owes, in minor units (0 when there is no such invoice). */
export async function invoiceDue(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<bigint> {
  const row = await invoicesAsI(db)
    .select(sql<string>`${INVOICE_DUE}`.as("due"))
    .where("i.tenant_id", "=", tenantId)
    .where("i.id", "=", invoiceId)
    .executeTakeFirst();
  return row ? BigInt(row.due) : 0n;
}

/** How many of the customer's payments in `currency` failed since `since`. */
export async function countFailedPayments(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  currency: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom("payments")
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("status", "=", "failed")
    .where("currency", "=", currency)
    .where("received_at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The dunning levels already noticed for an invoice. */
export async function noticedLevels(db: Kysely<DB>, invoiceId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("dunning_notices")
    .select("level")
    .where("invoice_id", "=", invoiceId)
    .execute();
  return rows.map((n) => n.level);
}

/** Records that an invoice reached a dunning step. */
export async function insertDunningNotice(
  db: Kysely<DB>,
  notice: { tenantId: string; invoiceId: string; level: number; name: string; reachedAt: Date },
): Promise<void> {
  await db
    .insertInto("dunning_notices")
    .values({
      tenant_id: notice.tenantId,
      invoice_id: notice.invoiceId,
      level: notice.level,
      name: notice.name,
      reached_at: notice.reachedAt,
    })
    .execute();
}
