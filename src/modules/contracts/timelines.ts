/**
 * The timeline a signup order's contract starts with: its plan variant's trial and paid phases,
 * and an end after the first contract term when the variant asks for one, in the customer's
 * time zone; and the lookup of a plan variant with its plan and plan group that orders share.
 */
import { Temporal } from "temporal-polyfill";
import { endAt, type Phase, type Timeline } from "../../domain/contracts/phases.js";
import { notFound, unprocessable } from "../../domain/errors.js";
import { contractTermEndAt, periodDuration } from "../../domain/time/index.js";
import type { PeriodValue } from "../../storage/schema.js";
import { findInTenant } from "../catalog/index.js";
import type { Ctx } from "../context.js";
import { type CustomerRow, findCustomer } from "../customers/index.js";
import { firstBillingDate } from "./billing-date.js";
import type { OrderRow } from "./contracts.repository.js";

const toInstant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

/** A plan variant with its plan and plan group; refused when the tenant has no such variant. */
export async function variantWithPlan(ctx: Ctx, variantId: string, field: string) {
  const variant = await findInTenant(ctx.db, "plan_variants", ctx.tenantId, variantId);
  if (!variant) {
    throw unprocessable("unknown_plan_variant", `no plan variant ${variantId}`, {
      field,
      id: variantId,
    });
  }
  const plan = await findInTenant(ctx.db, "plans", ctx.tenantId, variant.plan_id);
  const group =
    plan && (await findInTenant(ctx.db, "plan_groups", ctx.tenantId, plan.plan_group_id));
  if (!plan || !group) throw notFound("plan_not_found", `no plan ${variant.plan_id}`);
  return { variant, plan, group };
}

/** Adds a catalog period to an instant in the customer's time zone, in one step. */
function plus(at: Temporal.Instant, p: PeriodValue, timeZone: string): Temporal.Instant {
  return at.toZonedDateTimeISO(timeZone).add(periodDuration(p)).toInstant();
}

/**
 * The end of the first contract term: the paid term starts with the first normal phase (after
 * any trial) and runs one contract period, computed in the customer's time zone from the paid
 * start's local date, keeping its time of day (src/domain/time/terms.ts).
 */
export function firstTermEnd(
  paidStart: Temporal.Instant,
  contractPeriod: PeriodValue,
  timeZone: string,
): Temporal.Instant {
  const local = paidStart.toZonedDateTimeISO(timeZone);
  return contractTermEndAt(local.toPlainDate(), contractPeriod, undefined, 0)
    .toZonedDateTime({ timeZone, plainTime: local.toPlainTime() })
    .toInstant();
}

/** The timeline a signup order's contract starts with, and what it is built from. */
export async function initialTimeline(
  ctx: Ctx,
  order: OrderRow,
  defaultStart: Date,
  known?: CustomerRow,
) {
  if (order.plan_variant_id === null) throw new Error(`signup order ${order.id} names no variant`);
  const variantId = order.plan_variant_id;
  const quantity = order.quantity ?? "1";
  const { variant, plan, group } = await variantWithPlan(ctx, variantId, "plan_variant_id");
  const customer = known ?? (await findCustomer(ctx.db, ctx.tenantId, order.customer_id));
  if (!customer) throw unprocessable("unknown_customer", `no customer ${order.customer_id}`);
  const start = toInstant(order.start_at ?? defaultStart);
  const variantPhase = (type: Phase["type"], at: Temporal.Instant): Phase => ({
    type,
    start: at,
    planVariantId: type === "inactive" ? null : variantId,
    quantity: type === "inactive" ? "0" : quantity,
  });
  let timeline: Timeline;
  if (plan.trial_period) {
    const trialEnd = plus(start, plan.trial_period, customer.time_zone);
    timeline = {
      start,
      end: null,
      phases: [
        variantPhase("trial", start),
        variantPhase(plan.trial_end_policy === "continue" ? "normal" : "inactive", trialEnd),
      ],
    };
  } else {
    timeline = { start, end: null, phases: [variantPhase("normal", start)] };
  }
  // a variant that ends after its first contract period gets its end at once
  const paid = timeline.phases.find((p) => p.type === "normal");
  if (variant.contract_period && variant.end_after_first_contract_period && paid) {
    timeline = endAt(
      timeline,
      firstTermEnd(paid.start, variant.contract_period, customer.time_zone),
    );
  }
  // a customer's billing date: a renewing anniversary contract billed in months or years renews
  // on it, from its first such day after the paid start
  const monthly = variant.billing_period.unit === "month" || variant.billing_period.unit === "year";
  if (
    customer.billing_date !== null &&
    paid &&
    timeline.end === null &&
    variant.billing_alignment === "anniversary" &&
    monthly
  ) {
    const restart = firstBillingDate(paid.start, customer.billing_date, customer.time_zone);
    if (restart) timeline = { ...timeline, restarts: [restart] };
  }
  return { timeline, group, start, customer };
}
