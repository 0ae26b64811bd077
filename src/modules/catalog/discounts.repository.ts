/** Discounts and coupons: their rows, scoped to a tenant. */
import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { CouponsTable, DB, DiscountsTable } from "../../storage/schema.js";

export type DiscountRow = Selectable<DiscountsTable>;
export type CouponRow = Selectable<CouponsTable>;

/** The tenant's discount with that id. */
export async function findDiscountRow(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<DiscountRow | undefined> {
  return db
    .selectFrom("discounts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Stores a new discount. */
export async function insertDiscount(
  db: Kysely<DB>,
  values: Insertable<DiscountsTable>,
): Promise<DiscountRow> {
  return db.insertInto("discounts").values(values).returningAll().executeTakeFirstOrThrow();
}

/** A page of the tenant's discounts in id order, each with its plan group's currency. */
export async function listDiscountRows(
  db: Kysely<DB>,
  tenantId: string,
  page: { limit: number; cursor?: string | undefined; planGroupId?: string | undefined },
): Promise<(DiscountRow & { currency: string })[]> {
  let q = db
    .selectFrom("discounts")
    .innerJoin("plan_groups", "plan_groups.id", "discounts.plan_group_id")
    .selectAll("discounts")
    .select("plan_groups.currency")
    .where("discounts.tenant_id", "=", tenantId);
  if (page.cursor) q = q.where("discounts.id", ">", page.cursor);
  if (page.planGroupId) q = q.where("discounts.plan_group_id", "=", page.planGroupId);
  return q.orderBy("discounts.id").limit(page.limit).execute();
}

/** Stores a new coupon. */
export async function insertCoupon(
  db: Kysely<DB>,
  values: Insertable<CouponsTable>,
): Promise<CouponRow> {
  return db.insertInto("coupons").values(values).returningAll().executeTakeFirstOrThrow();
}

/** The tenant's coupon with that id. */
export async function findCouponRow(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<CouponRow | undefined> {
  return db
    .selectFrom("coupons")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** A page of the tenant's coupons in id order. */
export async function listCouponRows(
  db: Kysely<DB>,
  tenantId: string,
  page: { limit: number; cursor?: string | undefined; discountId?: string | undefined },
): Promise<CouponRow[]> {
  let q = db.selectFrom("coupons").selectAll().where("tenant_id", "=", tenantId);
  if (page.cursor) q = q.where("id", ">", page.cursor);
  if (page.discountId) q = q.where("discount_id", "=", page.discountId);
  return q.orderBy("id").limit(page.limit).execute();
}

/** The tenant's coupon with this code (case-insensitive), optionally locked. */
export async function findCouponRowByCode(
  db: Kysely<DB>,
  tenantId: string,
  code: string,
  options: { forUpdate?: boolean | undefined } = {},
): Promise<CouponRow | undefined> {
  let q = db
    .selectFrom("coupons")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where(sql<string>`lower(code)`, "=", code.toLowerCase());
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Sets a coupon's redemption count; returns the coupon as now stored. */
export async function setRedemptionCount(
  db: Kysely<DB>,
  id: string,
  count: number,
): Promise<CouponRow> {
  return db
    .updateTable("coupons")
    .set({ redemption_count: count })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Discounts with their plan group's currency, as a subquery for another module's statement
 * to join (by `id`): `.innerJoin(discountsWithCurrency(db).as("d"), "d.id", …)`.
 */
export function discountsWithCurrency(db: Kysely<DB>) {
  return db
    .selectFrom("discounts as d")
    .innerJoin("plan_groups as g", "g.id", "d.plan_group_id")
    .selectAll("d")
    .select("g.currency");
}
