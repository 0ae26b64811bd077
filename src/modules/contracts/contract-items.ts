/**
 * What a contract carries besides its plan: component subscriptions (quantity-based or on/off
 * components over a time span) and rated items (one-off charges with a service period, billed
 * with the next settlement).
 */
import { Temporal } from "temporal-polyfill";
import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import { parseDecimal } from "../../domain/money/index.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import { findInTenant } from "../catalog/index.js";
import { type Ctx, dateOf } from "../context.js";
import { assertAfterBilledUntil } from "./billed-until.js";

import {
  type ComponentSubscriptionRow,
  deleteComponentSubscription,
  deleteUnbilledRatedItem,
  endComponentSubscriptionAt,
  findComponentSubscription,
  findRatedItem,
  insertComponentSubscription,
  insertRatedItem,
  listComponentSubscriptionRows,
  listRatedItemRows,
  lockComponentSubscriptionsFrom,
  type RatedItemRow,
} from "./contract-items.repository.js";
import { type ContractRow, findContract, markDue } from "./contracts.repository.js";
import type { ComponentSubscriptionSchema, RatedItemSchema } from "./contracts.schemas.js";

/** A component subscription as the API returns it. */
export type ComponentSubscription = Static<typeof ComponentSubscriptionSchema>;

/** A rated item as the API returns it. */
export type RatedItem = Static<typeof RatedItemSchema>;

const iso = (d: Date) => d.toISOString();
const decimal = (v: string) => parseDecimal(v).toFixed();

const toComponentSubscription = (r: ComponentSubscriptionRow): ComponentSubscription => ({
  id: r.id,
  contract_id: r.contract_id,
  component_id: r.component_id,
  quantity: decimal(r.quantity),
  start_date: iso(r.start_at),
  end_date: r.end_at ? iso(r.end_at) : null,
  memo: r.memo,
  created_at: iso(r.created_at),
});

const toRatedItem = (r: RatedItemRow): RatedItem => ({
  id: r.id,
  contract_id: r.contract_id,
  description: r.description,
  quantity: decimal(r.quantity),
  price_per_unit: decimal(r.price_per_unit),
  period_start: iso(r.period_start),
  period_end: iso(r.period_end),
  billed: r.billed_at !== null,
  invoice_id: r.invoice_id,
  created_at: iso(r.created_at),
  due_at: r.due_at ? iso(r.due_at) : null,
});

function instant(
  value: string | undefined,
  field: string,
  fallback: Temporal.Instant,
): Temporal.Instant {
  return value === undefined ? fallback : parseTimestamp(value, field);
}

/** The contract an operation works on: checked against the transfer rules. */
async function contractOf(ctx: Ctx, id: string, forUpdate = false): Promise<ContractRow> {
  const row = await findContract(ctx.db, ctx.tenantId, id, { forUpdate });
  if (!row) throw notFound("contract_not_found", `no contract ${id}`, { id });
  await ctx.guard({ kind: "contract", row });
  return row;
}

// ---- component subscriptions --------------------------------------------------------------

export async function subscribeComponent(
  ctx: Ctx,
  contractId: string,
  input: {
    component_id: string;
    quantity: string;
    start_date?: string;
    end_date?: string;
    memo?: string;
  },
): Promise<ComponentSubscription> {
  const contract = await contractOf(ctx, contractId, true);
  const component = await findInTenant(ctx.db, "components", ctx.tenantId, input.component_id);
  if (!component || component.plan_group_id !== contract.plan_group_id) {
    throw unprocessable(
      "unknown_component",
      `no component ${input.component_id} in the contract's plan group`,
      {
        field: "component_id",
      },
    );
  }
  if (component.type === "metered") {
    throw unprocessable(
      "component_metered",
      "metered components are billed by usage, not subscribed",
      {
        field: "component_id",
      },
    );
  }
  if (component.type === "on_off" && !["0", "1"].includes(decimal(input.quantity))) {
    throw unprocessable("invalid_quantity", "an on/off component has quantity 0 or 1", {
      field: "quantity",
    });
  }
  const start = instant(input.start_date, "start_date", ctx.clock.now());
  assertAfterBilledUntil(contract, start, "start_date");
  const contractStart = Temporal.Instant.fromEpochMilliseconds(contract.start_at.getTime());
  if (Temporal.Instant.compare(start, contractStart) < 0) {
    throw unprocessable("start_before_contract", "a component cannot start before its contract", {
      field: "start_date",
    });
  }
  const end = input.end_date === undefined ? null : instant(input.end_date, "end_date", start);
  if (end && Temporal.Instant.compare(end, start) <= 0) {
    throw unprocessable("end_before_start", "the end date must be after the start date", {
      field: "end_date",
    });
  }
  return addComponentSubscription(ctx, contract.id, {
    componentId: component.id,
    quantity: input.quantity,
    start: dateOf(start),
    end: end ? dateOf(end) : null,
    memo: input.memo ?? null,
  });
}

export async function listComponentSubscriptions(
  ctx: Ctx,
  contractId: string,
): Promise<ComponentSubscription[]> {
  await contractOf(ctx, contractId);
  const rows = await listComponentSubscriptionRows(ctx.db, ctx.tenantId, contractId);
  return rows.map(toComponentSubscription);
}

/** Ends a component subscription at `end_date` (after its start). */
export async function endComponentSubscription(
  ctx: Ctx,
  id: string,
  input: { end_date: string },
): Promise<ComponentSubscription> {
  const before = await findComponentSubscription(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!before)
    throw notFound("component_subscription_not_found", `no component subscription ${id}`, { id });
  const contract = await contractOf(ctx, before.contract_id);
  const end = instant(input.end_date, "end_date", ctx.clock.now());
  assertAfterBilledUntil(contract, end, "end_date");
  if (end.epochMilliseconds <= before.start_at.getTime()) {
    throw unprocessable("end_before_start", "the end date must be after the start date", {
      field: "end_date",
    });
  }
  const row = await endComponentSubscriptionAt(ctx.db, id, dateOf(end));
  const after = toComponentSubscription(row);
  ctx.audit({
    targetType: "component_subscription",
    targetId: id,
    before: toComponentSubscription(before),
    after,
  });
  await ctx.emit({
    type: "component_subscription.ended",
    subjectType: "contract",
    subjectId: row.contract_id,
    payload: after,
  });
  return after;
}

// ---- rated items --------------------------------------------------------------------------

export async function addRatedItem(
  ctx: Ctx,
  contractId: string,
  input: {
    description: string;
    quantity: string;
    price_per_unit: string;
    period_start?: string;
    period_end?: string;
  },
  /** Billed from this instant (a charge at the term end) instead of the next settlement. */
  options: { dueAt?: Temporal.Instant } = {},
): Promise<RatedItem> {
  const contract = await contractOf(ctx, contractId);
  const now = ctx.clock.now();
  const start = instant(input.period_start, "period_start", now);
  const end = instant(input.period_end, "period_end", start);
  if (Temporal.Instant.compare(end, start) < 0) {
    throw unprocessable("end_before_start", "period_end must not be before period_start", {
      field: "period_end",
    });
  }
  const row = await insertRatedItem(ctx.db, {
    id: newId("ratedItem"),
    tenant_id: ctx.tenantId,
    contract_id: contract.id,
    description: input.description,
    quantity: input.quantity,
    price_per_unit: input.price_per_unit,
    period_start: dateOf(start),
    period_end: dateOf(end),
    billed_at: null,
    invoice_id: null,
    created_at: dateOf(now),
    due_at: options.dueAt ? dateOf(options.dueAt) : null,
  });
  const item = toRatedItem(row);
  ctx.audit({ targetType: "rated_item", targetId: row.id, after: item });
  // billed now, unless later (the contract's billing date comes by then)
  if (!options.dueAt) {
    await markDue(
      ctx.db,
      ctx.tenantId,
      [row.contract_id],
      new Date(ctx.clock.now().epochMilliseconds),
    );
  }
  await ctx.emit({
    type: "rated_item.created",
    subjectType: "contract",
    subjectId: contract.id,
    payload: item,
  });
  return item;
}

/**
 * Deletes a one-off charge no invoice billed yet (Chargebee's unbilled_charges delete). The
 * contract is locked first, so a billing run settling it either billed the item before (and
 * the deletion is refused) or sees it gone.
 */
export async function deleteRatedItem(ctx: Ctx, contractId: string, id: string): Promise<void> {
  await contractOf(ctx, contractId, true);
  const row = await findRatedItem(ctx.db, ctx.tenantId, contractId, id);
  if (!row) {
    throw notFound("rated_item_not_found", `contract ${contractId} has no rated item ${id}`, {
      id,
    });
  }
  if (row.billed_at !== null || !(await deleteUnbilledRatedItem(ctx.db, ctx.tenantId, id))) {
    throw unprocessable(
      "rated_item_billed",
      `rated item ${id} is billed on invoice ${row.invoice_id}; credit the invoice instead`,
      { id, invoice_id: row.invoice_id },
    );
  }
  const before = toRatedItem(row);
  ctx.audit({ targetType: "rated_item", targetId: id, before, after: null });
  await ctx.emit({
    type: "rated_item.deleted",
    subjectType: "contract",
    subjectId: contractId,
    payload: before,
  });
}

export async function listRatedItems(ctx: Ctx, contractId: string): Promise<RatedItem[]> {
  await contractOf(ctx, contractId);
  const rows = await listRatedItemRows(ctx.db, ctx.tenantId, contractId);
  return rows.map(toRatedItem);
}

// ---- order carts --------------------------------------------------------------------------

export type CartComponent = { component_id: string; quantity: string; memo?: string | undefined };

/**
 * Checks an order's components: each of the plan group, subscribable (not metered: metered
 * components are billed from usage), once per cart; on/off takes 0 or 1; a signup starts
 * components with a quantity above 0 (0 ends a component, which a new contract has none of).
 */
export async function validateCartComponents(
  ctx: Ctx,
  planGroupId: string,
  components: readonly CartComponent[],
  kind: "signup" | "change",
): Promise<CartComponent[]> {
  const seen = new Set<string>();
  const out: CartComponent[] = [];
  for (const [i, item] of components.entries()) {
    const field = `components.${i}`;
    const component = await findInTenant(ctx.db, "components", ctx.tenantId, item.component_id);
    if (!component || component.plan_group_id !== planGroupId) {
      throw unprocessable(
        "unknown_component",
        `no component ${item.component_id} in the contract's plan group`,
        { field: `${field}.component_id` },
      );
    }
    if (component.type === "metered") {
      throw unprocessable(
        "component_metered",
        "metered components are billed from usage, not ordered",
        { field: `${field}.component_id` },
      );
    }
    if (seen.has(component.id)) {
      throw unprocessable("duplicate_component", "a cart names each component once", {
        field: `${field}.component_id`,
      });
    }
    seen.add(component.id);
    const quantity = decimal(item.quantity);
    if (component.type === "on_off" && !["0", "1"].includes(quantity)) {
      throw unprocessable("invalid_quantity", "an on/off component has quantity 0 or 1", {
        field: `${field}.quantity`,
      });
    }
    if (kind === "signup" && quantity === "0") {
      throw unprocessable(
        "invalid_quantity",
        "a signup orders components with a quantity above 0",
        {
          field: `${field}.quantity`,
        },
      );
    }
    out.push({
      component_id: component.id,
      quantity,
      ...(item.memo === undefined ? {} : { memo: item.memo }),
    });
  }
  return out;
}

/**
 * Sets a component's quantity on a contract from `at` on: the subscription running at `at`
 * ends there, one scheduled to start at or after `at` is superseded (deleted), and unless the
 * quantity is 0 a new subscription starts at `at`. Audited and evented one by one.
 */
export async function setComponentQuantity(
  ctx: Ctx,
  contract: ContractRow,
  item: CartComponent,
  at: Temporal.Instant,
): Promise<void> {
  const atDate = dateOf(at);
  const running = await lockComponentSubscriptionsFrom(
    ctx.db,
    ctx.tenantId,
    contract.id,
    item.component_id,
    atDate,
  );
  for (const before of running) {
    if (before.start_at < atDate) {
      const row = await endComponentSubscriptionAt(ctx.db, before.id, atDate);
      const after = toComponentSubscription(row);
      ctx.audit({
        targetType: "component_subscription",
        targetId: row.id,
        before: toComponentSubscription(before),
        after,
      });
      await ctx.emit({
        type: "component_subscription.ended",
        subjectType: "contract",
        subjectId: contract.id,
        payload: after,
      });
    } else {
      await deleteComponentSubscription(ctx.db, before.id);
      const superseded = toComponentSubscription(before);
      ctx.audit({
        targetType: "component_subscription",
        targetId: before.id,
        before: superseded,
        after: null,
      });
      await ctx.emit({
        type: "component_subscription.superseded",
        subjectType: "contract",
        subjectId: contract.id,
        payload: superseded,
      });
    }
  }
  if (decimal(item.quantity) === "0") return;
  await addComponentSubscription(ctx, contract.id, {
    componentId: item.component_id,
    quantity: item.quantity,
    start: atDate,
    end: null,
    memo: item.memo ?? null,
  });
}

/** Writes a component subscription, with its audit record and event; billing will see it. */
async function addComponentSubscription(
  ctx: Ctx,
  contractId: string,
  input: {
    componentId: string;
    quantity: string;
    start: Date;
    end: Date | null;
    memo: string | null;
  },
): Promise<ComponentSubscription> {
  const row = await insertComponentSubscription(ctx.db, {
    id: newId("componentSubscription"),
    tenant_id: ctx.tenantId,
    contract_id: contractId,
    component_id: input.componentId,
    quantity: input.quantity,
    start_at: input.start,
    end_at: input.end,
    memo: input.memo,
    created_at: dateOf(ctx.clock.now()),
  });
  const subscription = toComponentSubscription(row);
  ctx.audit({ targetType: "component_subscription", targetId: row.id, after: subscription });
  await markDue(ctx.db, ctx.tenantId, [contractId], new Date(ctx.clock.now().epochMilliseconds));
  await ctx.emit({
    type: "component_subscription.created",
    subjectType: "contract",
    subjectId: contractId,
    payload: subscription,
  });
  return subscription;
}
