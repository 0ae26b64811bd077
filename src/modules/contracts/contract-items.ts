/**
 * What a contract carries besides its plan: component subscriptions (quantity-based or on/off
 * components over a time span) and rated items (one-off charges with a service period, billed
 * with the next settlement).
 */
import type { Selectable } from "kysely";
import { Temporal } from "temporal-polyfill";
import { notFound, unprocessable } from "../../domain/errors.js";
import { parseDecimal } from "../../domain/money/index.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import type { ComponentSubscriptionsTable, RatedItemsTable } from "../../storage/schema.js";
import { findInTenant } from "../catalog/catalog.repository.js";
import type { Ctx } from "../context.js";
import { type ContractRow, findContract } from "./contracts.repository.js";

export type ComponentSubscription = {
  id: string;
  contract_id: string;
  component_id: string;
  quantity: string;
  start_date: string;
  end_date: string | null;
  memo: string | null;
  created_at: string;
};

export type RatedItem = {
  id: string;
  contract_id: string;
  description: string;
  quantity: string;
  price_per_unit: string;
  period_start: string;
  period_end: string;
  billed: boolean;
  invoice_id: string | null;
  created_at: string;
};

const iso = (d: Date) => d.toISOString();
const decimal = (v: string) => parseDecimal(v).toFixed();

const toComponentSubscription = (
  r: Selectable<ComponentSubscriptionsTable>,
): ComponentSubscription => ({
  id: r.id,
  contract_id: r.contract_id,
  component_id: r.component_id,
  quantity: decimal(r.quantity),
  start_date: iso(r.start_at),
  end_date: r.end_at ? iso(r.end_at) : null,
  memo: r.memo,
  created_at: iso(r.created_at),
});

const toRatedItem = (r: Selectable<RatedItemsTable>): RatedItem => ({
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
});

function instant(
  value: string | undefined,
  field: string,
  fallback: Temporal.Instant,
): Temporal.Instant {
  return value === undefined ? fallback : parseTimestamp(value, field);
}

const date = (i: Temporal.Instant) => new Date(i.epochMilliseconds);

async function contractOf(ctx: Ctx, id: string, forUpdate = false): Promise<ContractRow> {
  const row = await findContract(ctx.db, ctx.tenantId, id, { forUpdate });
  if (!row) throw notFound("contract_not_found", `no contract ${id}`, { id });
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
  const row = await ctx.db
    .insertInto("component_subscriptions")
    .values({
      id: newId("componentSubscription"),
      tenant_id: ctx.tenantId,
      contract_id: contract.id,
      component_id: component.id,
      quantity: input.quantity,
      start_at: date(start),
      end_at: end ? date(end) : null,
      memo: input.memo ?? null,
      created_at: date(ctx.clock.now()),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const subscription = toComponentSubscription(row);
  ctx.audit({ targetType: "component_subscription", targetId: row.id, after: subscription });
  await ctx.emit({
    type: "component_subscription.created",
    subjectType: "contract",
    subjectId: contract.id,
    payload: subscription,
  });
  return subscription;
}

export async function listComponentSubscriptions(
  ctx: Ctx,
  contractId: string,
): Promise<ComponentSubscription[]> {
  await contractOf(ctx, contractId);
  const rows = await ctx.db
    .selectFrom("component_subscriptions")
    .selectAll()
    .where("tenant_id", "=", ctx.tenantId)
    .where("contract_id", "=", contractId)
    .orderBy("id")
    .execute();
  return rows.map(toComponentSubscription);
}

/** Ends a component subscription at `end_date` (after its start). */
export async function endComponentSubscription(
  ctx: Ctx,
  id: string,
  input: { end_date: string },
): Promise<ComponentSubscription> {
  const before = await ctx.db
    .selectFrom("component_subscriptions")
    .selectAll()
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!before)
    throw notFound("component_subscription_not_found", `no component subscription ${id}`, { id });
  const end = instant(input.end_date, "end_date", ctx.clock.now());
  if (end.epochMilliseconds <= before.start_at.getTime()) {
    throw unprocessable("end_before_start", "the end date must be after the start date", {
      field: "end_date",
    });
  }
  const row = await ctx.db
    .updateTable("component_subscriptions")
    .set({ end_at: date(end) })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
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
  const row = await ctx.db
    .insertInto("rated_items")
    .values({
      id: newId("ratedItem"),
      tenant_id: ctx.tenantId,
      contract_id: contract.id,
      description: input.description,
      quantity: input.quantity,
      price_per_unit: input.price_per_unit,
      period_start: date(start),
      period_end: date(end),
      billed_at: null,
      invoice_id: null,
      created_at: date(now),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const item = toRatedItem(row);
  ctx.audit({ targetType: "rated_item", targetId: row.id, after: item });
  await ctx.emit({
    type: "rated_item.created",
    subjectType: "contract",
    subjectId: contract.id,
    payload: item,
  });
  return item;
}

export async function listRatedItems(ctx: Ctx, contractId: string): Promise<RatedItem[]> {
  await contractOf(ctx, contractId);
  const rows = await ctx.db
    .selectFrom("rated_items")
    .selectAll()
    .where("tenant_id", "=", ctx.tenantId)
    .where("contract_id", "=", contractId)
    .orderBy("id")
    .execute();
  return rows.map(toRatedItem);
}
