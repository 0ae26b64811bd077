/**
 * Chargebee's Product Catalog 2.0 (item families, items, item prices) over Accrue's catalog.
 *
 * - An item family is a plan group (`plg_…`). The group fixes the currency of its prices:
 *   `currency_code` at creation, else the default business entity's first currency.
 * - An item of type `plan` is a plan (`pln_…`); its item prices are its plan variants
 *   (`plv_…`): a recurring fee per period in the group's currency.
 * - An addon is a component (`cmp_…`): Accrue's component is an item and its one price at
 *   once, so the addon item and its item price share the component's id. An addon is created
 *   with `item_price.create` naming `item_family_id` (and `item_type=addon`); its pricing
 *   model is the component's price model.
 *
 * Ids are Accrue's: the subscription resources name item prices by these same ids. Prices and
 * periods are fixed once created (contracts are billed by them); archiving is Accrue's
 * `hidden`, and a delete archives.
 */
import type { FastifyInstance } from "fastify";
import { type CbCall, cbRoute } from "./routes.js";
import {
  CbError,
  compact,
  fromMinor,
  listOf,
  minor,
  missing,
  notFound,
  notSupported,
  type Reader,
  sortedByCreation,
  unix,
  wrongValue,
} from "./wire.js";

// ---- native shapes ------------------------------------------------------------------------------

type Period = { unit: "day" | "week" | "month" | "year"; count: number };

type NativePlanGroup = {
  id: string;
  name: string;
  currency: string;
  price_type: "net" | "gross";
  created_at: string;
};

type NativePlan = {
  id: string;
  plan_group_id: string;
  name: string;
  description: string | null;
  hidden: boolean;
  created_at: string;
};

type NativeVariant = {
  id: string;
  plan_id: string;
  plan_group_id: string;
  currency: string;
  external_id: string | null;
  internal_name: string;
  description: string | null;
  recurring_fee: string;
  fee_period: Period;
  hidden: boolean;
  created_at: string;
};

type NativeComponent = {
  id: string;
  plan_group_id: string;
  name: string;
  external_id: string | null;
  type: "quantity" | "on_off" | "metered";
  unit: string | null;
  price_model: "per_unit" | "tiered" | "volume" | "package";
  price_per_unit: string;
  tiers: Array<{ from: string; price: string }>;
  package_size: string | null;
  fee_period: Period;
  hidden: boolean;
  created_at: string;
};

type Page<T> = { data: T[]; next_cursor: string | null };

// ---- objects --------------------------------------------------------------------------------------

/** An amount: `price` in minor units, or `price_in_decimal` when it has more decimals. */
function priceOf(amount: string, currency: string, key = "price"): Record<string, unknown> {
  try {
    return { [key]: minor(amount, currency) };
  } catch {
    return { [`${key}_in_decimal`]: amount };
  }
}

const WHOLE = /^[0-9]+$/;

export function itemFamilyObject(g: NativePlanGroup): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    status: "active",
    deleted: false,
    channel: "web",
    object: "item_family",
    // the currency the family's prices are in
    currency_code: g.currency,
  };
}

const status = (hidden: boolean) => (hidden ? "archived" : "active");

export function planItemObject(p: NativePlan): Record<string, unknown> {
  return compact({
    id: p.id,
    name: p.name,
    description: p.description,
    status: status(p.hidden),
    item_family_id: p.plan_group_id,
    type: "plan",
    is_shippable: false,
    is_giftable: false,
    enabled_for_checkout: true,
    enabled_in_portal: true,
    item_applicability: "all",
    metered: false,
    channel: "web",
    deleted: false,
    object: "item",
  });
}

export function addonItemObject(c: NativeComponent): Record<string, unknown> {
  return compact({
    id: c.id,
    name: c.name,
    status: status(c.hidden),
    item_family_id: c.plan_group_id,
    type: "addon",
    is_shippable: false,
    is_giftable: false,
    enabled_for_checkout: true,
    enabled_in_portal: true,
    unit: c.unit,
    metered: c.type === "metered",
    usage_calculation: c.type === "metered" ? "sum_of_usages" : undefined,
    channel: "web",
    deleted: false,
    object: "item",
  });
}

export function variantPriceObject(v: NativeVariant): Record<string, unknown> {
  return compact({
    id: v.id,
    name: v.internal_name,
    item_family_id: v.plan_group_id,
    item_id: v.plan_id,
    description: v.description,
    status: status(v.hidden),
    pricing_model: "per_unit",
    ...priceOf(v.recurring_fee, v.currency),
    period: v.fee_period.count,
    period_unit: v.fee_period.unit,
    currency_code: v.currency,
    free_quantity: 0,
    item_type: "plan",
    is_taxable: true,
    channel: "web",
    deleted: false,
    created_at: unix(v.created_at),
    metadata: v.external_id ? { external_id: v.external_id } : undefined,
    object: "item_price",
  });
}

/** Accrue's tiers (`from`: exclusive lower bound) → Chargebee's (`starting_unit` inclusive). */
function tiersOut(c: NativeComponent, currency: string): Array<Record<string, unknown>> {
  return c.tiers.map((tier, i) => {
    const next = c.tiers[i + 1]?.from;
    const whole = WHOLE.test(tier.from) && (next === undefined || WHOLE.test(next));
    const bounds = whole
      ? compact({
          starting_unit: Number(tier.from) + 1,
          ending_unit: next === undefined ? undefined : Number(next),
        })
      : compact({ starting_unit_in_decimal: tier.from, ending_unit_in_decimal: next });
    return { ...bounds, ...priceOf(tier.price, currency), pricing_type: "per_unit" };
  });
}

export function componentPriceObject(
  c: NativeComponent,
  currency: string,
): Record<string, unknown> {
  const tiered = c.price_model === "tiered" || c.price_model === "volume";
  return compact({
    id: c.id,
    name: c.name,
    item_family_id: c.plan_group_id,
    item_id: c.id,
    status: status(c.hidden),
    pricing_model: c.price_model,
    ...(tiered ? {} : priceOf(c.price_per_unit, currency)),
    tiers: tiered ? tiersOut(c, currency) : undefined,
    package_size: c.package_size ?? undefined,
    period: c.fee_period.count,
    period_unit: c.fee_period.unit,
    currency_code: currency,
    free_quantity: 0,
    item_type: "addon",
    is_taxable: true,
    channel: "web",
    deleted: false,
    created_at: unix(c.created_at),
    metadata: c.external_id ? { external_id: c.external_id } : undefined,
    object: "item_price",
  });
}

// ---- lookups ----------------------------------------------------------------------------------------

const isPlan = (id: string) => id.startsWith("pln_");
const isComponent = (id: string) => id.startsWith("cmp_");
const isVariant = (id: string) => id.startsWith("plv_");

const enc = encodeURIComponent;

async function orNotFound<T>(what: string, read: () => Promise<T>, param?: string): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CbError && error.status === 404) throw notFound(what, param);
    throw error;
  }
}

const getGroup = (call: CbCall, id: string, param?: string): Promise<NativePlanGroup> =>
  orNotFound(`item_family ${id}`, () => call.get(`/v1/plan_groups/${enc(id)}`), param);

async function currencyOfGroup(call: CbCall, groupId: string): Promise<string> {
  return (await getGroup(call, groupId)).currency;
}

/** An item (plan or addon) by id. */
async function loadItem(call: CbCall, id: string): Promise<Record<string, unknown>> {
  if (isPlan(id)) {
    return planItemObject(await orNotFound(`item ${id}`, () => call.get(`/v1/plans/${enc(id)}`)));
  }
  if (isComponent(id)) {
    return addonItemObject(
      await orNotFound(`item ${id}`, () => call.get(`/v1/components/${enc(id)}`)),
    );
  }
  throw notFound(`item ${id}`);
}

async function loadItemPrice(call: CbCall, id: string): Promise<Record<string, unknown>> {
  if (isVariant(id)) {
    return variantPriceObject(
      await orNotFound(`item_price ${id}`, () => call.get(`/v1/plan_variants/${enc(id)}`)),
    );
  }
  if (isComponent(id)) {
    const c: NativeComponent = await orNotFound(`item_price ${id}`, () =>
      call.get(`/v1/components/${enc(id)}`),
    );
    return componentPriceObject(c, await currencyOfGroup(call, c.plan_group_id));
  }
  throw notFound(`item_price ${id}`);
}

// ---- reading parameters ------------------------------------------------------------------------------

/** `status` on update: `archived` hides the entry (new orders refuse it), `active` shows it. */
function hiddenOf(p: Reader): boolean | undefined {
  const s = p.oneOf("status", ["active", "archived"]);
  return s === undefined ? undefined : s === "archived";
}

function periodOf(p: Reader): Period | undefined {
  const unit = p.oneOf("period_unit", ["day", "week", "month", "year"] as const);
  const count = p.int("period", 1, 9999);
  if (unit === undefined && count === undefined) return undefined;
  if (unit === undefined) throw missing("period_unit");
  return { unit, count: count ?? 1 };
}

/** A price in minor units (`price`) or in decimals (`price_in_decimal`) → Accrue's decimal. */
function priceIn(p: Reader, currency: string, key = "price"): string | undefined {
  const units = p.int(key, 0);
  const decimal = p.str(`${key}_in_decimal`, 40);
  if (units !== undefined && decimal !== undefined) {
    throw wrongValue(`${key}_in_decimal`, `give ${key} or ${key}_in_decimal, not both`);
  }
  if (decimal !== undefined && decimal !== "") {
    if (!/^[0-9]+(\.[0-9]+)?$/.test(decimal)) {
      throw wrongValue(`${key}_in_decimal`, "must be a decimal");
    }
    return decimal;
  }
  return units === undefined ? undefined : fromMinor(units, currency);
}

/**
 * Chargebee's tiers (`tiers[starting_unit][i]` inclusive, from 1; `ending_unit` inclusive, the
 * last open) → Accrue's (`from`: the exclusive lower bound, from 0).
 */
function tiersIn(p: Reader, currency: string): Array<{ from: string; price: string }> {
  const rows = p.rows("tiers", 50);
  let expected = 1;
  return rows.map((row, i) => {
    const start = row.int("starting_unit", 1);
    const end = row.int("ending_unit", 1);
    const price = priceIn(row, currency);
    const pricingType = row.oneOf("pricing_type", ["per_unit", "flat_fee", "package"]);
    if (pricingType && pricingType !== "per_unit") {
      throw notSupported(`tiers[pricing_type][${i}]`, "tiers are priced per unit");
    }
    row.rejectUnread();
    if (start !== undefined && start !== expected) {
      throw wrongValue(`tiers[starting_unit][${i}]`, `must be ${expected}`);
    }
    if (end === undefined && i < rows.length - 1) throw missing(`tiers[ending_unit][${i}]`);
    if (end !== undefined && end < expected) {
      throw wrongValue(`tiers[ending_unit][${i}]`, "must not be below the starting unit");
    }
    if (end !== undefined && i === rows.length - 1) {
      throw wrongValue(`tiers[ending_unit][${i}]`, "the last tier is open: leave it out");
    }
    if (price === undefined) throw missing(`tiers[price][${i}]`);
    const from = String(expected - 1);
    expected = (end ?? 0) + 1;
    return { from, price };
  });
}

/** Parameters Chargebee sends with defaults only Accrue has: the defaults are accepted. */
function acceptDefaults(p: Reader): void {
  const proration = p.oneOf("proration_type", ["site_default", "partial_term", "full_term"]);
  if (proration && proration !== "site_default") throw notSupported("proration_type");
  if (p.bool("is_taxable") === false) throw notSupported("is_taxable", "false is not supported");
  const free = p.int("free_quantity", 0);
  if (free) throw notSupported("free_quantity", "free quantities are the plan variant's quotas");
}

const MODELS = ["flat_fee", "per_unit", "tiered", "volume", "stairstep", "package"] as const;

// ---- routes --------------------------------------------------------------------------------------------

export async function chargebeeCatalogRoutes(app: FastifyInstance): Promise<void> {
  // ---- item families (plan groups)

  cbRoute(app, "POST", "/item_families", "item_family.create", async (call) => {
    const p = call.params;
    if (p.has("id")) throw notSupported("id", "Accrue chooses the id (answered in id)");
    if (p.has("description")) throw notSupported("description", "an item family has a name only");
    const name = p.required("name", 200);
    let currency = p.str("currency_code", 3);
    const entity = p.str("business_entity_id", 64) ?? call.entity;
    p.rejectUnread();
    if (!currency) {
      const entities = await call.get("/v1/business_entities");
      const list = entities.data as Array<{
        id: string;
        is_default: boolean;
        currencies: string[];
      }>;
      const chosen = list.find((e) => (entity ? e.id === entity : e.is_default)) ?? list[0];
      currency = chosen?.currencies?.[0];
      if (!currency) throw missing("currency_code");
    }
    const created = await call.change("POST", "/v1/plan_groups", {
      name,
      currency,
      price_type: "net",
    });
    return { item_family: itemFamilyObject(created) };
  });

  cbRoute(app, "GET", "/item_families/:id", "item_family.retrieve", async (call) => {
    call.params.rejectUnread();
    return { item_family: itemFamilyObject(await getGroup(call, call.id)) };
  });

  cbRoute(app, "GET", "/item_families", "item_family.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const is = p.filterIs("id", 64);
    sortedByCreation(p);
    p.rejectUnread();
    if (is) {
      const one = await getGroup(call, is).catch(() => undefined);
      return listOf(one ? [{ item_family: itemFamilyObject(one) }] : [], null);
    }
    const page: Page<NativePlanGroup> = await call.get("/v1/plan_groups", {
      limit,
      cursor: offset,
    });
    return listOf(
      page.data.map((g) => ({ item_family: itemFamilyObject(g) })),
      page.next_cursor,
    );
  });

  cbRoute(app, "POST", "/item_families/:id", "item_family.update", async (call) => {
    const p = call.params;
    if (p.has("description")) throw notSupported("description", "an item family has a name only");
    const name = p.str("name", 200);
    p.rejectUnread();
    await getGroup(call, call.id, "id");
    const updated = await call.change("PATCH", `/v1/plan_groups/${enc(call.id)}`, {
      ...(name ? { name } : {}),
    });
    return { item_family: itemFamilyObject(updated) };
  });

  cbRoute(app, "POST", "/item_families/:id/delete", "item_family.delete", async (call) => {
    call.params.rejectUnread();
    await getGroup(call, call.id, "id");
    throw new CbError(
      400,
      "invalid_state_for_request",
      "an item family is kept: contracts are billed by its catalog; archive its items instead",
      "invalid_request",
    );
  });

  // ---- items (plans; addons are components)

  cbRoute(app, "POST", "/items", "item.create", async (call) => {
    const p = call.params;
    if (p.has("id")) throw notSupported("id", "Accrue chooses the id (answered in id)");
    const type = p.oneOf("type", ["plan", "addon", "charge"]);
    if (!type) throw missing("type");
    if (type !== "plan") {
      throw notSupported(
        "type",
        "an addon is one component, item and price at once: create it with item_price.create (item_family_id, item_type=addon)",
      );
    }
    const name = p.required("name", 200);
    const family = p.required("item_family_id", 64);
    const description = p.str("description", 2000);
    acceptItemDefaults(p);
    p.rejectUnread();
    await getGroup(call, family, "item_family_id");
    const created = await call.change("POST", "/v1/plans", {
      plan_group_id: family,
      name,
      ...(description ? { description } : {}),
    });
    return { item: planItemObject(created) };
  });

  cbRoute(app, "GET", "/items/:id", "item.retrieve", async (call) => {
    call.params.rejectUnread();
    return { item: await loadItem(call, call.id) };
  });

  cbRoute(app, "POST", "/items/:id", "item.update", async (call) => {
    const p = call.params;
    const name = p.str("name", 200);
    const hidden = hiddenOf(p);
    if (isPlan(call.id)) {
      const description = p.text("description", 2000);
      const family = p.str("item_family_id", 64);
      acceptItemDefaults(p);
      p.rejectUnread();
      const current: NativePlan = await orNotFound(`item ${call.id}`, () =>
        call.get(`/v1/plans/${enc(call.id)}`),
      );
      if (family && family !== current.plan_group_id) {
        throw notSupported("item_family_id", "an item stays in its item family");
      }
      const updated = await call.change("PATCH", `/v1/plans/${enc(call.id)}`, {
        ...(name ? { name } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(hidden !== undefined ? { hidden } : {}),
      });
      return { item: planItemObject(updated) };
    }
    if (!isComponent(call.id)) throw notFound(`item ${call.id}`);
    const unit = p.text("unit", 50);
    acceptItemDefaults(p);
    p.rejectUnread();
    await loadItem(call, call.id);
    const updated = await call.change("PATCH", `/v1/components/${enc(call.id)}`, {
      ...(name ? { name } : {}),
      ...(unit !== undefined ? { unit } : {}),
      ...(hidden !== undefined ? { hidden } : {}),
    });
    return { item: addonItemObject(updated) };
  });

  cbRoute(app, "GET", "/items", "item.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const type = oneOfFilter(p, "type", ["plan", "addon", "charge"]);
    const family = p.filterIs("item_family_id", 64);
    sortedByCreation(p);
    p.rejectUnread();
    return listTwo({
      limit,
      offset,
      first: type === undefined || type === "plan",
      second: type === undefined || type === "addon",
      readFirst: (cursor) =>
        call.get("/v1/plans", { limit, cursor, parent_id: family }) as Promise<Page<NativePlan>>,
      readSecond: (cursor) =>
        call.get("/v1/components", { limit, cursor, parent_id: family }) as Promise<
          Page<NativeComponent>
        >,
      first_: (plan: NativePlan) => ({ item: planItemObject(plan) }),
      second_: async (c: NativeComponent) => ({ item: addonItemObject(c) }),
    });
  });

  cbRoute(app, "POST", "/items/:id/delete", "item.delete", async (call) => {
    call.params.rejectUnread();
    await loadItem(call, call.id);
    const url = isPlan(call.id) ? `/v1/plans/${enc(call.id)}` : `/v1/components/${enc(call.id)}`;
    const hidden = await call.change("PATCH", url, { hidden: true });
    const item = isPlan(call.id) ? planItemObject(hidden) : addonItemObject(hidden);
    return { item: { ...item, status: "deleted", deleted: true } };
  });

  // ---- item prices (plan variants and components)

  cbRoute(app, "POST", "/item_prices", "item_price.create", async (call) => {
    const p = call.params;
    const externalId = p.str("id", 100);
    const name = p.required("name", 200);
    const itemId = p.str("item_id", 64);
    const familyId = p.str("item_family_id", 64);
    const itemType = p.oneOf("item_type", ["plan", "addon", "charge"]);
    const description = p.str("description", 2000);
    const currencyCode = p.str("currency_code", 3);
    const model = p.oneOf("pricing_model", MODELS) ?? "flat_fee";
    const entity = p.str("business_entity_id", 64);
    if (entity) throw notSupported("business_entity_id", "an item price is the tenant's");
    acceptDefaults(p);
    if (itemType === "charge") {
      throw notSupported("item_type", "one-off charges are invoiced with invoice charges");
    }
    if (model === "stairstep") {
      throw notSupported("pricing_model", "stairstep pricing is not available");
    }
    if (itemId && isPlan(itemId)) {
      // a plan's price: a plan variant
      if (model !== "flat_fee" && model !== "per_unit") {
        throw notSupported("pricing_model", "a plan's price is flat_fee or per_unit");
      }
      for (const key of ["trial_period", "trial_period_unit", "trial_end_action"]) {
        if (p.has(key)) throw notSupported(key, "the trial is the plan's (its item's)");
      }
      if (p.has("billing_cycles")) throw notSupported("billing_cycles");
      const plan: NativePlan = await orNotFound(
        `item ${itemId}`,
        () => call.get(`/v1/plans/${enc(itemId)}`),
        "item_id",
      );
      const currency = await currencyOfGroup(call, plan.plan_group_id);
      if (currencyCode && currencyCode !== currency) {
        throw wrongValue("currency_code", `the item family's prices are in ${currency}`);
      }
      const fee = priceIn(p, currency);
      const period = periodOf(p);
      p.rejectUnread();
      if (fee === undefined) throw missing("price");
      const created = await call.change("POST", "/v1/plan_variants", {
        plan_id: itemId,
        internal_name: name,
        ...(externalId ? { external_id: externalId } : {}),
        ...(description ? { description } : {}),
        recurring_fee: fee,
        fee_period: period ?? { unit: "month", count: 1 },
      });
      return { item_price: variantPriceObject(created) };
    }
    // an addon: a component of the item family, item and price at once
    if (itemId && !familyId) {
      throw wrongValue(
        "item_id",
        "names a plan item (pln_…); an addon's price names item_family_id and item_type=addon",
      );
    }
    if (!familyId) throw missing("item_id");
    const metered = p.bool("metered") ?? false;
    const unit = p.str("unit", 50);
    const group = await getGroup(call, familyId, "item_family_id");
    if (currencyCode && currencyCode !== group.currency) {
      throw wrongValue("currency_code", `the item family's prices are in ${group.currency}`);
    }
    const price = priceIn(p, group.currency);
    const tiers = tiersIn(p, group.currency);
    const period = periodOf(p);
    p.rejectUnread();
    const tiered = model === "tiered" || model === "volume";
    if (tiered && tiers.length === 0) throw missing("tiers[starting_unit][0]");
    if (!tiered && tiers.length > 0)
      throw wrongValue("pricing_model", "tiers need tiered or volume");
    if (!tiered && price === undefined) throw missing("price");
    if (model === "package") throw notSupported("pricing_model", "package is not available here");
    const created: NativeComponent = await call.change("POST", "/v1/components", {
      plan_group_id: familyId,
      name,
      ...(externalId ? { external_id: externalId } : {}),
      type: metered ? "metered" : "quantity",
      ...(unit ? { unit } : {}),
      price_model: tiered ? model : "per_unit",
      ...(tiered ? { tiers } : { price_per_unit: price }),
      ...(period ? { fee_period: period } : {}),
    });
    return { item_price: componentPriceObject(created, group.currency) };
  });

  cbRoute(app, "GET", "/item_prices/:id", "item_price.retrieve", async (call) => {
    call.params.rejectUnread();
    return { item_price: await loadItemPrice(call, call.id) };
  });

  cbRoute(app, "POST", "/item_prices/:id", "item_price.update", async (call) => {
    const p = call.params;
    const name = p.str("name", 200);
    const hidden = hiddenOf(p);
    const current = await loadItemPrice(call, call.id);
    const currency = current.currency_code as string;
    const code = p.str("currency_code", 3);
    if (code && code !== currency) {
      throw wrongValue("currency_code", `the item family's prices are in ${currency}`);
    }
    const price = priceIn(p, currency);
    const period = periodOf(p);
    acceptDefaults(p);
    const model = p.oneOf("pricing_model", MODELS);
    if (isVariant(call.id)) {
      const description = p.text("description", 2000);
      p.rejectUnread();
      if (model && model !== "flat_fee" && model !== "per_unit") {
        throw notSupported("pricing_model", "a plan's price is flat_fee or per_unit");
      }
      // prices and periods are fixed: the native operation refuses a change of them
      const updated = await call.change("PATCH", `/v1/plan_variants/${enc(call.id)}`, {
        ...(name ? { internal_name: name } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(hidden !== undefined ? { hidden } : {}),
        ...(price !== undefined ? { recurring_fee: price } : {}),
        ...(period ? { fee_period: period } : {}),
      });
      return { item_price: variantPriceObject(updated) };
    }
    const tiers = tiersIn(p, currency);
    p.rejectUnread();
    if (model === "stairstep" || model === "flat_fee") throw notSupported("pricing_model");
    const updated = await call.change("PATCH", `/v1/components/${enc(call.id)}`, {
      ...(name ? { name } : {}),
      ...(hidden !== undefined ? { hidden } : {}),
      ...(price !== undefined ? { price_per_unit: price } : {}),
      ...(tiers.length > 0 ? { tiers } : {}),
      ...(model ? { price_model: model } : {}),
      ...(period ? { fee_period: period } : {}),
    });
    return { item_price: componentPriceObject(updated, currency) };
  });

  cbRoute(app, "GET", "/item_prices", "item_price.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const itemType = oneOfFilter(p, "item_type", ["plan", "addon", "charge"]);
    const itemId = p.filterIs("item_id", 64);
    const family = p.filterIs("item_family_id", 64);
    sortedByCreation(p);
    p.rejectUnread();
    const currencies = new Map<string, string>();
    const currencyOf = async (group: string) => {
      let currency = currencies.get(group);
      if (!currency) {
        currency = await currencyOfGroup(call, group);
        currencies.set(group, currency);
      }
      return currency;
    };
    if (itemId && isComponent(itemId)) {
      if (itemType && itemType !== "addon") return listOf([], null);
      const one = await loadItemPrice(call, itemId).catch(() => undefined);
      return listOf(
        one && (!family || one.item_family_id === family) ? [{ item_price: one }] : [],
        null,
      );
    }
    const plansOnly = itemId !== undefined;
    return listTwo({
      limit,
      offset,
      first: itemType === undefined || itemType === "plan",
      second: !plansOnly && (itemType === undefined || itemType === "addon"),
      readFirst: async (cursor) => {
        const page: Page<NativeVariant> = await call.get("/v1/plan_variants", {
          limit,
          cursor,
          parent_id: itemId,
        });
        // variants are listed by plan: the family is filtered within the page
        return family
          ? { ...page, data: page.data.filter((v) => v.plan_group_id === family) }
          : page;
      },
      readSecond: (cursor) =>
        call.get("/v1/components", { limit, cursor, parent_id: family }) as Promise<
          Page<NativeComponent>
        >,
      first_: (v: NativeVariant) => ({ item_price: variantPriceObject(v) }),
      second_: async (c: NativeComponent) => ({
        item_price: componentPriceObject(c, await currencyOf(c.plan_group_id)),
      }),
    });
  });

  cbRoute(app, "POST", "/item_prices/:id/delete", "item_price.delete", async (call) => {
    call.params.rejectUnread();
    const current = await loadItemPrice(call, call.id);
    const url = isVariant(call.id)
      ? `/v1/plan_variants/${enc(call.id)}`
      : `/v1/components/${enc(call.id)}`;
    await call.change("PATCH", url, { hidden: true });
    return { item_price: { ...current, status: "deleted", deleted: true } };
  });
}

/** Item parameters whose Chargebee defaults are Accrue's only behaviour. */
function acceptItemDefaults(p: Reader): void {
  for (const key of ["is_shippable", "is_giftable", "metered"] as const) {
    if (p.bool(key)) throw notSupported(key, "true is not supported here");
  }
  for (const key of ["enabled_in_portal", "enabled_for_checkout"] as const) {
    if (p.bool(key) === false) throw notSupported(key, "false is not supported");
  }
  const applicability = p.oneOf("item_applicability", ["all", "restricted"]);
  if (applicability === "restricted") throw notSupported("item_applicability");
}

/** An enum filter with `is` alone (`type[is]=plan`). */
function oneOfFilter<T extends string>(
  p: Reader,
  key: string,
  values: readonly T[],
): T | undefined {
  const filter = p.object(key);
  if (!filter) return undefined;
  const value = filter.oneOf("is", values);
  filter.rejectUnread();
  return value;
}

/**
 * A Chargebee list over two native lists, one after the other: the offset says which list and
 * where in it (`a:<cursor>` or `b:<cursor>`). A page holds entries of one list only.
 */
async function listTwo<A, B>(o: {
  limit: number;
  offset: string | undefined;
  first: boolean;
  second: boolean;
  readFirst: (cursor: string | undefined) => Promise<Page<A>>;
  readSecond: (cursor: string | undefined) => Promise<Page<B>>;
  first_: (a: A) => Record<string, unknown>;
  second_: (b: B) => Promise<Record<string, unknown>>;
}) {
  let part: "a" | "b" = o.first ? "a" : "b";
  let cursor: string | undefined;
  if (o.offset) {
    const match = /^([ab]):(.*)$/.exec(o.offset);
    if (!match) throw wrongValue("offset", "is not an offset this list answered");
    part = match[1] as "a" | "b";
    cursor = match[2] || undefined;
  }
  if (part === "a" && o.first) {
    const page = await o.readFirst(cursor);
    const next = page.next_cursor ? `a:${page.next_cursor}` : o.second ? "b:" : null;
    return listOf(page.data.map(o.first_), next);
  }
  if (!o.second) return listOf([], null);
  const page = await o.readSecond(cursor);
  const items = [];
  for (const b of page.data) items.push(await o.second_(b));
  return listOf(items, page.next_cursor ? `b:${page.next_cursor}` : null);
}
