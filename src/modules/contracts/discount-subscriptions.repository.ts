import type { Insertable, Kysely, Selectable } from "kysely";
import type { DB, DiscountSubscriptionsTable } from "../../storage/schema.js";
import { discountsWithCurrency } from "../catalog/index.js";

export type DiscountSubscriptionRow = Selectable<DiscountSubscriptionsTable>;

export async function insertDiscountSubscription(
  db: Kysely<DB>,
  values: Insertable<DiscountSubscriptionsTable>,
): Promise<DiscountSubscriptionRow> {
  return db
    .insertInto("discount_subscriptions")
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findDiscountSubscription(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<DiscountSubscriptionRow | undefined> {
  let q = db
    .selectFrom("discount_subscriptions")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The discount subscriptions coupons of these orders granted (locked with `forUpdate`). */
export async function listOrderDiscountSubscriptions(
  db: Kysely<DB>,
  tenantId: string,
  orderIds: readonly string[],
  options: { forUpdate?: boolean } = {},
): Promise<DiscountSubscriptionRow[]> {
  if (orderIds.length === 0) return [];
  let q = db
    .selectFrom("discount_subscriptions")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("order_id", "in", orderIds)
    .orderBy("id");
  if (options.forUpdate) q = q.forUpdate();
  return q.execute();
}

export async function deleteDiscountSubscription(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<void> {
  await db
    .deleteFrom("discount_subscriptions")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

/** Sets a discount subscription's explicit end. */
export async function endDiscountSubscriptionAt(
  db: Kysely<DB>,
  id: string,
  end: Date,
): Promise<DiscountSubscriptionRow> {
  return db
    .updateTable("discount_subscriptions")
    .set({ end_at: end })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A contract's discount subscriptions by id, each with its discount (columns prefixed `d_`)
 * and the currency of the discount's plan group, in one statement.
 */
export async function discountSubscriptionsWithDiscounts(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
) {
  return db
    .selectFrom("discount_subscriptions as s")
    .innerJoin(discountsWithCurrency(db).as("d"), "d.id", "s.discount_id")
    .selectAll("s")
    .select([
      "d.id as d_id",
      "d.tenant_id as d_tenant_id",
      "d.plan_group_id as d_plan_group_id",
      "d.name as d_name",
      "d.description as d_description",
      "d.kind as d_kind",
      "d.percent as d_percent",
      "d.amount as d_amount",
      "d.applies_to as d_applies_to",
      "d.duration as d_duration",
      "d.created_at as d_created_at",
      "d.currency",
    ])
    .where("s.tenant_id", "=", tenantId)
    .where("s.contract_id", "=", contractId)
    .orderBy("s.id")
    .execute();
}
