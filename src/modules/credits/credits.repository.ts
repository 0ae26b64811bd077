/**
 * Storage of the promotional credit ledger. A balance is the sum of a customer's entries in
 * one currency; every query is tenant-scoped.
 */
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB, PromotionalCreditEntriesTable } from "../../storage/schema.js";

export type CreditEntryRow = Selectable<PromotionalCreditEntriesTable>;

export type CreditBalance = { customerId: string; currency: string; balance: bigint };

/**
 * The customers' balances per currency, in one statement, ordered by customer and currency.
 * `positive`: only the balances above zero (what could be applied to an invoice).
 */
export async function balancesOf(
  db: Kysely<DB>,
  tenantId: string,
  customerIds: readonly string[],
  options: { positive?: boolean } = {},
): Promise<CreditBalance[]> {
  if (customerIds.length === 0) return [];
  let q = db
    .selectFrom("promotional_credit_entries")
    .select(["customer_id", "currency", sql<string>`sum(amount)`.as("balance")])
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "in", customerIds)
    .groupBy(["customer_id", "currency"]);
  if (options.positive) q = q.having(sql<boolean>`sum(amount) > 0`);
  const rows = await q.orderBy("customer_id").orderBy("currency").execute();
  return rows.map((r) => ({
    customerId: r.customer_id,
    currency: r.currency,
    balance: BigInt(r.balance),
  }));
}

/** One customer's balance in one currency (0 when it has no entry there). */
export async function balanceIn(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  currency: string,
): Promise<bigint> {
  const row = await db
    .selectFrom("promotional_credit_entries")
    .select(sql<string | null>`sum(amount)`.as("balance"))
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("currency", "=", currency)
    .executeTakeFirst();
  return BigInt(row?.balance ?? "0");
}

export type NewCreditEntry = {
  id: string;
  tenantId: string;
  customerId: string;
  currency: string;
  kind: CreditEntryRow["kind"];
  amount: bigint;
  balanceAfter: bigint;
  description: string | null;
  reference: string | null;
  createdAt: Date;
};

/** Writes ledger entries, in one statement. */
export async function insertEntries(
  db: Kysely<DB>,
  entries: readonly NewCreditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("promotional_credit_entries")
    .values(
      entries.map((e) => ({
        id: e.id,
        tenant_id: e.tenantId,
        customer_id: e.customerId,
        currency: e.currency,
        kind: e.kind,
        amount: e.amount,
        balance_after: e.balanceAfter,
        description: e.description,
        reference: e.reference,
        created_at: e.createdAt,
      })),
    )
    .execute();
}

/** The customer's entries before `cursor` by id, newest first, at most `limit`. */
export function listEntryRows(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  query: { limit: number; cursor?: string | undefined; currency?: string | undefined },
): Promise<CreditEntryRow[]> {
  let q = db
    .selectFrom("promotional_credit_entries")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId);
  if (query.currency) q = q.where("currency", "=", query.currency);
  if (query.cursor) q = q.where("id", "<", query.cursor);
  return q.orderBy("id", "desc").limit(query.limit).execute();
}
