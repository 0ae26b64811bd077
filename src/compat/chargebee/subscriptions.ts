/**
 * Chargebee's subscriptions (Product Catalog 2.0: "for items") over Accrue's contracts,
 * orders and subscription actions.
 *
 * Ids: a subscription is a contract (`con_…`). An item price is a catalog entry by its own
 * id: a plan variant (`plv_…`, item type `plan`) or a component (`cmp_…`, item type `addon`).
 * A subscription holds one plan item (the contract's plan variant and plan quantity) and an
 * addon item per component it subscribes to.
 *
 * Calls: creating or updating a subscription is one order created and committed in one
 * request (`POST /v1/orders` with `commit`); cancelling, pausing and resuming are `terminate`,
 * `rest` and `end_resting` actions, now or scheduled for a date (a scheduled one is removed
 * by cancelling the action). An update dated later is a change order written into the
 * contract ahead (its scheduled changes, `GET /v1/contracts/{id}/scheduled_changes`), and
 * removed with `POST /v1/contracts/{id}/remove_scheduled_changes`.
 */
import type { FastifyInstance } from "fastify";
import { customerId, customerObject } from "./customers.js";
import { type CbCall, cbRoute } from "./routes.js";
import { fixedIntervals, specificDates } from "./schedules.js";
import {
  CbError,
  compact,
  listOf,
  minor,
  notFound,
  notSupported,
  type Reader,
  unix,
  wrongValue,
} from "./wire.js";

// ---- native shapes ----------------------------------------------------------------------------

type Phase = {
  type: "trial" | "normal" | "inactive";
  start_date: string;
  plan_variant_id: string | null;
  quantity: string;
};

export type NativeContract = {
  id: string;
  customer_id: string;
  plan_group_id: string;
  currency: string;
  status:
    | "future"
    | "in_trial"
    | "trial_expired"
    | "active"
    | "temporarily_inactive"
    | "ended"
    | "transferred";
  start_date: string;
  end_date: string | null;
  current_phase: Phase | null;
  phases: Phase[];
  business_entity_id: string;
  active_id: string | null;
  created_at: string;
  updated_at: string;
};

type Period = { unit: "day" | "week" | "month" | "year"; count: number };

type NativeVariant = {
  id: string;
  recurring_fee: string;
  fee_period: Period;
  billing_period: Period;
};

type NativeComponent = {
  id: string;
  type: "quantity" | "on_off" | "metered";
  price_model: string;
  price_per_unit: string;
  fee_period: Period;
};

type ComponentSubscription = {
  id: string;
  component_id: string;
  quantity: string;
  start_date: string;
  end_date: string | null;
};

type NativeAction = {
  id: string;
  action: string;
  state: "executed" | "scheduled" | "cancelled" | "rejected";
  scheduled_date: string | null;
};

// ---- the subscription object --------------------------------------------------------------------

/** Everything the subscription object is made of, read from the native API. */
type Parts = {
  contract: NativeContract;
  variant: NativeVariant | undefined;
  components: Array<{ sub: ComponentSubscription; component: NativeComponent }>;
  scheduled: NativeAction[];
  /** Whether change orders dated later still change the contract. */
  changes: boolean;
  /** The current term (a paid phase's billing period), when the contract has one now. */
  term: { term_start: string; term_end: string } | undefined;
  now: number;
};

/** Chargebee's status for the contract's. */
export function statusOf(c: NativeContract): string {
  switch (c.status) {
    case "future":
    case "in_trial":
    case "transferred":
      return c.status;
    case "active":
      return c.end_date ? "non_renewing" : "active";
    case "temporarily_inactive":
      return "paused";
    // a trial that expired without a paid phase, and an ended contract, are cancelled:
    // reactivate brings them back
    case "trial_expired":
    case "ended":
      return "cancelled";
  }
}

/** The phase whose plan the subscription bills (or billed last, or will bill first). */
function planPhase(c: NativeContract): Phase | undefined {
  const current = c.current_phase;
  if (current && current.type !== "inactive") return current;
  const billed = c.phases.filter((p) => p.type !== "inactive");
  if (!current) return c.status === "future" ? billed[0] : billed.at(-1);
  const now = Date.parse(current.start_date);
  return billed.filter((p) => Date.parse(p.start_date) <= now).at(-1) ?? billed[0];
}

/** A decimal quantity as Chargebee's integer one, when it is whole. */
function wholeQuantity(q: string): number | undefined {
  return /^[0-9]+(\.0+)?$/.test(q) ? Number.parseInt(q, 10) : undefined;
}

function itemOf(
  id: string,
  type: "plan" | "addon",
  quantity: string,
  price: string | undefined,
  currency: string,
  period: Period | undefined,
): Record<string, unknown> {
  const whole = wholeQuantity(quantity);
  const unit = price === undefined ? undefined : minor(price, currency);
  return compact({
    item_price_id: id,
    item_type: type,
    quantity: whole,
    quantity_in_decimal: whole === undefined ? quantity : undefined,
    unit_price: unit,
    amount: unit !== undefined && whole !== undefined ? unit * whole : undefined,
    billing_period: period?.count,
    billing_period_unit: period?.unit,
    object: "subscription_item",
  });
}

export function subscriptionObject(parts: Parts): Record<string, unknown> {
  const { contract: c, variant, now } = parts;
  const scheduled = (action: string) =>
    parts.scheduled.find((a) => a.action === action && a.state === "scheduled")?.scheduled_date ??
    undefined;
  // a scheduled cancellation is the contract's end, or a terminate action scheduled for it
  const cancelAt = c.end_date ?? scheduled("terminate");
  const native = statusOf(c);
  const status = native === "active" && cancelAt ? "non_renewing" : native;
  const phase = planPhase(c);
  const items: Record<string, unknown>[] = [];
  if (phase?.plan_variant_id) {
    items.push(
      itemOf(
        phase.plan_variant_id,
        "plan",
        phase.quantity,
        variant?.recurring_fee,
        c.currency,
        variant?.fee_period,
      ),
    );
  }
  for (const { sub, component } of parts.components) {
    items.push(
      itemOf(
        component.id,
        "addon",
        sub.quantity,
        component.price_model === "per_unit" ? component.price_per_unit : undefined,
        c.currency,
        component.fee_period,
      ),
    );
  }
  const trial = c.phases.find((p) => p.type === "trial");
  const trialEnd = trial ? c.phases[c.phases.indexOf(trial) + 1]?.start_date : undefined;
  const activated = c.phases.find((p) => p.type === "normal");
  const activatedAt =
    activated && Date.parse(activated.start_date) <= now ? activated.start_date : undefined;
  const pauseStart =
    status === "paused" && c.status === "temporarily_inactive"
      ? c.current_phase?.start_date
      : undefined;
  const inTrial = status === "in_trial";
  const termStart = inTrial ? trial?.start_date : parts.term?.term_start;
  const termEnd = inTrial ? trialEnd : parts.term?.term_end;
  // a subscription that ends within its term is not billed again
  const endsInTerm =
    cancelAt !== undefined && termEnd !== undefined && Date.parse(cancelAt) <= Date.parse(termEnd);
  return compact({
    id: c.id,
    customer_id: c.customer_id,
    currency_code: c.currency,
    status,
    subscription_items: items,
    billing_period: variant?.billing_period.count,
    billing_period_unit: variant?.billing_period.unit,
    start_date: status === "future" ? unix(c.start_date) : undefined,
    started_at: unix(c.start_date),
    activated_at: unix(activatedAt),
    trial_start: unix(trial?.start_date),
    trial_end: unix(trialEnd),
    current_term_start: unix(termStart),
    current_term_end: unix(endsInTerm ? cancelAt : termEnd),
    next_billing_at: endsInTerm ? undefined : unix(termEnd),
    pause_date: unix(pauseStart ?? scheduled("rest")),
    resume_date: unix(scheduled("end_resting")),
    cancelled_at: unix(cancelAt),
    business_entity_id: c.business_entity_id,
    active_id: c.active_id,
    has_scheduled_changes: parts.changes,
    has_scheduled_advance_invoices: false,
    deleted: false,
    decommissioned: false,
    channel: "web",
    auto_collection: "on",
    object: "subscription",
    created_at: unix(c.created_at),
    updated_at: unix(c.updated_at),
    resource_version: Date.parse(c.updated_at),
  });
}

// ---- reading the native parts ---------------------------------------------------------------------

const orUndefined = (error: unknown) => {
  const status = (error as { status?: number }).status;
  if (status === 404 || status === 400) return undefined;
  throw error;
};

/** The native contract a Chargebee subscription id names (404 resource_not_found otherwise). */
export async function loadContract(call: CbCall, id: string): Promise<NativeContract> {
  return call.get(`/v1/contracts/${encodeURIComponent(id)}`).catch((error: unknown) => {
    if ((error as { status?: number }).status === 404) throw notFound(`subscription ${id}`, "id");
    throw error;
  });
}

type ScheduledChanges = { data: Array<{ change_date: string }> };

/** The contract's phase at `at` (Unix ms), as the native contract shows its current one. */
function phaseAtTime(contract: NativeContract, at: number): Phase | null {
  return contract.phases.filter((p) => Date.parse(p.start_date) <= at).at(-1) ?? null;
}

/**
 * The subscription object of `contract`, with what it is made of read from the native API;
 * with `at` (Unix ms), its items as they will be then (its scheduled changes applied).
 */
async function subscriptionOf(
  call: CbCall,
  contract: NativeContract,
  cache = new Map<string, unknown>(),
  at?: number,
): Promise<Record<string, unknown>> {
  const shown =
    at === undefined ? contract : { ...contract, current_phase: phaseAtTime(contract, at) };
  const cached = async <T>(url: string): Promise<T> => {
    if (!cache.has(url)) cache.set(url, await call.get(url));
    return cache.get(url) as T;
  };
  const variantId = planPhase(shown)?.plan_variant_id;
  const variant = variantId
    ? await cached<NativeVariant>(`/v1/plan_variants/${variantId}`)
    : undefined;
  const clock = await cached<{ now: string }>("/v1/test_clock");
  const now = Date.parse(clock.now);
  const subs = (await call.get(`/v1/contracts/${contract.id}/component_subscriptions`))
    .data as ComponentSubscription[];
  const components: Parts["components"] = [];
  const when = at ?? now;
  const live = subs.filter(
    (s) =>
      Date.parse(s.start_date) <= Math.max(when, Date.parse(contract.start_date)) &&
      (s.end_date === null || Date.parse(s.end_date) > when),
  );
  for (const sub of live) {
    components.push({
      sub,
      component: await cached<NativeComponent>(`/v1/components/${sub.component_id}`),
    });
  }
  const actions = await call.get("/v1/subscription_actions", {
    contract_id: contract.id,
    state: "scheduled",
    limit: 100,
  });
  const changes: ScheduledChanges = await call.get(
    `/v1/contracts/${contract.id}/scheduled_changes`,
  );
  const status = statusOf(contract);
  const term =
    status === "active" || status === "non_renewing"
      ? await call.get(`/v1/contracts/${contract.id}/current_term`).catch(orUndefined)
      : undefined;
  return subscriptionObject({
    contract: shown,
    variant,
    components,
    scheduled: actions.data as NativeAction[],
    changes: changes.data.length > 0,
    term,
    now,
  });
}

async function customerOf(call: CbCall, id: string, cache?: Map<string, unknown>) {
  const url = `/v1/customers/${id}`;
  if (cache?.has(url)) return cache.get(url) as Record<string, unknown>;
  const found = customerObject(await call.get(url));
  cache?.set(url, found);
  return found;
}

/** Chargebee's `{subscription, customer}` answer for the contract `id` as it is now. */
async function answer(call: CbCall, id: string): Promise<Record<string, unknown>> {
  const contract = await loadContract(call, id);
  return {
    subscription: await subscriptionOf(call, contract),
    customer: await customerOf(call, contract.customer_id),
  };
}

export { answer as subscriptionAnswer };

// ---- reading Chargebee's parameters --------------------------------------------------------------

type Cart = {
  plan_variant_id?: string;
  quantity?: string;
  components: Array<{ component_id: string; quantity: string }>;
};

/**
 * `subscription_items[…][i]` → the plan variant (item type `plan`), its quantity and the
 * components (item type `addon`) with theirs. Prices are the catalog's: `unit_price` and the
 * like are refused.
 */
export function cartOf(p: Reader, requirePlan: boolean): Cart {
  try {
    return readCart(p, requirePlan);
  } catch (error) {
    // Chargebee names a row's parameter `subscription_items[quantity][0]`
    if (!(error instanceof CbError)) throw error;
    const match = /^subscription_items\[(\d+)\]\[(\w+)\]$/.exec(error.param ?? "");
    if (!match) throw error;
    const param = `subscription_items[${match[2]}][${match[1]}]`;
    throw new CbError(
      error.status,
      error.apiErrorCode,
      error.message.replace(error.param as string, param),
      error.type,
      param,
    );
  }
}

function readCart(p: Reader, requirePlan: boolean): Cart {
  const cart: Cart = { components: [] };
  const rows = p.rows("subscription_items", 50);
  rows.forEach((row, i) => {
    const param = `subscription_items[item_price_id][${i}]`;
    const id = row.str("item_price_id", 64);
    if (!id) throw wrongValue(param, "cannot be blank");
    const type = row.oneOf("item_type", ["plan", "addon", "charge"]);
    const quantity = row.int("quantity", 0, 999_999_999);
    if (type === "charge")
      throw notSupported(
        `subscription_items[item_type][${i}]`,
        "charges are invoiced with unbilled charges",
      );
    row.rejectUnread();
    if (id.startsWith("plv_") && type !== "addon") {
      if (cart.plan_variant_id) throw wrongValue(param, "a subscription has one plan item");
      if (quantity === 0)
        throw wrongValue(`subscription_items[quantity][${i}]`, "must be at least 1");
      cart.plan_variant_id = id;
      if (quantity !== undefined) cart.quantity = String(quantity);
    } else if (id.startsWith("cmp_") && type !== "plan") {
      cart.components.push({ component_id: id, quantity: String(quantity ?? 1) });
    } else {
      throw notFound(`item_price ${id}`, param);
    }
  });
  if (requirePlan && !cart.plan_variant_id) {
    throw wrongValue("subscription_items[item_price_id][0]", "a plan item price is required");
  }
  return cart;
}

/** `coupon_ids[0]` → the order's coupon code (one coupon per order). */
export function couponOf(p: Reader): string | undefined {
  const ids = p.values("coupon_ids", 10);
  if (ids.length > 1) throw notSupported("coupon_ids[1]", "one coupon per subscription change");
  return ids[0] || undefined;
}

/** Parameters whose Chargebee default is the only behaviour Accrue has: accepted at it. */
function defaultsOnly(p: Reader, defaults: Record<string, string>): void {
  for (const [key, value] of Object.entries(defaults)) {
    const sent = p.str(key, 100);
    if (sent !== undefined && sent !== value) throw notSupported(key, `only ${value} is supported`);
  }
}

export const invalidState = (message: string) =>
  new CbError(400, "invalid_state_for_request", message, "invalid_request");

/**
 * A subscription action on the contract; one its state does not allow is Chargebee's
 * `invalid_state_for_request`.
 */
async function act(call: CbCall, action: string, body: Record<string, unknown>): Promise<void> {
  try {
    await call.change("POST", `/v1/subscription_actions/${action}`, body);
  } catch (error) {
    if (error instanceof CbError && error.accrueCode === "invalid_life_cycle_state") {
      throw new CbError(
        400,
        "invalid_state_for_request",
        error.message,
        "invalid_request",
        undefined,
        error.accrueCode,
      );
    }
    throw error;
  }
}

/** The end of the current term: a trial's end, or the next renewal. */
async function termEndOf(call: CbCall, contract: NativeContract): Promise<string> {
  const sub = await subscriptionOf(call, contract);
  const end = sub.current_term_end as number | undefined;
  if (end === undefined) {
    throw invalidState(
      `subscription ${contract.id} is ${sub.status as string}: it has no current term`,
    );
  }
  return new Date(end * 1000).toISOString();
}

/**
 * A change of the subscription's items as Chargebee's update for items takes it
 * (`subscription_items`, `coupon_ids`, `change_option`, `changes_scheduled_at`, `end_of_term`,
 * `invoice_immediately`) → the native change order's fields. Refuses every parameter not read
 * by then.
 */
export async function changeOrderOf(
  call: CbCall,
  contract: NativeContract,
): Promise<Record<string, unknown>> {
  const p = call.params;
  const cart = cartOf(p, false);
  const coupon = couponOf(p);
  const interim = p.bool("invoice_immediately");
  const option = p.oneOf("change_option", ["immediately", "end_of_term", "specific_date"]);
  const at = p.timestamp("changes_scheduled_at");
  const endOfTerm = p.bool("end_of_term");
  if (p.bool("replace_items_list")) {
    throw notSupported(
      "replace_items_list",
      "name the items that change; quantity 0 ends an addon",
    );
  }
  if (p.bool("prorate") === false) throw notSupported("prorate", "changes are prorated by days");
  defaultsOnly(p, { auto_collection: "on" });
  p.rejectUnread();
  let changeDate: string | undefined;
  if (option === "specific_date" || (option === undefined && at)) {
    if (!at) throw wrongValue("changes_scheduled_at", "cannot be blank");
    changeDate = at;
  } else if (option === "end_of_term" || endOfTerm) {
    changeDate = await termEndOf(call, contract);
  }
  // the same plan with another quantity is a quantity change of the plan billed then
  const current = planPhase(contract)?.plan_variant_id;
  const body: Record<string, unknown> = {
    contract_id: contract.id,
    components: cart.components,
  };
  if (cart.plan_variant_id && cart.plan_variant_id !== current) {
    body.plan_variant_id = cart.plan_variant_id;
  }
  if (cart.quantity) body.quantity = cart.quantity;
  if (cart.components.length === 0) delete body.components;
  if (coupon) body.coupon_code = coupon;
  if (changeDate) body.change_date = changeDate;
  if (interim) body.trigger_interim_billing = true;
  return body;
}

// ---- routes ----------------------------------------------------------------------------------------

export async function chargebeeSubscriptionRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(
    app,
    "POST",
    "/customers/:id/subscription_for_items",
    "subscription.create_with_items",
    async (call) => {
      const customer = await customerId(call, call.id, "customer_id");
      const p = call.params;
      const cart = cartOf(p, true);
      const start = p.timestamp("start_date");
      const coupon = couponOf(p);
      const interim = p.bool("invoice_immediately");
      defaultsOnly(p, { auto_collection: "on" });
      if (p.has("id")) throw notSupported("id", "Accrue chooses a subscription's id");
      p.rejectUnread();
      const order = await call.change("POST", "/v1/orders", {
        customer_id: customer,
        ...cart,
        ...(start ? { start_date: start } : {}),
        ...(coupon ? { coupon_code: coupon } : {}),
        ...(interim ? { trigger_interim_billing: true } : {}),
        commit: true,
      });
      if (order.status !== "succeeded") {
        throw invalidState(`the subscription awaits approval (order ${order.id})`);
      }
      return answer(call, order.contract_id);
    },
  );

  cbRoute(app, "GET", "/subscriptions", "subscription.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const customer = p.filterIs("customer_id", 64);
    const status = p.filterIs("status", 20);
    p.rejectUnread();
    return listFor(call, customer, status, limit, offset);
  });

  cbRoute(
    app,
    "GET",
    "/customers/:id/subscriptions",
    "subscription.subscriptions_for_customer",
    async (call) => {
      const p = call.params;
      const { limit, offset } = p.page();
      p.rejectUnread();
      return listFor(call, call.id, undefined, limit, offset);
    },
  );

  cbRoute(app, "GET", "/subscriptions/:id", "subscription.retrieve", async (call) => {
    call.params.rejectUnread();
    return answer(call, call.id);
  });

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/update_for_items",
    "subscription.update_for_items",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const body = await changeOrderOf(call, contract);
      const order = await call.change("POST", "/v1/orders", { ...body, commit: true });
      if (order.status !== "succeeded") {
        throw invalidState(`the change awaits approval (order ${order.id})`);
      }
      return answer(call, contract.id);
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/cancel_for_items",
    "subscription.cancel_for_items",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const p = call.params;
      const option = p.oneOf("cancel_option", [
        "immediately",
        "end_of_term",
        "specific_date",
        "end_of_billing_term",
      ]);
      const endOfTerm = p.bool("end_of_term");
      const at = p.timestamp("cancel_at");
      p.str("cancel_reason_code", 100);
      defaultsOnly(p, {
        credit_option_for_current_term_charges: "prorate",
        unbilled_charges_option: "invoice",
        account_receivables_handling: "no_action",
        refundable_credits_handling: "no_action",
      });
      p.rejectUnread();
      // a terminate action: now (on the tenant's clock), or scheduled for the date, when the
      // contract ends; until then the cancellation can be removed
      let date: string | undefined;
      if (option === "specific_date" || (option === undefined && at)) {
        if (!at) throw wrongValue("cancel_at", "cannot be blank");
        date = at;
      } else if (option === "end_of_term" || option === "end_of_billing_term" || endOfTerm) {
        date = await termEndOf(call, contract);
      }
      await act(call, "terminate", {
        contract_id: contract.id,
        ...(date ? { scheduled_date: date, billable_period_start_date: date } : {}),
      });
      return answer(call, contract.id);
    },
  );

  cbRoute(app, "POST", "/subscriptions/:id/pause", "subscription.pause", async (call) => {
    const contract = await loadContract(call, call.id);
    const p = call.params;
    const option = p.oneOf("pause_option", [
      "immediately",
      "end_of_term",
      "specific_date",
      "billing_cycles",
    ]);
    const at = p.timestamp("pause_date");
    if (option === "billing_cycles")
      throw notSupported("pause_option", "billing_cycles is not supported");
    if (p.has("resume_date")) {
      throw notSupported("resume_date", "resume with resume_option=specific_date");
    }
    defaultsOnly(p, { unbilled_charges_handling: "no_action" });
    p.rejectUnread();
    let scheduled: string | undefined;
    if (option === "specific_date" || (option === undefined && at)) {
      if (!at) throw wrongValue("pause_date", "cannot be blank");
      scheduled = at;
    } else if (option === "end_of_term") {
      scheduled = await termEndOf(call, contract);
    }
    await act(call, "rest", {
      contract_id: contract.id,
      ...(scheduled ? { scheduled_date: scheduled } : {}),
    });
    return answer(call, contract.id);
  });

  cbRoute(app, "POST", "/subscriptions/:id/resume", "subscription.resume", async (call) => {
    const contract = await loadContract(call, call.id);
    const p = call.params;
    const option = p.oneOf("resume_option", ["immediately", "specific_date"]);
    const at = p.timestamp("resume_date");
    defaultsOnly(p, {
      charges_handling: "invoice_immediately",
      unpaid_invoices_handling: "no_action",
    });
    p.rejectUnread();
    const scheduled = option === "specific_date" || (option === undefined && at) ? at : undefined;
    if (option === "specific_date" && !at) throw wrongValue("resume_date", "cannot be blank");
    await act(call, "end_resting", {
      contract_id: contract.id,
      ...(scheduled ? { scheduled_date: scheduled } : {}),
    });
    return answer(call, contract.id);
  });

  for (const [path, operation, action, what] of [
    ["remove_scheduled_pause", "subscription.remove_scheduled_pause", "rest", "pause"],
    [
      "remove_scheduled_resumption",
      "subscription.remove_scheduled_resumption",
      "end_resting",
      "resumption",
    ],
    [
      "remove_scheduled_cancellation",
      "subscription.remove_scheduled_cancellation",
      "terminate",
      "cancellation",
    ],
  ] as const) {
    cbRoute(app, "POST", `/subscriptions/:id/${path}`, operation, async (call) => {
      const contract = await loadContract(call, call.id);
      call.params.rejectUnread();
      const actions = await call.get("/v1/subscription_actions", {
        contract_id: contract.id,
        state: "scheduled",
        limit: 100,
      });
      const found = (actions.data as NativeAction[]).find((a) => a.action === action);
      if (!found) throw invalidState(`subscription ${contract.id} has no scheduled ${what}`);
      await call.change("POST", `/v1/subscription_actions/${found.id}/cancel`);
      return answer(call, contract.id);
    });
  }

  cbRoute(
    app,
    "GET",
    "/subscriptions/:id/retrieve_with_scheduled_changes",
    "subscription.retrieve_with_scheduled_changes",
    async (call) => {
      const contract = await loadContract(call, call.id);
      call.params.rejectUnread();
      const changes: ScheduledChanges = await call.get(
        `/v1/contracts/${contract.id}/scheduled_changes`,
      );
      const last = changes.data.at(-1);
      if (!last) throw invalidState(`subscription ${contract.id} has no scheduled changes`);
      // the subscription as it will be once its last scheduled change took effect
      return {
        subscription: await subscriptionOf(call, contract, new Map(), Date.parse(last.change_date)),
        customer: await customerOf(call, contract.customer_id),
      };
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/remove_scheduled_changes",
    "subscription.remove_scheduled_changes",
    async (call) => {
      const contract = await loadContract(call, call.id);
      call.params.rejectUnread();
      // the native operation answers `no_scheduled_changes` (409: invalid_state_for_request)
      // when there is nothing to remove, after the transfer rules
      await call.change("POST", `/v1/contracts/${contract.id}/remove_scheduled_changes`, {});
      return answer(call, contract.id);
    },
  );

  cbRoute(app, "POST", "/subscriptions/:id/reactivate", "subscription.reactivate", async (call) => {
    const contract = await loadContract(call, call.id);
    const p = call.params;
    const from = p.timestamp("reactivate_from");
    const interim = p.bool("invoice_immediately");
    if (interim === false) throw notSupported("invoice_immediately", "reactivation bills at once");
    defaultsOnly(p, { billing_alignment_mode: "immediate" });
    p.rejectUnread();
    await act(call, "activate", {
      contract_id: contract.id,
      ...(from ? { billable_period_start_date: from } : {}),
    });
    return answer(call, contract.id);
  });

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/change_term_end",
    "subscription.change_term_end",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const p = call.params;
      const end = p.timestamp("term_ends_at");
      if (!end) throw wrongValue("term_ends_at", "cannot be blank");
      if (p.bool("prorate") === false)
        throw notSupported("prorate", "the difference is prorated by days");
      if (p.bool("invoice_immediately") === false) {
        throw notSupported("invoice_immediately", "the difference is billed at once");
      }
      p.rejectUnread();
      await call.change("POST", `/v1/contracts/${contract.id}/change_term_end`, { term_end: end });
      return answer(call, contract.id);
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/charge_future_renewals",
    "subscription.charge_future_renewals",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const p = call.params;
      const terms = p.int("terms_to_charge", 1, 120);
      const type = p.oneOf("schedule_type", ["immediate", "fixed_intervals", "specific_dates"]);
      const fixed = fixedIntervals(p, true);
      const termsFixed = fixed?.terms;
      const dates = specificDates(p);
      p.rejectUnread();
      await call.change("POST", `/v1/contracts/${contract.id}/charge_future_renewals`, {
        ...(type ? { schedule_type: type } : {}),
        ...(terms !== undefined || termsFixed !== undefined
          ? { terms_to_charge: termsFixed ?? terms }
          : {}),
        ...(fixed
          ? { fixed_intervals_schedule: compact({ number_of_occurrences: fixed.occurrences }) }
          : {}),
        ...(dates.length > 0 ? { specific_dates_schedule: dates } : {}),
      });
      return answer(call, contract.id);
    },
  );

  cbRoute(app, "POST", "/subscriptions/:id/delete", "subscription.delete", async (call) => {
    const contract = await loadContract(call, call.id);
    call.params.rejectUnread();
    const before = await answer(call, contract.id);
    await call.change("DELETE", `/v1/contracts/${contract.id}`);
    return {
      ...before,
      subscription: { ...(before.subscription as Record<string, unknown>), deleted: true },
    };
  });

  cbRoute(
    app,
    "POST",
    "/customers/:id/import_for_items",
    "subscription.import_for_items",
    async (call) => {
      const customer = await customerId(call, call.id, "customer_id");
      const p = call.params;
      const cart = cartOf(p, true);
      const status = p.oneOf("status", [
        "future",
        "in_trial",
        "active",
        "non_renewing",
        "paused",
        "cancelled",
      ]);
      if (status && !["active", "non_renewing", "cancelled"].includes(status)) {
        throw notSupported("status", "import active, non_renewing or cancelled subscriptions");
      }
      const started = p.timestamp("started_at") ?? p.timestamp("start_date");
      const termEnd = p.timestamp("current_term_end");
      p.timestamp("current_term_start");
      const cancelled = p.timestamp("cancelled_at");
      if (p.has("id")) throw notSupported("id", "Accrue chooses a subscription's id");
      defaultsOnly(p, { auto_collection: "on" });
      p.rejectUnread();
      if (!started) throw wrongValue("started_at", "cannot be blank");
      if (!termEnd) throw wrongValue("current_term_end", "cannot be blank");
      const imported = await call.change("POST", "/v1/contracts/import", {
        customer_id: customer,
        plan_variant_id: cart.plan_variant_id,
        ...(cart.quantity ? { quantity: cart.quantity } : {}),
        ...(cart.components.length > 0 ? { components: cart.components } : {}),
        start_date: started,
        billed_until: termEnd,
        ...(status ? { status } : {}),
        ...(cancelled ? { end_date: cancelled } : {}),
      });
      return answer(call, imported.id);
    },
  );
}

/** A page of subscriptions, by customer and Chargebee status (filtered within the page). */
async function listFor(
  call: CbCall,
  customer: string | undefined,
  status: string | undefined,
  limit: number,
  offset: string | undefined,
) {
  const accrueCustomer = customer
    ? await customerId(call, customer).catch(() => undefined)
    : undefined;
  if (customer && !accrueCustomer) return listOf([], null);
  const page = await call.get("/v1/contracts", {
    limit,
    cursor: offset,
    customer_id: accrueCustomer,
  });
  const cache = new Map<string, unknown>();
  const list: Record<string, unknown>[] = [];
  for (const contract of page.data as NativeContract[]) {
    const subscription = await subscriptionOf(call, contract, cache);
    if (status && subscription.status !== status) continue;
    list.push({ subscription, customer: await customerOf(call, contract.customer_id, cache) });
  }
  return listOf(list, page.next_cursor);
}
