/**
 * A contract's scheduled changes, and their removal (Chargebee: remove scheduled changes).
 *
 * A change order dated later is written into the contract when it succeeds: its plan phase
 * from the change date, its component quantities from then, its coupon's discount from then.
 * Billing, previews and the contract's reads see it ahead. A scheduled change is what such
 * an order (succeeded, dated after the tenant's now) still holds in the contract; a later
 * change that superseded it (an earlier-dated change, a pause, an end) leaves nothing to remove.
 *
 * Removing them writes the contract as it would be without those orders:
 * - plan: the phases they put in are dropped (the end stays); a trial whose follow-up a
 *   change replaced gets its follow-up back, at the trial's end by its plan;
 * - components: the subscriptions they started are deleted, and the ones they ended run on;
 * - coupons: the discounts they granted (from a date still ahead) are deleted; the coupon's
 *   redemption stays counted.
 * Nothing of a removed change is billed, as it never took effect. The order records stay as
 * history (succeeded); what they wrote is gone, so they are no longer scheduled changes.
 */
import { Temporal } from "temporal-polyfill";
import {
  assertTimeline,
  type Phase,
  phaseAt,
  type Timeline,
} from "../../domain/contracts/phases.js";
import { conflict, notFound, unprocessable } from "../../domain/errors.js";
import { parseDecimal } from "../../domain/money/index.js";
import { periodDuration } from "../../domain/time/index.js";
import type { Ctx } from "../context.js";
import { dateOf } from "../context.js";
import { findCustomer } from "../customers/index.js";
import { assertAfterBilledUntil } from "./billed-until.js";
import {
  type ComponentSubscriptionRow,
  deleteComponentSubscription,
  listComponentSubscriptionRows,
  reopenComponentSubscription,
} from "./contract-items.repository.js";
import {
  type ContractRow,
  findContract,
  listChangeOrdersAfter,
  loadTimeline,
  type OrderRow,
  saveTimeline,
} from "./contracts.repository.js";
import { type Contract, loadContract, toContract } from "./contracts.service.js";
import {
  type DiscountSubscriptionRow,
  deleteDiscountSubscription,
  listOrderDiscountSubscriptions,
} from "./discount-subscriptions.repository.js";
import { variantWithPlan } from "./timelines.js";

const cmp = Temporal.Instant.compare;
const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

/** A scheduled change as the API shows it: the order that made it, and what it changes. */
export type ScheduledChange = {
  order_id: string;
  change_date: string;
  /** The plan variant from the change date on; null: the plan stays. */
  plan_variant_id: string | null;
  /** The plan quantity from the change date on; null: it stays. */
  quantity: string | null;
  components: Array<{ component_id: string; quantity: string }>;
  coupon_code: string | null;
};

/** What the contract's scheduled changes hold, and the contract without them. */
type Held = {
  orders: OrderRow[];
  timeline: Timeline;
  restored: Timeline;
  /** Component subscriptions started by a scheduled change (deleted on removal). */
  started: ComponentSubscriptionRow[];
  /** Component subscriptions ended by a scheduled change (running on after removal). */
  ended: ComponentSubscriptionRow[];
  /** Discounts granted from a scheduled change's date. */
  discounts: DiscountSubscriptionRow[];
};

const changesPlan = (o: OrderRow) => o.plan_variant_id !== null || o.quantity !== null;
const decimal = (v: string) => parseDecimal(v).toFixed();
/**
 * Whether `p` is the phase the plan-changing order `o` wrote: a normal phase at its date, of
 * its plan variant (a quantity alone keeps the one billed) and its quantity. A phase written
 * at that date later (a pause, another change) is not the order's.
 */
const wrote = (o: OrderRow, p: Phase) =>
  changesPlan(o) &&
  p.type === "normal" &&
  p.start.epochMilliseconds === o.change_at!.getTime() &&
  (o.plan_variant_id === null || p.planVariantId === o.plan_variant_id) &&
  decimal(p.quantity) === decimal(o.quantity ?? "1");
const samePhase = (a: Phase | null, b: Phase | null) =>
  a !== null &&
  b !== null &&
  a.type === b.type &&
  cmp(a.start, b.start) === 0 &&
  a.planVariantId === b.planVariantId &&
  a.quantity === b.quantity;

/**
 * The timeline without the phases the orders put in: the phases they wrote are dropped (what
 * was written at their dates since, a pause or the end, stays), and a trial left without its
 * follow-up gets it back where its plan ends the trial.
 */
async function withoutOrders(ctx: Ctx, row: ContractRow, t: Timeline, orders: OrderRow[]) {
  const dropped = t.phases.filter((p) => orders.some((o) => wrote(o, p)));
  if (dropped.length === 0) return t;
  const phases = t.phases.filter((p) => !dropped.includes(p));
  const first = dropped[0]!.start;
  const before = phases.filter((p) => cmp(p.start, first) < 0).at(-1);
  const next = phases.find((p) => cmp(p.start, first) >= 0);
  if (before?.type === "trial" && before.planVariantId !== null) {
    const { plan } = await variantWithPlan(ctx, before.planVariantId, "plan_variant_id");
    const customer = await findCustomer(ctx.db, ctx.tenantId, row.customer_id);
    if (plan.trial_period && customer) {
      const trialEnd = before.start
        .toZonedDateTimeISO(customer.time_zone)
        .add(periodDuration(plan.trial_period))
        .toInstant();
      // the follow-up the first change replaced starts no earlier than that change
      const start = cmp(trialEnd, first) < 0 ? first : trialEnd;
      if (next === undefined || cmp(start, next.start) < 0) {
        const normal = plan.trial_end_policy === "continue";
        phases.push({
          type: normal ? "normal" : "inactive",
          start,
          planVariantId: normal ? before.planVariantId : null,
          quantity: normal ? before.quantity : "0",
        });
        phases.sort((a, b) => cmp(a.start, b.start));
      }
    }
  }
  return { ...t, phases };
}

/** What the contract's scheduled changes hold; with `lock` (a removal), its rows locked. */
async function held(ctx: Ctx, row: ContractRow, lock: boolean): Promise<Held> {
  const now = ctx.clock.now();
  const timeline = await loadTimeline(ctx.db, row);
  const candidates = await listChangeOrdersAfter(ctx.db, ctx.tenantId, row.id, dateOf(now));
  const restored = await withoutOrders(ctx, row, timeline, candidates);
  const subscriptions = await listComponentSubscriptionRows(ctx.db, ctx.tenantId, row.id, {
    forUpdate: lock,
  });
  const discounts = (
    await listOrderDiscountSubscriptions(
      ctx.db,
      ctx.tenantId,
      candidates.map((o) => o.id),
      { forUpdate: lock },
    )
  ).filter((d) => d.start_at > dateOf(now));
  const started: ComponentSubscriptionRow[] = [];
  const ended: ComponentSubscriptionRow[] = [];
  const orders: OrderRow[] = [];
  for (const order of candidates) {
    const at = order.change_at!.getTime();
    const ids = new Set(order.components.map((c) => c.component_id));
    const mine = subscriptions.filter((s) => ids.has(s.component_id));
    const starts = mine.filter((s) => s.start_at.getTime() === at);
    const ends = mine.filter((s) => s.end_at?.getTime() === at && s.start_at.getTime() < at);
    const atDate = instant(order.change_at!);
    const plan =
      timeline.phases.some((p) => wrote(order, p)) &&
      !samePhase(phaseAt(timeline, atDate), phaseAt(restored, atDate));
    const coupon = discounts.some((d) => d.order_id === order.id);
    if (!plan && starts.length === 0 && ends.length === 0 && !coupon) continue;
    orders.push(order);
    for (const s of starts) if (!started.includes(s)) started.push(s);
    for (const s of ends) if (!ended.includes(s)) ended.push(s);
  }
  return { orders, timeline, restored, started, ended, discounts };
}

const toScheduledChange = (o: OrderRow): ScheduledChange => ({
  order_id: o.id,
  change_date: o.change_at!.toISOString(),
  plan_variant_id: o.plan_variant_id,
  quantity: o.quantity,
  components: o.components.map((c) => ({ component_id: c.component_id, quantity: c.quantity })),
  coupon_code: o.coupon_code,
});

/** The contract's scheduled changes, by change date. */
export async function scheduledChanges(
  ctx: Ctx,
  contractId: string,
): Promise<{ contract_id: string; data: ScheduledChange[] }> {
  const row = await findContract(ctx.db, ctx.tenantId, contractId);
  if (!row) throw notFound("contract_not_found", `no contract ${contractId}`, { id: contractId });
  const found = await held(ctx, row, false);
  return { contract_id: row.id, data: found.orders.map(toScheduledChange) };
}

/**
 * Removes every scheduled change of the contract (see the module doc). Refused with
 * `no_scheduled_changes` when it has none, and like a change dated then when that date lies
 * before what the contract was billed until.
 */
export async function removeScheduledChanges(
  ctx: Ctx,
  contractId: string,
): Promise<Contract & { removed: ScheduledChange[] }> {
  const row = await loadContract(ctx, contractId, true);
  const found = await held(ctx, row, true);
  if (found.orders.length === 0) {
    throw conflict("no_scheduled_changes", `contract ${row.id} has no scheduled changes`, {
      id: row.id,
    });
  }
  for (const order of found.orders) {
    assertAfterBilledUntil(row, instant(order.change_at!), "change_date");
  }
  const now = dateOf(ctx.clock.now());
  const planChanged = found.restored !== found.timeline;
  if (planChanged) {
    try {
      assertTimeline(found.restored);
    } catch (error) {
      throw unprocessable("invalid_change", (error as Error).message);
    }
    await saveTimeline(ctx.db, row.id, found.restored, now);
  }
  for (const s of found.started) {
    await deleteComponentSubscription(ctx.db, s.id);
    ctx.audit({ targetType: "component_subscription", targetId: s.id, before: s, after: null });
  }
  for (const s of found.ended.filter((e) => !found.started.includes(e))) {
    const after = await reopenComponentSubscription(ctx.db, ctx.tenantId, s.id, s.end_at!);
    ctx.audit({ targetType: "component_subscription", targetId: s.id, before: s, after });
  }
  for (const d of found.discounts) {
    await deleteDiscountSubscription(ctx.db, ctx.tenantId, d.id);
    ctx.audit({ targetType: "discount_subscription", targetId: d.id, before: d, after: null });
  }
  const fresh = (await findContract(ctx.db, ctx.tenantId, row.id))!;
  const contract = await toContract(ctx, fresh, found.restored);
  const removed = found.orders.map(toScheduledChange);
  ctx.audit({
    targetType: "contract",
    targetId: row.id,
    before: await toContract(ctx, row, found.timeline),
    after: { ...contract, removed },
  });
  await ctx.emit({
    type: "contract.changed",
    subjectType: "contract",
    subjectId: row.id,
    payload: { ...contract, removed },
  });
  return { ...contract, removed };
}
