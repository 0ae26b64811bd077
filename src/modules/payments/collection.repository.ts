import { type Kysely, type Selectable, sql } from "kysely";
import type { CollectionAttemptsTable, DB, PaymentsTable } from "../../storage/schema.js";
import { customerCollectionSettings } from "../customers/index.js";
import { invoicesAsI } from "../invoicing/index.js";
import { tenantSettings } from "../tenants/index.js";
import { INVOICE_DUE } from "./payments.repository.js";

export type CollectionAttemptRow = Selectable<CollectionAttemptsTable> & {
  /** The status of the attempt's payment now (a pending one may have settled since). */
  payment_status: PaymentsTable["status"] | null;
};

/** An attempt, or payment, that waits: for the gateway (pending) or for the customer. */
const WAITING = ["pending", "requires_action"] as const;

/**
 * Issued invoices of every tenant the collection worker has something to do with, by id after
 * `after`, at most `limit`:
 * - one whose latest attempt is pending (or waits for the customer's authentication) and whose
 *   payment has settled since;
 * - one that owes, of a customer with `auto_collection` on, with a primary or backup payment
 *   source and no payment pending in the invoice's currency, whose collection is not started,
 *   or whose latest attempt succeeded (money that went elsewhere), or failed with the next
 *   attempt due by its tenant's clock (`systemNow` for tenants on the system clock).
 */
export async function collectableInvoiceIds(
  db: Kysely<DB>,
  after: string,
  limit: number,
  systemNow: Date,
): Promise<string[]> {
  const rows = await invoicesAsI(db)
    .innerJoin(tenantSettings(db).as("t"), "t.id", "i.tenant_id")
    .innerJoin(customerCollectionSettings(db).as("c"), "c.id", "i.customer_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("collection_attempts as a")
          .leftJoin("payments as p", "p.id", "a.payment_id")
          .select(["a.status", "a.next_attempt_at", "p.status as payment_status"])
          .whereRef("a.invoice_id", "=", "i.id")
          .orderBy("a.attempt", "desc")
          .limit(1)
          .as("last"),
      (join) => join.onTrue(),
    )
    .select(["i.id"])
    .where("i.kind", "=", "invoice")
    .where("i.status", "=", "finalized")
    .where("i.id", ">", after)
    .where((eb) =>
      eb.or([
        // a pending attempt (or one waiting for the customer) settled since: recorded, whatever
        // the invoice owes now
        eb.and([eb("last.status", "in", WAITING), eb("last.payment_status", "not in", WAITING)]),
        eb.and([
          eb("c.auto_collection", "=", "on"),
          eb.or([
            eb("last.status", "is", null),
            eb("last.status", "=", "succeeded"),
            eb.and([
              eb("last.status", "=", "failed"),
              eb("last.next_attempt_at", "<=", sql<Date>`coalesce(t.test_clock_now, ${systemNow})`),
            ]),
          ]),
          sql<boolean>`${INVOICE_DUE} > 0`,
          sql<boolean>`EXISTS (SELECT 1 FROM payment_sources s
            WHERE s.tenant_id = i.tenant_id AND s.customer_id = i.customer_id
              AND s.role <> 'none' AND s.deleted_at IS NULL)`,
          sql<boolean>`NOT EXISTS (SELECT 1 FROM payments p
            WHERE p.tenant_id = i.tenant_id AND p.customer_id = i.customer_id
              AND p.currency = i.currency AND p.status IN ('pending', 'requires_action'))`,
        ]),
      ]),
    )
    .orderBy("i.id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * An invoice to collect, locked (skipped when another worker holds it), with what it still
 * owes, its customer's `auto_collection`, and its tenant's clock and retry schedule.
 */
export function lockInvoiceToCollect(db: Kysely<DB>, invoiceId: string) {
  return invoicesAsI(db)
    .innerJoin(tenantSettings(db).as("t"), "t.id", "i.tenant_id")
    .innerJoin(customerCollectionSettings(db).as("c"), "c.id", "i.customer_id")
    .select([
      "i.id",
      "i.tenant_id",
      "i.customer_id",
      "i.number",
      "i.kind",
      "i.status",
      "i.currency",
      "t.test_clock_now",
      "t.collection_retry_days",
      "c.auto_collection",
      sql<string>`${INVOICE_DUE}`.as("due"),
    ])
    .where("i.id", "=", invoiceId)
    .forUpdate("i")
    .skipLocked()
    .executeTakeFirst();
}

/** The invoice's collection attempts, first first, each with its payment's status now. */
export function collectionAttempts(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<CollectionAttemptRow[]> {
  return db
    .selectFrom("collection_attempts as a")
    .leftJoin("payments as p", "p.id", "a.payment_id")
    .selectAll("a")
    .select("p.status as payment_status")
    .where("a.tenant_id", "=", tenantId)
    .where("a.invoice_id", "=", invoiceId)
    .orderBy("a.attempt")
    .execute();
}

/** Records an attempt; a second record of the same attempt number violates the primary key. */
export async function insertCollectionAttempt(
  db: Kysely<DB>,
  row: {
    tenant_id: string;
    invoice_id: string;
    attempt: number;
    status: CollectionAttemptRow["status"];
    payment_source_id: string;
    payment_id: string;
    payment_ids: readonly string[];
    attempted_at: Date;
    next_attempt_at: Date | null;
  },
): Promise<void> {
  await db
    .insertInto("collection_attempts")
    .values({ ...row, payment_ids: JSON.stringify(row.payment_ids) })
    .execute();
}

/**
 * Records how a pending attempt (or one that waited for the customer) settled, and when the
 * next attempt is due (if any).
 */
export async function settleCollectionAttempt(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
  attempt: number,
  values: { status: "succeeded" | "failed"; settled_at: Date; next_attempt_at: Date | null },
): Promise<void> {
  await db
    .updateTable("collection_attempts")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("invoice_id", "=", invoiceId)
    .where("attempt", "=", attempt)
    .where("status", "in", WAITING)
    .execute();
}
