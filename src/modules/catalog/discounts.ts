/**
 * Discounts and coupons. A discount belongs to a plan group (its currency) and takes a
 * percentage, or a fixed amount in minor units, off the recurring fee, the components, or
 * both, for ever or for a period from the start of the discount subscription. A coupon is a
 * code (unique per tenant, case-insensitive) that grants one discount when an order carrying
 * it succeeds, until `valid_until` and at most `max_redemptions` times.
 *
 * Discounts are stored, not applied: the billing engine reads a contract's discount
 * subscriptions (src/modules/contracts/discount-subscriptions.ts) and prices them.
 */
import type { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { conflict, notFound, unprocessable } from "../../domain/errors.js";
import { parseDecimal } from "../../domain/money/index.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import { type Ctx, dateOf } from "../context.js";
import { fetchPage, type Page } from "../pagination.js";
import { findInTenant } from "./catalog.repository.js";
import type { CouponSchema, DiscountSchema } from "./catalog.schemas.js";
import {
  type CouponRow,
  type DiscountRow,
  findCouponRow,
  findCouponRowByCode,
  findDiscountRow,
  insertCoupon,
  insertDiscount,
  listCouponRows,
  listDiscountRows,
  setRedemptionCount,
} from "./discounts.repository.js";

export type { CouponRow, DiscountRow };

/** A discount as answered; DiscountSchema defines it. */
export type Discount = Static<typeof DiscountSchema>;

/** A coupon as answered; CouponSchema defines it. */
export type Coupon = Static<typeof CouponSchema>;

export type DiscountInput = {
  plan_group_id: string;
  name: string;
  description?: string | undefined;
  percent?: string | undefined;
  amount?: string | undefined;
  applies_to?: Discount["applies_to"] | undefined;
  duration?: Discount["duration"] | undefined;
};

export type CouponInput = {
  code: string;
  discount_id: string;
  valid_until?: string | undefined;
  max_redemptions?: number | undefined;
};

export const toDiscount = (r: DiscountRow, currency: string): Discount => ({
  id: r.id,
  plan_group_id: r.plan_group_id,
  currency,
  name: r.name,
  description: r.description,
  kind: r.kind,
  percent: r.percent === null ? null : parseDecimal(r.percent).toFixed(),
  amount: r.amount,
  applies_to: r.applies_to,
  duration: r.duration ?? "forever",
  created_at: r.created_at.toISOString(),
});

export const toCoupon = (r: CouponRow): Coupon => ({
  id: r.id,
  code: r.code,
  discount_id: r.discount_id,
  valid_until: r.valid_until ? r.valid_until.toISOString() : null,
  max_redemptions: r.max_redemptions,
  redemption_count: r.redemption_count,
  created_at: r.created_at.toISOString(),
});

async function currencyOf(ctx: Ctx, planGroupId: string): Promise<string> {
  const group = await findInTenant(ctx.db, "plan_groups", ctx.tenantId, planGroupId);
  if (!group) throw notFound("plan_group_not_found", `no plan group ${planGroupId}`);
  return group.currency;
}

export async function findDiscount(
  ctx: Ctx,
  id: string,
): Promise<{ row: DiscountRow; discount: Discount } | undefined> {
  const row = await findDiscountRow(ctx.db, ctx.tenantId, id);
  return row && { row, discount: toDiscount(row, await currencyOf(ctx, row.plan_group_id)) };
}

export async function createDiscount(ctx: Ctx, input: DiscountInput): Promise<Discount> {
  const group = await findInTenant(ctx.db, "plan_groups", ctx.tenantId, input.plan_group_id);
  if (!group) {
    throw unprocessable("unknown_plan_group", `no plan group ${input.plan_group_id}`, {
      field: "plan_group_id",
      id: input.plan_group_id,
    });
  }
  if ((input.percent === undefined) === (input.amount === undefined)) {
    throw unprocessable(
      "discount_value_required",
      "a discount takes either percent (a percentage) or amount (a fixed amount in minor units)",
      { field: "percent" },
    );
  }
  if (input.percent !== undefined) {
    const percent = parseDecimal(input.percent);
    if (percent.lte(0) || percent.gt(100)) {
      throw unprocessable("invalid_percent", "percent is above 0 and at most 100", {
        field: "percent",
      });
    }
  }
  const row = await insertDiscount(ctx.db, {
    id: newId("discount"),
    tenant_id: ctx.tenantId,
    plan_group_id: group.id,
    name: input.name,
    description: input.description ?? null,
    kind: input.percent !== undefined ? "percentage" : "fixed_amount",
    percent: input.percent ?? null,
    amount: input.amount ?? null,
    applies_to: input.applies_to ?? "all",
    duration:
      input.duration === undefined || input.duration === "forever" ? null : toJson(input.duration),
    created_at: dateOf(ctx.clock.now()),
  });
  const discount = toDiscount(row, group.currency);
  ctx.audit({ targetType: "discount", targetId: row.id, after: discount });
  await ctx.emit({
    type: "discount.created",
    subjectType: "discount",
    subjectId: row.id,
    payload: discount,
  });
  return discount;
}

export async function getDiscount(ctx: Ctx, id: string): Promise<Discount> {
  const found = await findDiscount(ctx, id);
  if (!found) throw notFound("discount_not_found", `no discount ${id}`, { id });
  return found.discount;
}

export async function listDiscounts(
  ctx: Ctx,
  req: { limit: number; cursor?: string | undefined; parentId?: string | undefined },
): Promise<Page<Discount>> {
  return fetchPage(
    req.limit,
    (n) =>
      listDiscountRows(ctx.db, ctx.tenantId, {
        limit: n,
        cursor: req.cursor,
        planGroupId: req.parentId,
      }),
    ({ currency, ...r }) => toDiscount(r, currency),
  );
}

// ---- coupons --------------------------------------------------------------------------------

export async function createCoupon(ctx: Ctx, input: CouponInput): Promise<Coupon> {
  const discount = await findDiscount(ctx, input.discount_id);
  if (!discount) {
    throw unprocessable("unknown_discount", `no discount ${input.discount_id}`, {
      field: "discount_id",
      id: input.discount_id,
    });
  }
  if (await findCouponByCode(ctx, input.code)) {
    throw conflict("coupon_code_taken", `coupon code "${input.code}" is taken`, {
      field: "code",
    });
  }
  const row = await insertCoupon(ctx.db, {
    id: newId("coupon"),
    tenant_id: ctx.tenantId,
    code: input.code,
    discount_id: discount.row.id,
    valid_until:
      input.valid_until === undefined
        ? null
        : dateOf(parseTimestamp(input.valid_until, "valid_until")),
    max_redemptions: input.max_redemptions ?? null,
    created_at: dateOf(ctx.clock.now()),
  });
  const coupon = toCoupon(row);
  ctx.audit({ targetType: "coupon", targetId: row.id, after: coupon });
  await ctx.emit({
    type: "coupon.created",
    subjectType: "coupon",
    subjectId: row.id,
    payload: coupon,
  });
  return coupon;
}

export async function getCoupon(ctx: Ctx, id: string): Promise<Coupon> {
  const row = await findCouponRow(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("coupon_not_found", `no coupon ${id}`, { id });
  return toCoupon(row);
}

export async function listCoupons(
  ctx: Ctx,
  req: { limit: number; cursor?: string | undefined; parentId?: string | undefined },
): Promise<Page<Coupon>> {
  return fetchPage(
    req.limit,
    (n) =>
      listCouponRows(ctx.db, ctx.tenantId, {
        limit: n,
        cursor: req.cursor,
        discountId: req.parentId,
      }),
    toCoupon,
  );
}

/** The coupon with this code (case-insensitive), optionally locked. */
export async function findCouponByCode(
  ctx: Ctx,
  code: string,
  options: { forUpdate?: boolean } = {},
): Promise<CouponRow | undefined> {
  return findCouponRowByCode(ctx.db, ctx.tenantId, code, options);
}

/**
 * The coupon and discount a code grants for a contract of `planGroupId` at `at`, or the
 * reason it grants none: unknown, expired, used up, or for another plan group.
 */
export async function redeemableCoupon(
  ctx: Ctx,
  input: { code: string; planGroupId: string; at: Temporal.Instant; forUpdate?: boolean },
  field = "coupon_code",
): Promise<{ coupon: CouponRow; discount: DiscountRow }> {
  const coupon = await findCouponByCode(ctx, input.code, { forUpdate: input.forUpdate });
  if (!coupon) {
    throw unprocessable("unknown_coupon", `no coupon with code "${input.code}"`, { field });
  }
  if (coupon.valid_until && coupon.valid_until.getTime() <= input.at.epochMilliseconds) {
    throw unprocessable("coupon_expired", `coupon "${coupon.code}" expired`, {
      field,
      valid_until: coupon.valid_until.toISOString(),
    });
  }
  if (coupon.max_redemptions !== null && coupon.redemption_count >= coupon.max_redemptions) {
    throw unprocessable("coupon_exhausted", `coupon "${coupon.code}" is used up`, {
      field,
      max_redemptions: coupon.max_redemptions,
    });
  }
  const discount = (await findDiscount(ctx, coupon.discount_id))!.row;
  if (discount.plan_group_id !== input.planGroupId) {
    throw unprocessable(
      "coupon_not_applicable",
      `coupon "${coupon.code}" is for another plan group`,
      { field },
    );
  }
  return { coupon, discount };
}

/** Counts one redemption of a coupon checked by redeemableCoupon (locked). */
export async function countRedemption(ctx: Ctx, before: CouponRow): Promise<Coupon> {
  const row = await setRedemptionCount(ctx.db, before.id, before.redemption_count + 1);
  const after = toCoupon(row);
  ctx.audit({ targetType: "coupon", targetId: row.id, before: toCoupon(before), after });
  await ctx.emit({
    type: "coupon.redeemed",
    subjectType: "coupon",
    subjectId: row.id,
    payload: after,
  });
  return after;
}
