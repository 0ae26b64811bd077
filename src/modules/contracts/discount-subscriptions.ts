/**
 * Discount subscriptions: a discount granted to a contract from a start, until it is ended or
 * its duration runs out (start + duration in the customer's time zone, stored at grant as
 * `duration_end_at`). Granted directly, or by a coupon when its order succeeds. The billing
 * engine reads them with {@link discountsForBilling}; nothing here prices anything.
 */
import type { Kysely } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import { parseTimestamp, periodDuration } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import type { DB, PeriodValue } from "../../storage/schema.js";
import { type Discount, type DiscountRow, findDiscount, toDiscount } from "../catalog/index.js";
import { type Ctx, dateOf } from "../context.js";
import { findCustomer } from "../customers/index.js";

import { assertAfterBilledUntil } from "./billed-until.js";
import { type ContractRow, findContract } from "./contracts.repository.js";
import type { DiscountSubscriptionSchema } from "./contracts.schemas.js";
import {
  discountSubscriptionsWithDiscounts,
  endDiscountSubscriptionAt,
  findDiscountSubscription,
  insertDiscountSubscription,
  type DiscountSubscriptionRow as Row,
} from "./discount-subscriptions.repository.js";

/** A discount subscription as the API returns it. */
export type DiscountSubscription = Static<typeof DiscountSubscriptionSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toInstant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

function effectiveEnd(r: Pick<Row, "end_at" | "duration_end_at">): Date | null {
  if (r.end_at && r.duration_end_at)
    return r.end_at < r.duration_end_at ? r.end_at : r.duration_end_at;
  return r.end_at ?? r.duration_end_at;
}

const toSubscription = (r: Row, discount: Discount): DiscountSubscription => ({
  id: r.id,
  contract_id: r.contract_id,
  discount_id: r.discount_id,
  coupon_id: r.coupon_id,
  order_id: r.order_id,
  start_date: r.start_at.toISOString(),
  end_date: iso(r.end_at),
  duration_end_date: iso(r.duration_end_at),
  effective_end_date: iso(effectiveEnd(r)),
  discount,
  created_at: r.created_at.toISOString(),
});

/** The contract an operation works on: checked against the transfer rules. */
async function contractOf(ctx: Ctx, id: string, forUpdate = false): Promise<ContractRow> {
  const row = await findContract(ctx.db, ctx.tenantId, id, { forUpdate });
  if (!row) throw notFound("contract_not_found", `no contract ${id}`, { id });
  await ctx.guard({ kind: "contract", row });
  return row;
}

/** Where a duration from `start` runs out, in the customer's time zone, in one step. */
function durationEnd(start: Temporal.Instant, duration: PeriodValue, timeZone: string) {
  return start.toZonedDateTimeISO(timeZone).add(periodDuration(duration)).toInstant();
}

/** Grants `discount` on `contract` from `start` (within the contract), audited and evented. */
export async function grantDiscount(
  ctx: Ctx,
  contract: ContractRow,
  discount: DiscountRow,
  start: Temporal.Instant,
  source: { couponId?: string; orderId?: string; field?: string } = {},
): Promise<DiscountSubscription> {
  const field = source.field ?? "discount_id";
  if (discount.plan_group_id !== contract.plan_group_id) {
    throw unprocessable(
      "discount_not_applicable",
      "a discount applies to contracts of its own plan group (its currency)",
      { field },
    );
  }
  assertAfterBilledUntil(contract, start, "start_date");
  if (start.epochMilliseconds < contract.start_at.getTime()) {
    throw unprocessable("start_before_contract", "a discount cannot start before its contract", {
      field: "start_date",
    });
  }
  if (contract.end_at && start.epochMilliseconds >= contract.end_at.getTime()) {
    throw unprocessable("contract_ended", "the contract has ended by then", {
      field: "start_date",
    });
  }
  const customer = await findCustomer(ctx.db, ctx.tenantId, contract.customer_id);
  if (!customer) throw notFound("customer_not_found", `no customer ${contract.customer_id}`);
  const row = await insertDiscountSubscription(ctx.db, {
    id: newId("discountSubscription"),
    tenant_id: ctx.tenantId,
    contract_id: contract.id,
    discount_id: discount.id,
    coupon_id: source.couponId ?? null,
    order_id: source.orderId ?? null,
    start_at: dateOf(start),
    end_at: null,
    duration_end_at: discount.duration
      ? dateOf(durationEnd(start, discount.duration, customer.time_zone))
      : null,
    created_at: dateOf(ctx.clock.now()),
  });
  const group = (await findDiscount(ctx, discount.id))!.discount;
  const subscription = toSubscription(row, group);
  ctx.audit({ targetType: "discount_subscription", targetId: row.id, after: subscription });
  await ctx.emit({
    type: "discount_subscription.created",
    subjectType: "contract",
    subjectId: contract.id,
    payload: subscription,
  });
  return subscription;
}

export async function addDiscountSubscription(
  ctx: Ctx,
  contractId: string,
  input: { discount_id: string; start_date?: string | undefined },
): Promise<DiscountSubscription> {
  const contract = await contractOf(ctx, contractId, true);
  const found = await findDiscount(ctx, input.discount_id);
  if (!found) {
    throw unprocessable("unknown_discount", `no discount ${input.discount_id}`, {
      field: "discount_id",
      id: input.discount_id,
    });
  }
  const start =
    input.start_date === undefined
      ? ctx.clock.now()
      : parseTimestamp(input.start_date, "start_date");
  return grantDiscount(ctx, contract, found.row, start);
}

type Joined = Awaited<ReturnType<typeof discountSubscriptionsWithDiscounts>>[number];

const split = (j: Joined): { row: Row; discount: DiscountRow; currency: string } => ({
  row: {
    id: j.id,
    tenant_id: j.tenant_id,
    contract_id: j.contract_id,
    discount_id: j.discount_id,
    coupon_id: j.coupon_id,
    order_id: j.order_id,
    start_at: j.start_at,
    end_at: j.end_at,
    duration_end_at: j.duration_end_at,
    created_at: j.created_at,
  },
  discount: {
    id: j.d_id,
    tenant_id: j.d_tenant_id,
    plan_group_id: j.d_plan_group_id,
    name: j.d_name,
    description: j.d_description,
    kind: j.d_kind,
    percent: j.d_percent,
    amount: j.d_amount,
    applies_to: j.d_applies_to,
    duration: j.d_duration,
    created_at: j.d_created_at,
  },
  currency: j.currency,
});

export async function listDiscountSubscriptions(
  ctx: Ctx,
  contractId: string,
): Promise<DiscountSubscription[]> {
  await contractOf(ctx, contractId);
  const rows = await discountSubscriptionsWithDiscounts(ctx.db, ctx.tenantId, contractId);
  return rows.map((j) => {
    const { row, discount, currency } = split(j);
    return toSubscription(row, toDiscount(discount, currency));
  });
}

/** Ends a discount subscription at `end_date` (after its start); ending again moves the end. */
export async function endDiscountSubscription(
  ctx: Ctx,
  id: string,
  input: { end_date: string },
): Promise<DiscountSubscription> {
  const before = await findDiscountSubscription(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!before) {
    throw notFound("discount_subscription_not_found", `no discount subscription ${id}`, { id });
  }
  await contractOf(ctx, before.contract_id);
  const end = parseTimestamp(input.end_date, "end_date");
  if (Temporal.Instant.compare(end, toInstant(before.start_at)) <= 0) {
    throw unprocessable("end_before_start", "the end date must be after the start date", {
      field: "end_date",
    });
  }
  const row = await endDiscountSubscriptionAt(ctx.db, id, dateOf(end));
  const discount = (await findDiscount(ctx, row.discount_id))!.discount;
  const after = toSubscription(row, discount);
  ctx.audit({
    targetType: "discount_subscription",
    targetId: id,
    before: toSubscription(before, discount),
    after,
  });
  await ctx.emit({
    type: "discount_subscription.ended",
    subjectType: "contract",
    subjectId: row.contract_id,
    payload: after,
  });
  return after;
}

/** What the billing engine reads: each discount of a contract with its definition and span. */
export type BillableDiscount = {
  id: string;
  discount: DiscountRow;
  currency: string;
  start: Temporal.Instant;
  /** Exclusive end: the explicit end or the end of the duration, whichever is first; null: open. */
  end: Temporal.Instant | null;
};

export async function discountsForBilling(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
): Promise<BillableDiscount[]> {
  const rows = await discountSubscriptionsWithDiscounts(db, tenantId, contractId);
  return rows.map((j) => {
    const { row, discount, currency } = split(j);
    const end = effectiveEnd(row);
    return {
      id: row.id,
      discount,
      currency,
      start: toInstant(row.start_at),
      end: end ? toInstant(end) : null,
    };
  });
}
