/**
 * Orders: a signup (a new contract for a customer) or a change of a contract (plan variant,
 * component quantities, a coupon). An order is created `in_progress`, committed, and then
 * either succeeds at once (the contract created or changed) or, when its plan requires order
 * approval, waits in `approval_pending` until approved or declined. The steps of committing,
 * approving and declining are the orders workflow's (src/workflows/orders.ts).
 */
import type { Insertable } from "kysely";
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { phaseAt, type Timeline } from "../../domain/contracts/phases.js";
import { notFound, unprocessable } from "../../domain/errors.js";
import { isId } from "../../domain/ids.js";
import { assertContractStart, parseTimestamp } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import type { OrderStatus, OrdersTable } from "../../storage/schema.js";
import { redeemableCoupon } from "../catalog/index.js";
import { type Ctx, dateOf } from "../context.js";
import { type CustomerRow, findCustomer, markCustomerOrdered } from "../customers/index.js";
import { fetchPage, INSTANT_KEY, type Page, pagingFor, utcDayStart } from "../pagination.js";
import { assertNotFrozen } from "../partners/index.js";
import { type CartComponent, validateCartComponents } from "./contract-items.js";
import {
  type ContractRow,
  countOrderRows,
  findContract,
  findOrder,
  insertOrder as insertOrderRow,
  type ListedOrder,
  listOrders as listOrderRows,
  loadTimeline,
  type OrderListFilter,
  type OrderRow,
  type OrderSort,
  updateOrder,
} from "./contracts.repository.js";
import type { OrderSchema } from "./contracts.schemas.js";
import { changedTimeline, contractEntity, loadContract } from "./contracts.service.js";
import { initialTimeline, variantWithPlan } from "./timelines.js";

const toInstant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

/** An order as the API returns it. */
export type Order = Static<typeof OrderSchema>;

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
  components: r.components,
  coupon_code: r.coupon_code,
  trigger_interim_billing: r.trigger_interim_billing,
  payment_method: r.payment_method,
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
  /** Components the contract starts with. */
  components?: readonly CartComponent[] | undefined;
  /** Redeemed when the order succeeds: its discount applies from the contract's start. */
  coupon_code?: string | undefined;
  /** Bill the contract at once when the order succeeds. */
  trigger_interim_billing?: boolean | undefined;
};

/** A plan variant new orders may name: it and its plan are not hidden. */
async function orderableVariant(ctx: Ctx, variantId: string, field: string) {
  const found = await variantWithPlan(ctx, variantId, field);
  if (found.variant.hidden || found.plan.hidden) {
    throw unprocessable(
      "plan_variant_hidden",
      `plan variant ${variantId} is hidden${found.variant.hidden ? "" : " (its plan is)"}: it takes no new orders`,
      { field, id: variantId },
    );
  }
  return found;
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
  assertNotFrozen(customer);
  await ctx.guard({ kind: "customer", row: customer });
  const { group } = await orderableVariant(ctx, input.plan_variant_id, "plan_variant_id");
  const components = await validateCartComponents(ctx, group.id, input.components ?? [], "signup");
  if (input.coupon_code !== undefined) {
    await redeemableCoupon(ctx, {
      code: input.coupon_code,
      planGroupId: group.id,
      at: ctx.clock.now(),
    });
  }
  // a contract starts at most MAX_BACKDATE_YEARS before now: billing works through every
  // period from its start
  const startAt =
    input.start_date === undefined
      ? null
      : dateOf(
          assertContractStart(
            parseTimestamp(input.start_date, "start_date"),
            ctx.clock.now(),
            "start_date",
          ),
        );
  if (!customer.has_orders) await markCustomerOrdered(ctx.db, ctx.tenantId, customer.id);
  return insertOrder(ctx, {
    customer_id: customer.id,
    // allocated now, as Billwerk does; the contract exists once the order succeeds
    contract_id: newId("contract"),
    type: "signup",
    status: "in_progress",
    plan_variant_id: input.plan_variant_id,
    quantity: input.quantity ?? "1",
    components: toJson(components),
    coupon_code: input.coupon_code ?? null,
    trigger_interim_billing: input.trigger_interim_billing ?? false,
    start_at: startAt,
    change_at: null,
  });
}

export type ChangeInput = {
  contract_id: string;
  /** The new plan variant; absent: the plan stays (a component-only change). */
  plan_variant_id?: string | undefined;
  quantity?: string | undefined;
  /** When the change takes effect (past or future); default: at commit. */
  change_date?: string | undefined;
  /** New quantities of these components from the change date on (0 ends one). */
  components?: readonly CartComponent[] | undefined;
  /** Redeemed when the order succeeds: its discount applies from the change date. */
  coupon_code?: string | undefined;
  /** Bill the contract at once when the order succeeds. */
  trigger_interim_billing?: boolean | undefined;
};

/**
 * A change of an existing contract: an up- or downgrade to another plan variant of its plan
 * group, new component quantities, a coupon, or any of these together, at one change date.
 */
export async function createChangeOrder(ctx: Ctx, input: ChangeInput): Promise<Order> {
  const contract = await findContract(ctx.db, ctx.tenantId, input.contract_id);
  if (!contract) {
    throw unprocessable("unknown_contract", `no contract ${input.contract_id}`, {
      field: "contract_id",
      id: input.contract_id,
    });
  }
  await ctx.guard({ kind: "contract", row: contract });
  await orderingCustomer(ctx, contract.customer_id);
  const components = input.components ?? [];
  if (input.plan_variant_id === undefined) {
    // a quantity alone is a new plan quantity on the plan variant billed at the change date
    if (
      components.length === 0 &&
      input.coupon_code === undefined &&
      input.quantity === undefined
    ) {
      throw unprocessable(
        "empty_order",
        "a change order names a plan_variant_id, a quantity, components or a coupon_code",
        { field: "plan_variant_id" },
      );
    }
  } else {
    const { group } = await orderableVariant(ctx, input.plan_variant_id, "plan_variant_id");
    if (group.id !== contract.plan_group_id) {
      throw unprocessable(
        "plan_group_mismatch",
        "a contract changes only to a plan variant of its own plan group (its currency and tax basis)",
        { field: "plan_variant_id" },
      );
    }
  }
  const cart = await validateCartComponents(ctx, contract.plan_group_id, components, "change");
  if (input.coupon_code !== undefined) {
    await redeemableCoupon(ctx, {
      code: input.coupon_code,
      planGroupId: contract.plan_group_id,
      at: ctx.clock.now(),
    });
  }
  const changeAt =
    input.change_date === undefined
      ? null
      : dateOf(parseTimestamp(input.change_date, "change_date"));
  return insertOrder(ctx, {
    customer_id: contract.customer_id,
    contract_id: contract.id,
    type: "change",
    status: "in_progress",
    plan_variant_id: input.plan_variant_id ?? null,
    // null: the plan quantity stays (a change of components or a coupon only)
    quantity:
      input.plan_variant_id === undefined ? (input.quantity ?? null) : (input.quantity ?? "1"),
    components: toJson(cart),
    coupon_code: input.coupon_code ?? null,
    trigger_interim_billing: input.trigger_interim_billing ?? false,
    start_at: null,
    change_at: changeAt,
  });
}

/** Writes a new order with its audit record and `order.created` event. */
async function insertOrder(
  ctx: Ctx,
  values: Omit<Insertable<OrdersTable>, "id" | "tenant_id" | "created_at" | "updated_at">,
): Promise<Order> {
  const now = dateOf(ctx.clock.now());
  const row = await insertOrderRow(ctx.db, {
    ...values,
    id: newId("order"),
    tenant_id: ctx.tenantId,
    created_at: now,
    updated_at: now,
  });
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
  input: Omit<SignupInput, "customer_id" | "plan_variant_id"> & {
    customer_id?: string | undefined;
    contract_id?: string | undefined;
    plan_variant_id?: string | undefined;
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
  if (input.plan_variant_id === undefined) {
    throw unprocessable("plan_variant_required", "a signup names a plan_variant_id", {
      field: "plan_variant_id",
    });
  }
  return createSignupOrder(ctx, {
    ...input,
    customer_id: input.customer_id!,
    plan_variant_id: input.plan_variant_id,
  });
}

/** The order's customer, locked, and refused while locked (at creation, commit and approval). */
async function orderingCustomer(ctx: Ctx, customerId: string) {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId, { forUpdate: true });
  return assertOrderingCustomer(ctx, customer, customerId);
}

/** A customer (read locked) that may order: it exists, is not locked or frozen, nor left behind. */
export async function assertOrderingCustomer(
  ctx: Ctx,
  customer: CustomerRow | undefined,
  customerId: string,
): Promise<CustomerRow> {
  if (!customer) {
    throw unprocessable("unknown_customer", `no customer ${customerId}`, { field: "customer_id" });
  }
  if (customer.locked) {
    throw unprocessable("customer_locked", `customer ${customer.id} is locked`, {
      field: "customer_id",
    });
  }
  assertNotFrozen(customer);
  await ctx.guard({ kind: "customer", row: customer });
  return customer;
}

/** Whether committing the order waits for approval: the plan it orders, or the contract's. */
export async function needsApproval(ctx: Ctx, order: OrderRow): Promise<boolean> {
  let variantId = order.plan_variant_id;
  if (variantId === null) {
    const contract = await loadContract(ctx, order.contract_id);
    const timeline = await loadTimeline(ctx.db, contract);
    const current = phaseAt(timeline, ctx.clock.now()) ?? timeline.phases[0]!;
    variantId =
      current.planVariantId ?? timeline.phases.findLast((p) => p.planVariantId)!.planVariantId;
  }
  const { plan } = await variantWithPlan(ctx, variantId!, "plan_variant_id");
  return plan.requires_order_approval;
}

/**
 * The order an action (commit, approve, decline) is taken on, locked: refused unless its status
 * allows the action, or when the record it changes (its contract or customer) is left behind
 * by a transfer.
 */
export async function lockOrder(
  ctx: Ctx,
  id: string,
  action: keyof typeof ORDER_TRANSITIONS,
): Promise<OrderRow> {
  const before = await findOrder(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!before) throw notFound("order_not_found", `no order ${id}`, { id });
  if (before.status !== ORDER_TRANSITIONS[action].from) {
    throw unprocessable(
      "invalid_order_transition",
      `an order that is ${before.status} cannot be ${action === "commit" ? "committed" : `${action}d`}`,
      { id, status: before.status, action },
    );
  }
  // the record the order changes: its contract (a change) or its customer (a signup)
  if (before.type === "change") {
    const contract = await findContract(ctx.db, ctx.tenantId, before.contract_id);
    if (contract) await ctx.guard({ kind: "contract", row: contract });
  } else {
    const customer = await findCustomer(ctx.db, ctx.tenantId, before.customer_id);
    if (customer) await ctx.guard({ kind: "customer", row: customer });
  }
  return before;
}

export async function setOrderStatus(
  ctx: Ctx,
  before: OrderRow,
  status: OrderStatus,
): Promise<Order> {
  const row = await updateOrder(ctx.db, before.id, {
    status,
    updated_at: dateOf(ctx.clock.now()),
  });
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

/** A payment method that is one: "None:None" (Billwerk's "no payment") is not. */
export const isPaymentMethod = (m: string | undefined): m is string =>
  m !== undefined && m.trim() !== "" && m.trim().toLowerCase() !== "none:none";

/**
 * A signup for a plan variant that does not allow signups without payment data needs
 * `payment_method` at commit.
 */
export async function assertPaymentData(
  ctx: Ctx,
  order: OrderRow,
  paymentMethod: string | undefined,
): Promise<void> {
  if (order.type !== "signup" || order.plan_variant_id === null) return;
  const { variant } = await variantWithPlan(ctx, order.plan_variant_id, "plan_variant_id");
  if (!variant.allow_without_payment_data && !isPaymentMethod(paymentMethod)) {
    throw unprocessable(
      "payment_data_required",
      `plan variant ${variant.id} does not allow a signup without payment data: name a payment_method`,
      { field: "payment_method", plan_variant_id: variant.id },
    );
  }
}

/** Keeps the payment method named at commit on the order. */
export async function recordPaymentMethod(
  ctx: Ctx,
  order: OrderRow,
  paymentMethod: string | undefined,
): Promise<OrderRow> {
  if (!isPaymentMethod(paymentMethod)) return order;
  return updateOrder(ctx.db, order.id, { payment_method: paymentMethod.trim() });
}

export async function getOrder(ctx: Ctx, id: string): Promise<Order> {
  const row = await findOrder(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("order_not_found", `no order ${id}`, { id });
  return toOrder(row);
}

/**
 * A page of the tenant's orders in the order `sort` and `order` name (by creation, ascending,
 * when absent), narrowed by customer, status and the UTC days created (each end included).
 * A list by creation pages by id; by last change by an opaque keyset cursor, refused for
 * another sort or direction. With `includeTotal`, also how many orders match (one COUNT more).
 */
export async function listOrders(
  ctx: Ctx,
  req: {
    limit: number;
    cursor?: string | undefined;
    customerId?: string | undefined;
    status?: OrderStatus | undefined;
    /** Created on this UTC day (YYYY-MM-DD) or later. */
    createdFrom?: string | undefined;
    /** Created on this UTC day or earlier. */
    createdTo?: string | undefined;
    sort?: OrderSort | undefined;
    order?: "asc" | "desc" | undefined;
    includeTotal?: boolean | undefined;
  },
): Promise<Page<Order> & { total_count?: number }> {
  const filter: OrderListFilter = {
    customerId: req.customerId,
    status: req.status,
    createdFrom: req.createdFrom ? utcDayStart(req.createdFrom, 0) : undefined,
    createdBefore: req.createdTo ? utcDayStart(req.createdTo, 1) : undefined,
  };
  const sort = req.sort ?? "created";
  const order = req.order ?? "asc";
  const paging = pagingFor({
    cursor: req.cursor,
    sort,
    order,
    shapes: { updated: [INSTANT_KEY] },
    isPlainId: (c) => isId("order", c),
    valuesOf: (_sort, row: ListedOrder) => [row.updated_key],
  });
  const page = await fetchPage(
    req.limit,
    (limit) =>
      listOrderRows(ctx.db, ctx.tenantId, {
        ...filter,
        limit,
        cursor: paging.idCursor,
        after: paging.after,
        sort,
        order,
      }),
    toOrder,
    paging.cursorOf,
  );
  if (!req.includeTotal) return page;
  return { ...page, total_count: await countOrderRows(ctx.db, ctx.tenantId, filter) };
}

// ---- order preview ------------------------------------------------------------------------

/** The settlement an order's preview asks billing for: which contract, when, on what timeline. */
export type OrderedSettlement = {
  contractId: string;
  at: Temporal.Instant;
  timeline: Timeline;
  /** A signup's contract, not written yet. */
  unsaved?: ContractRow;
};

/**
 * What billing would settle when the order succeeds now: for a signup, the new contract's
 * first settlement; for a plan change, the settlement at the change date (corrections for the
 * old plan variant, charges for the new one). Nothing is written.
 */
export async function orderedSettlement(
  ctx: Ctx,
  id: string,
  known?: CustomerRow,
): Promise<OrderedSettlement> {
  const order = await findOrder(ctx.db, ctx.tenantId, id);
  if (!order) throw notFound("order_not_found", `no order ${id}`, { id });
  if (order.status === "succeeded" || order.status === "declined") {
    throw unprocessable(
      "order_closed",
      `the order has ${order.status}; nothing is left to preview`,
      {
        id,
        status: order.status,
      },
    );
  }
  const now = ctx.clock.now();
  if (order.type === "signup") {
    const { timeline, group, start, customer } = await initialTimeline(
      ctx,
      order,
      dateOf(now),
      known,
    );
    const at = Temporal.Instant.compare(start, now) > 0 ? start : now;
    const created = dateOf(now);
    await ctx.guard({ kind: "customer", row: customer });
    const entity = await contractEntity(ctx, customer, group.currency);
    return {
      contractId: order.contract_id,
      at,
      timeline,
      unsaved: {
        id: order.contract_id,
        tenant_id: ctx.tenantId,
        customer_id: order.customer_id,
        plan_group_id: group.id,
        currency: group.currency,
        start_at: dateOf(start),
        end_at: timeline.end ? dateOf(timeline.end) : null,
        next_billing_at: null,
        last_billed_at: null,
        grace_period_end_at: null,
        resting_since: null,
        billing_frozen: false,
        business_entity_id: entity,
        active_id: null,
        moved_at: null,
        term_restarts: [],
        advance_billing: { charges: [], schedule: null },
        billed_until: null,
        contract_term: null,
        settlement_failures: 0,
        settlement_error: null,
        settlement_failed_at: null,
        settlement_parked_at: null,
        created_at: created,
        updated_at: created,
      },
    };
  }
  const row = await loadContract(ctx, order.contract_id);
  const before = await loadTimeline(ctx.db, row);
  const at = order.change_at ? toInstant(order.change_at) : now;
  const timeline = changedTimeline(before, order, at);
  return {
    contractId: row.id,
    at: Temporal.Instant.compare(at, now) > 0 ? at : now,
    timeline,
  };
}
