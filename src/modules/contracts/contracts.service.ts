/**
 * Signup orders and the contracts they create. An order is created `in_progress`, committed,
 * and then either succeeds at once (creating the contract) or, when its plan requires order
 * approval, waits in `approval_pending` until approved (contract created) or declined. The
 * contract's lifecycle status is derived from its phases and the tenant's clock.
 */
import { Temporal } from "temporal-polyfill";
import {
  changeAt,
  endAt,
  lifecycleStatus,
  type Phase,
  phaseAt,
  type Timeline,
} from "../../domain/contracts/phases.js";
import { notFound, unprocessable } from "../../domain/errors.js";
import { nextPossibleEndDate, parseTimestamp, periodDuration } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import type { OrderStatus, PeriodValue } from "../../storage/schema.js";
import { findInTenant } from "../catalog/catalog.repository.js";
import type { Ctx } from "../context.js";
import { findCustomer } from "../customers/customers.repository.js";
import { type Page, toPage } from "../pagination.js";
import {
  type ContractRow,
  findContract,
  findOrder,
  listContracts as listContractRows,
  listOrders as listOrderRows,
  loadTimeline,
  type OrderRow,
  saveTimeline,
} from "./contracts.repository.js";

const toDate = (i: Temporal.Instant) => new Date(i.epochMilliseconds);
const toInstant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

// ---- orders -------------------------------------------------------------------------------

export type Order = {
  id: string;
  type: "signup" | "change";
  status: OrderStatus;
  customer_id: string;
  contract_id: string;
  plan_variant_id: string;
  quantity: string;
  start_date: string | null;
  change_date: string | null;
  created_at: string;
  updated_at: string;
};

/**
 * Allowed order transitions by action. Anything else is `422 invalid_order_transition`.
 */
export const ORDER_TRANSITIONS: Readonly<
  Record<"commit" | "approve" | "decline", { from: OrderStatus }>
> = {
  commit: { from: "in_progress" },
  approve: { from: "approval_pending" },
  decline: { from: "approval_pending" },
};

const toOrder = (r: OrderRow): Order => ({
  id: r.id,
  type: r.type,
  status: r.status,
  customer_id: r.customer_id,
  contract_id: r.contract_id,
  plan_variant_id: r.plan_variant_id,
  quantity: r.quantity,
  start_date: r.start_at ? r.start_at.toISOString() : null,
  change_date: r.change_at ? r.change_at.toISOString() : null,
  created_at: r.created_at.toISOString(),
  updated_at: r.updated_at.toISOString(),
});

export type SignupInput = {
  customer_id: string;
  plan_variant_id: string;
  quantity?: string | undefined;
  /** When the contract starts; default: at commit, or at the order date when approved. */
  start_date?: string | undefined;
};

async function variantWithPlan(ctx: Ctx, variantId: string, field: string) {
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

export async function createSignupOrder(ctx: Ctx, input: SignupInput): Promise<Order> {
  // locked against a concurrent delete or lock of the customer
  const customer = await findCustomer(ctx.db, ctx.tenantId, input.customer_id, { forUpdate: true });
  if (!customer) {
    throw unprocessable("unknown_customer", `no customer ${input.customer_id}`, {
      field: "customer_id",
      id: input.customer_id,
    });
  }
  if (customer.locked) {
    throw unprocessable("customer_locked", `customer ${customer.id} is locked`, {
      field: "customer_id",
    });
  }
  await variantWithPlan(ctx, input.plan_variant_id, "plan_variant_id");
  const startAt =
    input.start_date === undefined ? null : toDate(parseTimestamp(input.start_date, "start_date"));
  const now = toDate(ctx.clock.now());
  const row = await ctx.db
    .insertInto("orders")
    .values({
      id: newId("order"),
      tenant_id: ctx.tenantId,
      customer_id: customer.id,
      // allocated now, as Billwerk does; the contract exists once the order succeeds
      contract_id: newId("contract"),
      type: "signup",
      status: "in_progress",
      plan_variant_id: input.plan_variant_id,
      quantity: input.quantity ?? "1",
      start_at: startAt,
      change_at: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const order = toOrder(row);
  ctx.audit({ targetType: "order", targetId: order.id, after: order });
  await ctx.emit({
    type: "order.created",
    subjectType: "order",
    subjectId: order.id,
    payload: order,
  });
  return order;
}

export type ChangeInput = {
  contract_id: string;
  plan_variant_id: string;
  quantity?: string | undefined;
  /** When the new plan variant takes effect (past or future); default: at commit. */
  change_date?: string | undefined;
};

/** An up- or downgrade of an existing contract to another plan variant of its plan group. */
export async function createChangeOrder(ctx: Ctx, input: ChangeInput): Promise<Order> {
  const contract = await findContract(ctx.db, ctx.tenantId, input.contract_id);
  if (!contract) {
    throw unprocessable("unknown_contract", `no contract ${input.contract_id}`, {
      field: "contract_id",
      id: input.contract_id,
    });
  }
  await orderingCustomer(ctx, contract.customer_id);
  const { group } = await variantWithPlan(ctx, input.plan_variant_id, "plan_variant_id");
  if (group.id !== contract.plan_group_id) {
    throw unprocessable(
      "plan_group_mismatch",
      "a contract changes only to a plan variant of its own plan group (its currency and tax basis)",
      { field: "plan_variant_id" },
    );
  }
  const changeAt =
    input.change_date === undefined
      ? null
      : toDate(parseTimestamp(input.change_date, "change_date"));
  const now = toDate(ctx.clock.now());
  const row = await ctx.db
    .insertInto("orders")
    .values({
      id: newId("order"),
      tenant_id: ctx.tenantId,
      customer_id: contract.customer_id,
      contract_id: contract.id,
      type: "change",
      status: "in_progress",
      plan_variant_id: input.plan_variant_id,
      quantity: input.quantity ?? "1",
      start_at: null,
      change_at: changeAt,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const order = toOrder(row);
  ctx.audit({ targetType: "order", targetId: order.id, after: order });
  await ctx.emit({
    type: "order.created",
    subjectType: "order",
    subjectId: order.id,
    payload: order,
  });
  return order;
}

/** A signup (`customer_id`) or a change (`contract_id`): exactly one of the two. */
export async function createOrder(
  ctx: Ctx,
  input: Omit<SignupInput, "customer_id"> & {
    customer_id?: string | undefined;
    contract_id?: string | undefined;
    change_date?: string | undefined;
  },
): Promise<Order> {
  if ((input.customer_id === undefined) === (input.contract_id === undefined)) {
    throw unprocessable(
      "customer_or_contract_required",
      "an order names either customer_id (a signup) or contract_id (a change)",
      { field: "customer_id" },
    );
  }
  if (input.contract_id !== undefined) {
    if (input.start_date !== undefined) {
      throw unprocessable("start_date_on_change", "a change takes change_date, not start_date", {
        field: "start_date",
      });
    }
    return createChangeOrder(ctx, { ...input, contract_id: input.contract_id });
  }
  if (input.change_date !== undefined) {
    throw unprocessable("change_date_on_signup", "a signup takes start_date, not change_date", {
      field: "change_date",
    });
  }
  return createSignupOrder(ctx, { ...input, customer_id: input.customer_id! });
}

/** Applies a change order: a normal phase of the new variant from the change date on. */
async function applyChange(ctx: Ctx, order: OrderRow): Promise<void> {
  const row = await loadContract(ctx, order.contract_id, true);
  const before = await loadTimeline(ctx.db, row);
  const at = order.change_at ? toInstant(order.change_at) : ctx.clock.now();
  const after = changeAt(before, {
    type: "normal",
    start: at,
    planVariantId: order.plan_variant_id,
    quantity: order.quantity,
  });
  await saveTimeline(ctx.db, row.id, after, toDate(ctx.clock.now()));
  const contract = await toContract(ctx, row, after);
  ctx.audit({
    targetType: "contract",
    targetId: row.id,
    before: await toContract(ctx, row, before),
    after: contract,
  });
  await ctx.emit({
    type: "contract.changed",
    subjectType: "contract",
    subjectId: row.id,
    payload: contract,
  });
}

/** The order's customer, locked, and refused while locked (at creation, commit and approval). */
async function orderingCustomer(ctx: Ctx, customerId: string) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId, { forUpdate: true });
  if (!customer) {
    throw unprocessable("unknown_customer", `no customer ${customerId}`, { field: "customer_id" });
  }
  if (customer.locked) {
    throw unprocessable("customer_locked", `customer ${customer.id} is locked`, {
      field: "customer_id",
    });
  }
  return customer;
}

/**
 * Carries out a succeeded order: creates the contract, or changes it. A committed signup
 * starts now unless it names a start; an approved one at the original order date.
 */
async function fulfil(ctx: Ctx, order: OrderRow, via: "commit" | "approval"): Promise<void> {
  await orderingCustomer(ctx, order.customer_id);
  if (order.type === "change") return applyChange(ctx, order);
  await createContract(ctx, order, via === "approval" ? order.created_at : toDate(ctx.clock.now()));
}

async function transition(
  ctx: Ctx,
  id: string,
  action: keyof typeof ORDER_TRANSITIONS,
): Promise<{ before: OrderRow }> {
  const before = await findOrder(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!before) throw notFound("order_not_found", `no order ${id}`, { id });
  if (before.status !== ORDER_TRANSITIONS[action].from) {
    throw unprocessable(
      "invalid_order_transition",
      `an order that is ${before.status} cannot be ${action === "commit" ? "committed" : `${action}d`}`,
      { id, status: before.status, action },
    );
  }
  return { before };
}

async function setStatus(ctx: Ctx, before: OrderRow, status: OrderStatus): Promise<Order> {
  const row = await ctx.db
    .updateTable("orders")
    .set({ status, updated_at: toDate(ctx.clock.now()) })
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const order = toOrder(row);
  ctx.audit({ targetType: "order", targetId: order.id, before: toOrder(before), after: order });
  if (status === "succeeded" || status === "declined") {
    await ctx.emit({
      type: `order.${status}`,
      subjectType: "order",
      subjectId: order.id,
      payload: order,
    });
  }
  return order;
}

/** Adds a catalog period to an instant in the customer's time zone, in one step. */
function plus(at: Temporal.Instant, p: PeriodValue, timeZone: string): Temporal.Instant {
  return at.toZonedDateTimeISO(timeZone).add(periodDuration(p)).toInstant();
}

async function createContract(ctx: Ctx, order: OrderRow, defaultStart: Date): Promise<ContractRow> {
  const { plan, group } = await variantWithPlan(ctx, order.plan_variant_id, "plan_variant_id");
  const customer = await findCustomer(ctx.db, ctx.tenantId, order.customer_id);
  if (!customer) throw unprocessable("unknown_customer", `no customer ${order.customer_id}`);
  const start = toInstant(order.start_at ?? defaultStart);
  const variantPhase = (type: Phase["type"], at: Temporal.Instant): Phase => ({
    type,
    start: at,
    planVariantId: type === "inactive" ? null : order.plan_variant_id,
    quantity: type === "inactive" ? "0" : order.quantity,
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
  const now = toDate(ctx.clock.now());
  const row = await ctx.db
    .insertInto("contracts")
    .values({
      id: order.contract_id,
      tenant_id: ctx.tenantId,
      customer_id: order.customer_id,
      plan_group_id: group.id,
      currency: group.currency,
      start_at: toDate(start),
      end_at: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await saveTimeline(ctx.db, row.id, timeline, now);
  const contract = await toContract(ctx, row);
  ctx.audit({ targetType: "contract", targetId: row.id, after: contract });
  await ctx.emit({
    type: "contract.created",
    subjectType: "contract",
    subjectId: row.id,
    payload: contract,
  });
  return row;
}

/** Commits an order: it succeeds (and the contract exists), or awaits approval. */
export async function commitOrder(ctx: Ctx, id: string): Promise<Order> {
  const { before } = await transition(ctx, id, "commit");
  const { plan } = await variantWithPlan(ctx, before.plan_variant_id, "plan_variant_id");
  if (plan.requires_order_approval) return setStatus(ctx, before, "approval_pending");
  await fulfil(ctx, before, "commit");
  return setStatus(ctx, before, "succeeded");
}

export async function approveOrder(ctx: Ctx, id: string): Promise<Order> {
  const { before } = await transition(ctx, id, "approve");
  await fulfil(ctx, before, "approval");
  return setStatus(ctx, before, "succeeded");
}

export async function declineOrder(ctx: Ctx, id: string): Promise<Order> {
  const { before } = await transition(ctx, id, "decline");
  return setStatus(ctx, before, "declined");
}

export async function getOrder(ctx: Ctx, id: string): Promise<Order> {
  const row = await findOrder(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("order_not_found", `no order ${id}`, { id });
  return toOrder(row);
}

export async function listOrders(
  ctx: Ctx,
  req: { limit: number; cursor?: string | undefined; customerId?: string | undefined },
): Promise<Page<Order>> {
  const rows = await listOrderRows(ctx.db, ctx.tenantId, { ...req, limit: req.limit + 1 });
  return toPage(rows.map(toOrder), req.limit);
}

// ---- contracts ----------------------------------------------------------------------------

export type ContractPhase = {
  type: Phase["type"];
  start_date: string;
  plan_variant_id: string | null;
  quantity: string;
};

export type Contract = {
  id: string;
  customer_id: string;
  plan_group_id: string;
  currency: string;
  status: ReturnType<typeof lifecycleStatus>;
  start_date: string;
  end_date: string | null;
  current_phase: ContractPhase | null;
  phases: ContractPhase[];
  created_at: string;
  updated_at: string;
};

const toPhase = (p: Phase): ContractPhase => ({
  type: p.type,
  start_date: p.start.toString(),
  plan_variant_id: p.planVariantId,
  quantity: p.quantity,
});

async function toContract(ctx: Ctx, row: ContractRow, timeline?: Timeline): Promise<Contract> {
  const t = timeline ?? (await loadTimeline(ctx.db, row));
  const now = ctx.clock.now();
  const current = phaseAt(t, now);
  return {
    id: row.id,
    customer_id: row.customer_id,
    plan_group_id: row.plan_group_id,
    currency: row.currency,
    status: lifecycleStatus(t, now),
    start_date: t.start.toString(),
    end_date: t.end ? t.end.toString() : null,
    current_phase: current ? toPhase(current) : null,
    phases: t.phases.map(toPhase),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

async function loadContract(ctx: Ctx, id: string, forUpdate = false): Promise<ContractRow> {
  const row = await findContract(ctx.db, ctx.tenantId, id, { forUpdate });
  if (!row) throw notFound("contract_not_found", `no contract ${id}`, { id });
  return row;
}

export async function getContract(ctx: Ctx, id: string): Promise<Contract> {
  return toContract(ctx, await loadContract(ctx, id));
}

export async function listContracts(
  ctx: Ctx,
  req: {
    limit: number;
    cursor?: string | undefined;
    customerId?: string | undefined;
    offset?: number | undefined;
  },
): Promise<Page<Contract>> {
  const rows = await listContractRows(ctx.db, ctx.tenantId, { ...req, limit: req.limit + 1 });
  const page = toPage(rows, req.limit);
  return { ...page, data: await Promise.all(page.data.map((r) => toContract(ctx, r))) };
}

/** Ends a contract at `end_date` (after its start); ending again moves the end. */
export async function endContract(
  ctx: Ctx,
  id: string,
  input: { end_date: string },
): Promise<Contract> {
  const end = parseTimestamp(input.end_date, "end_date");
  const row = await loadContract(ctx, id, true);
  const before = await loadTimeline(ctx.db, row);
  const after = endAt(before, end);
  await saveTimeline(ctx.db, id, after, toDate(ctx.clock.now()));
  const contract = await toContract(ctx, await loadContract(ctx, id), after);
  ctx.audit({
    targetType: "contract",
    targetId: id,
    before: await toContract(ctx, row, before),
    after: contract,
  });
  await ctx.emit({
    type: "contract.ended",
    subjectType: "contract",
    subjectId: id,
    payload: contract,
  });
  return contract;
}

// ---- cancellation preview -----------------------------------------------------------------

export type CancellationPreview = {
  /** The last day (customer's calendar) on which a cancellation still reaches `end_date`. */
  last_notice_date: string;
  /** When the contract would end if cancelled now, honouring terms and notice. */
  end_date: string;
  contract_after: Contract;
};

/**
 * Regular cancellation per the plan variant's terms: the paid term starts after the trial;
 * the contract ends at the first term end that the notice period still reaches from today
 * (in the customer's time zone), renewing by the later contract period (see
 * src/domain/time/terms.ts). Nothing is written.
 */
export async function cancellationPreview(ctx: Ctx, id: string): Promise<CancellationPreview> {
  const row = await loadContract(ctx, id);
  const timeline = await loadTimeline(ctx.db, row);
  const now = ctx.clock.now();
  const current = phaseAt(timeline, now) ?? timeline.phases[0]!;
  const variantId =
    current.planVariantId ?? timeline.phases.findLast((p) => p.planVariantId)?.planVariantId;
  const paid = timeline.phases.find((p) => p.type === "normal");
  if (!variantId || !paid) {
    throw unprocessable("no_paid_term", "the contract has no paid phase to cancel", { id });
  }
  const variant = await findInTenant(ctx.db, "plan_variants", ctx.tenantId, variantId);
  const customer = await findCustomer(ctx.db, ctx.tenantId, row.customer_id);
  if (!variant || !customer) throw notFound("contract_not_found", `no contract ${id}`, { id });
  const tz = customer.time_zone;
  const startLocal = paid.start.toZonedDateTimeISO(tz);
  const today = now.toZonedDateTimeISO(tz).toPlainDate();
  const { endDate, lastNoticeDate } = nextPossibleEndDate({
    start: startLocal.toPlainDate(),
    ...(variant.contract_period ? { contractPeriod: variant.contract_period } : {}),
    ...(variant.later_contract_period
      ? { laterContractPeriod: variant.later_contract_period }
      : {}),
    ...(variant.notice_period ? { noticePeriod: variant.notice_period } : {}),
    ...(variant.later_notice_period ? { laterNoticePeriod: variant.later_notice_period } : {}),
    requestDate:
      Temporal.PlainDate.compare(today, startLocal.toPlainDate()) < 0
        ? startLocal.toPlainDate()
        : today,
  });
  // term boundaries keep the time of day the paid term started at
  const end = endDate
    .toZonedDateTime({ timeZone: tz, plainTime: startLocal.toPlainTime() })
    .toInstant();
  const after = endAt(timeline, end);
  return {
    last_notice_date: lastNoticeDate.toString(),
    end_date: end.toString(),
    contract_after: await toContract(ctx, row, after),
  };
}
