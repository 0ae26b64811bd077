/**
 * What billing (src/modules/invoicing) reads and writes of contracts: a batch's booked
 * components, rated items and granted discounts, the claim of due contracts, the next billing
 * dates, and what a settlement or a voided document marks. Every query is tenant-scoped.
 */
import { type Expression, type Kysely, type RawBuilder, type Selectable, sql } from "kysely";
import { rowsOfContracts } from "../../storage/bulk.js";
import type {
  AdvanceBillingJson,
  ComponentSubscriptionsTable,
  DB,
  RatedItemsTable,
} from "../../storage/schema.js";
import { discountRows } from "../catalog/index.js";
import type { ContractRow } from "./contracts.repository.js";

/** The component subscriptions of several contracts, by contract, then id. */
export async function componentSubscriptionsOf(
  db: Kysely<DB>,
  tenantId: string,
  contractIds: readonly string[],
): Promise<Selectable<ComponentSubscriptionsTable>[]> {
  return rowsOfContracts(db, "component_subscriptions", contractIds, { tenantId, orderBy: "id" });
}

/** The rated items of several contracts, by contract, then id. */
export async function ratedItemsOf(
  db: Kysely<DB>,
  tenantId: string,
  contractIds: readonly string[],
): Promise<Selectable<RatedItemsTable>[]> {
  return rowsOfContracts(db, "rated_items", contractIds, { tenantId, orderBy: "id" });
}

/** The discounts granted to several contracts with their discounts' terms, by contract, then id. */
export async function discountGrantsOf(
  db: Kysely<DB>,
  tenantId: string,
  contractIds: readonly string[],
) {
  return db
    .selectFrom("discount_subscriptions as s")
    .innerJoin(discountRows(db).as("d"), "d.id", "s.discount_id")
    .select([
      "s.id",
      "s.contract_id",
      "s.start_at",
      "s.end_at",
      "s.duration_end_at",
      "d.name",
      "d.percent",
      "d.amount",
      "d.applies_to",
    ])
    .where("s.tenant_id", "=", tenantId)
    .where("s.contract_id", "in", contractIds)
    .orderBy("s.contract_id")
    .orderBy("s.id")
    .execute();
}

/**
 * The earliest next billing date of a tenant's due contracts (column `first_due`; none when
 * nothing is due), as a LATERAL subquery of another module's statement: `tenantId` and `asOf`
 * are that statement's expressions. Contracts of a frozen customer, and parked ones (their
 * settlement failed too often), are left out.
 */
export function firstDueContract(
  tenantId: Expression<string>,
  asOf: Expression<Date>,
  contractId?: string,
): RawBuilder<{ first_due: Date }> {
  const only = contractId ? sql`AND c.id = ${contractId}` : sql``;
  return sql<{ first_due: Date }>`
      SELECT c.next_billing_at AS first_due FROM contracts c
      WHERE c.tenant_id = ${tenantId}
        AND c.next_billing_at IS NOT NULL
        AND NOT c.billing_frozen
        AND c.settlement_parked_at IS NULL
        AND c.next_billing_at <= ${asOf}
        ${only}
      ORDER BY c.next_billing_at
      LIMIT 1`;
}

/**
 * Locks up to `size` of the tenant's contracts due by `asOf` that no other transaction holds
 * (SKIP LOCKED), earliest due first. Contracts of a frozen customer, and parked ones, are left
 * out.
 */
export async function lockDueContracts(
  db: Kysely<DB>,
  tenantId: string,
  asOf: Date,
  size: number,
  contractId?: string,
): Promise<ContractRow[]> {
  const only = contractId ? sql`AND c.id = ${contractId}` : sql``;
  const { rows } = await sql<ContractRow>`
      SELECT * FROM contracts c
      WHERE c.tenant_id = ${tenantId}
        AND c.next_billing_at IS NOT NULL
        AND NOT c.billing_frozen
        AND c.settlement_parked_at IS NULL
        AND c.next_billing_at <= ${asOf}
        ${only}
      ORDER BY c.next_billing_at, c.id
      LIMIT ${size}
      FOR UPDATE SKIP LOCKED`.execute(db);
  return rows;
}

/**
 * Each contract's next billing date (null: none), and when it was last settled, in one
 * statement; a settlement that succeeds clears the failures before it (and un-parks), in a
 * second statement for the contracts that had any (`failed`). The first sets only the two
 * columns no cached read shows, so it records no change for the read cache (migration 0072).
 */
export async function setBillingDates(
  db: Kysely<DB>,
  tenantId: string,
  dates: readonly { id: string; nextAt: Date | null; failed: boolean }[],
  now: Date,
): Promise<void> {
  if (dates.length === 0) return;
  await sql`
    UPDATE contracts c
    SET next_billing_at = d.next_at, last_billed_at = ${now}
    FROM unnest(${dates.map((d) => d.id)}::text[],
                ${dates.map((d) => (d.nextAt ? d.nextAt.toISOString() : null))}::timestamptz[])
         AS d(id, next_at)
    WHERE c.tenant_id = ${tenantId} AND c.id = d.id`.execute(db);
  const failed = dates.filter((d) => d.failed).map((d) => d.id);
  if (failed.length === 0) return;
  await sql`
    UPDATE contracts
    SET settlement_failures = 0, settlement_error = NULL, settlement_failed_at = NULL,
        settlement_parked_at = NULL
    WHERE tenant_id = ${tenantId} AND id = any(${failed}::text[])`.execute(db);
}

/** Whether a contract's row holds a settlement failure, which its next success clears. */
export function hasSettlementFailure(row: {
  settlement_failures: number;
  settlement_error: string | null;
  settlement_failed_at: Date | null;
  settlement_parked_at: Date | null;
}): boolean {
  return (
    row.settlement_failures !== 0 ||
    row.settlement_error !== null ||
    row.settlement_failed_at !== null ||
    row.settlement_parked_at !== null
  );
}

/** The contract's next billing date, set to `at` (a settlement that failed waits until then). */
export async function setNextBillingAt(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({ next_billing_at: at })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", contractId)
    .execute();
}

/**
 * A failed settlement of the contract: counted with its error; tried again at `retryAt`, or
 * parked (left out of billing runs until un-parked) when `retryAt` is null.
 */
export async function recordFailedSettlement(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  failure: { failures: number; error: string; failedAt: Date; retryAt: Date | null },
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({
      settlement_failures: failure.failures,
      settlement_error: failure.error,
      settlement_failed_at: failure.failedAt,
      ...(failure.retryAt
        ? { next_billing_at: failure.retryAt }
        : { settlement_parked_at: failure.failedAt }),
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", contractId)
    .execute();
}

/** Clears the contract's failed settlements and parking; billing looks at it at `dueAt`. */
export async function clearFailedSettlement(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  dueAt: Date,
  now: Date,
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({
      settlement_failures: 0,
      settlement_error: null,
      settlement_failed_at: null,
      settlement_parked_at: null,
      next_billing_at: dueAt,
      updated_at: now,
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", contractId)
    .execute();
}

/** Stores the contract's advance billing; billing looks at the contract at `now`. */
export async function setAdvanceBilling(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  advance: AdvanceBillingJson,
  now: Date,
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({ advance_billing: JSON.stringify(advance), updated_at: now, next_billing_at: now })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", contractId)
    .execute();
}

/**
 * The contract is due again at `at` unless it has a next billing date already (what a voided
 * document billed is billed again). Locks the contract's row either way.
 */
export async function billAgain(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({ next_billing_at: (eb) => eb.fn.coalesce("next_billing_at", eb.val(at)) })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", contractId)
    .execute();
}

/**
 * Marks rated items billed, in one statement: one on a new document gets its id, one without
 * a document (`invoiceId` null) is only stamped if it was not billed yet.
 */
export async function markRatedItemsBilled(
  db: Kysely<DB>,
  tenantId: string,
  items: readonly { id: string; invoiceId: string | null }[],
  now: Date,
): Promise<void> {
  if (items.length === 0) return;
  await sql`
      UPDATE rated_items r
      SET billed_at = ${now}, invoice_id = coalesce(m.invoice_id, r.invoice_id)
      FROM unnest(${items.map((m) => m.id)}::text[],
                  ${items.map((m) => m.invoiceId)}::text[]) AS m(id, invoice_id)
      WHERE r.tenant_id = ${tenantId} AND r.id = m.id
        AND (m.invoice_id IS NOT NULL OR r.billed_at IS NULL)`.execute(db);
}

/** The rated items a document billed are unbilled again (the document was voided). */
export async function unbillRatedItems(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<void> {
  await db
    .updateTable("rated_items")
    .set({ billed_at: null, invoice_id: null })
    .where("tenant_id", "=", tenantId)
    .where("invoice_id", "=", invoiceId)
    .execute();
}
