/**
 * Chargebee's quotes (Product Catalog 2.0: "for items") over Accrue's quotes: a quote of a new
 * subscription, of a change of one, or of one-time charges. Each call is one native request:
 * creating is `POST /v1/quotes/{subscription|change|one_time}`, every edit (and extending the
 * expiry date) is `PATCH /v1/quotes/{id}`, converting is `accept`, and the status update is
 * `accept` or `decline`.
 *
 * Statuses: Accrue's `open`, `accepted` and `declined` are Chargebee's; an open quote past its
 * validity (`expired` natively) is Chargebee's `closed`.
 */
import type { FastifyInstance } from "fastify";
import { customerId, customerObject } from "./customers.js";
import { type PricedLine, pricedLines } from "./priced.js";
import { type CbCall, cbRoute } from "./routes.js";
import { cartOf, couponOf } from "./subscriptions.js";
import {
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

type NativeQuoteLine = PricedLine;

export type NativeQuote = {
  id: string;
  type: "subscription" | "change" | "one_time";
  status: "open" | "accepted" | "declined" | "expired";
  customer_id: string;
  contract_id: string | null;
  input: Record<string, unknown>;
  starts_at: string | null;
  currency: string;
  price_basis: "net" | "gross";
  priced_on: string;
  lines: NativeQuoteLine[];
  tax_rows: Array<{ rate: string; net: string; tax: string; gross: string }>;
  total_net: string;
  total_tax: string;
  total_gross: string;
  valid_until: string;
  order_id: string | null;
  invoice_id: string | null;
  accepted_at: string | null;
  declined_at: string | null;
  created_at: string;
  updated_at: string;
};

const OPERATION: Record<NativeQuote["type"], string> = {
  subscription: "create_subscription_for_customer",
  change: "change_subscription",
  one_time: "onetime_invoice",
};

const STATUS: Record<NativeQuote["status"], string> = {
  open: "open",
  accepted: "accepted",
  declined: "declined",
  expired: "closed",
};

/** Chargebee's quote object of a native quote: money in minor units, Unix timestamps. */
export function quoteObject(q: NativeQuote): Record<string, unknown> {
  const total = minor(q.total_gross, q.currency);
  // a subscription quote bills one plan variant; a change's fee lines may be the old one's
  const plan =
    q.type === "subscription" && typeof q.input.plan_variant_id === "string"
      ? q.input.plan_variant_id
      : undefined;
  const priced = pricedLines(q, {
    subscriptionId: q.contract_id,
    customerId: q.customer_id,
    day: q.priced_on,
    entityId: (l) => (l.kind === "recurring_fee" ? plan : undefined),
  });
  return compact({
    id: q.id,
    customer_id: q.customer_id,
    subscription_id: q.contract_id,
    invoice_id: q.invoice_id,
    status: STATUS[q.status],
    operation_type: OPERATION[q.type],
    price_type: q.price_basis === "gross" ? "tax_inclusive" : "tax_exclusive",
    currency_code: q.currency,
    valid_till: unix(q.valid_until),
    date: unix(q.created_at),
    sub_total: priced.sub_total,
    total,
    total_payable: total,
    charge_on_acceptance: total,
    credits_applied: 0,
    amount_paid: 0,
    amount_due: total,
    line_items: priced.line_items,
    discounts: priced.discounts,
    taxes: priced.taxes,
    created_at: unix(q.created_at),
    updated_at: unix(q.updated_at),
    resource_version: Date.parse(q.updated_at),
    deleted: false,
    object: "quote",
  });
}

const one = (q: NativeQuote) => ({ quote: quoteObject(q) });

const path = (call: CbCall, suffix = "") => `/v1/quotes/${encodeURIComponent(call.id)}${suffix}`;

/** The quote of the path (404 resource_not_found otherwise), for the answers that name it. */
async function loadQuote(call: CbCall): Promise<NativeQuote> {
  return call.get(path(call)).catch((error: unknown) => {
    if ((error as { status?: number }).status === 404) throw notFound(`quote ${call.id}`, "id");
    throw error;
  });
}

/** A subscription id that names no contract: 404 on `subscription[id]`. */
async function subscriptionExists(call: CbCall, id: string): Promise<void> {
  await call.get(`/v1/contracts/${encodeURIComponent(id)}`).catch((error: unknown) => {
    if ((error as { status?: number }).status === 404) {
      throw notFound(`subscription ${id}`, "subscription[id]");
    }
    throw error;
  });
}

/** `expires_at` → the native `valid_until`. */
function validity(p: Reader): Record<string, string> {
  const until = p.timestamp("expires_at");
  return until ? { valid_until: until } : {};
}

/** A subscription quote's items and coupon: the cart of its order. */
function cartFields(p: Reader, requirePlan: boolean, edit: boolean): Record<string, unknown> {
  const cart = cartOf(p, requirePlan);
  const coupon = couponOf(p);
  return compact({
    plan_variant_id: cart.plan_variant_id,
    quantity: cart.quantity,
    components: cart.components.length > 0 || edit ? cart.components : undefined,
    coupon_code: coupon,
  });
}

/** `subscription[start_date]` → the native start date. */
function startOf(p: Reader): Record<string, string> {
  const sub = p.object("subscription");
  if (!sub) return {};
  const start = sub.timestamp("start_date");
  sub.rejectUnread();
  return start ? { start_date: start } : {};
}

/** `changes_scheduled_at` (with `change_option` `specific_date` or `immediately`). */
function changeDateOf(p: Reader): Record<string, string> {
  const option = p.str("change_option", 50);
  if (option !== undefined && option !== "immediately" && option !== "specific_date") {
    throw notSupported("change_option", "a change is made immediately or at a specific date");
  }
  const at = p.timestamp("changes_scheduled_at");
  if (option === "immediately" && at) {
    throw wrongValue("changes_scheduled_at", "is not taken with change_option immediately");
  }
  return at ? { change_date: at } : {};
}

/** `charges[amount][i]`, `charges[description][i]` → the native lines of one-time charges. */
export function chargeLines(p: Reader, currency: string): Array<Record<string, unknown>> {
  const rows = p.rows("charges", 100);
  return rows.map((row, i) => {
    const amount = row.int("amount", 1);
    if (amount === undefined) throw missing(`charges[amount][${i}]`);
    const description = row.str("description", 500);
    if (!description) throw missing(`charges[description][${i}]`);
    const from = row.timestamp("date_from");
    const to = row.timestamp("date_to");
    row.rejectUnread();
    return compact({
      description,
      unit_price: fromMinor(amount, currency),
      quantity: "1",
      period_start: from?.slice(0, 10),
      period_end: to?.slice(0, 10),
    });
  });
}

/** `currency_code`, required where Accrue needs it, as a three-letter code. */
function currencyOf(p: Reader, required: boolean): string | undefined {
  const currency = p.str("currency_code", 3);
  if (currency === undefined || currency === "") {
    if (required) throw missing("currency_code");
    return undefined;
  }
  if (!/^[A-Z]{3}$/.test(currency)) throw wrongValue("currency_code", "must be an ISO 4217 code");
  return currency;
}

export async function chargebeeQuoteRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(
    app,
    "POST",
    "/customers/:id/create_subscription_quote_for_items",
    "quote.create_sub_items_for_customer_quote",
    async (call) => {
      const customer = await customerId(call, call.id, "customer_id");
      const p = call.params;
      const body = {
        customer_id: customer,
        ...cartFields(p, true, false),
        ...startOf(p),
        ...validity(p),
      };
      p.rejectUnread();
      return one(await call.change("POST", "/v1/quotes/subscription", body));
    },
  );

  cbRoute(
    app,
    "POST",
    "/quotes/update_subscription_quote_for_items",
    "quote.update_subscription_quote_for_items",
    async (call) => {
      const p = call.params;
      const sub = p.object("subscription");
      const contract = sub?.str("id", 64);
      if (!contract) throw missing("subscription[id]");
      sub?.rejectUnread();
      const body = {
        contract_id: contract,
        ...cartFields(p, false, false),
        ...changeDateOf(p),
        ...validity(p),
      };
      p.rejectUnread();
      await subscriptionExists(call, contract);
      return one(await call.change("POST", "/v1/quotes/change", body));
    },
  );

  cbRoute(
    app,
    "POST",
    "/quotes/create_for_charge_items_and_charges",
    "quote.create_for_charge_items_and_charges",
    async (call) => {
      const p = call.params;
      const id = p.required("customer_id", 64);
      const currency = currencyOf(p, true) as string;
      const lines = chargeLines(p, currency);
      if (lines.length === 0) throw missing("charges[amount][0]");
      const until = validity(p);
      p.rejectUnread();
      const customer = await customerId(call, id, "customer_id");
      return one(
        await call.change("POST", "/v1/quotes/one_time", {
          customer_id: customer,
          currency,
          lines,
          ...until,
        }),
      );
    },
  );

  cbRoute(
    app,
    "POST",
    "/quotes/:id/edit_create_subscription_quote_for_items",
    "quote.edit_create_sub_customer_quote_for_items",
    async (call) => {
      const p = call.params;
      const fields = cartFields(p, true, true);
      const body = {
        ...fields,
        // the edit restates the quote: a coupon not given again is removed
        coupon_code: fields.coupon_code ?? null,
        ...startOf(p),
        ...validity(p),
      };
      p.rejectUnread();
      return one(await call.change("PATCH", path(call), body));
    },
  );

  cbRoute(
    app,
    "POST",
    "/quotes/:id/edit_update_subscription_quote_for_items",
    "quote.edit_update_subscription_quote_for_items",
    async (call) => {
      const p = call.params;
      const sub = p.object("subscription");
      if (sub) {
        const id = sub.str("id", 64);
        sub.rejectUnread();
        const quote = await loadQuote(call);
        if (id && id !== quote.contract_id) {
          throw wrongValue("subscription[id]", "a quote's subscription cannot be changed");
        }
      }
      const fields = cartFields(p, false, true);
      const body = {
        ...fields,
        coupon_code: fields.coupon_code ?? null,
        ...changeDateOf(p),
        ...validity(p),
      };
      p.rejectUnread();
      return one(await call.change("PATCH", path(call), body));
    },
  );

  cbRoute(
    app,
    "POST",
    "/quotes/:id/edit_for_charge_items_and_charges",
    "quote.edit_for_charge_items_and_charges",
    async (call) => {
      const p = call.params;
      let currency = currencyOf(p, false);
      if (!currency) currency = (await loadQuote(call)).currency;
      const lines = chargeLines(p, currency);
      const body = compact({
        currency: p.has("currency_code") ? currency : undefined,
        lines: lines.length > 0 ? lines : undefined,
        ...validity(p),
      });
      p.rejectUnread();
      return one(await call.change("PATCH", path(call), body));
    },
  );

  cbRoute(app, "GET", "/quotes/:id", "quote.retrieve", async (call) => {
    call.params.rejectUnread();
    return one(await loadQuote(call));
  });

  cbRoute(app, "GET", "/quotes", "quote.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const customer = p.filterIs("customer_id", 64);
    const deleted = p.bool("include_deleted");
    if (deleted) throw notSupported("include_deleted", "quotes are not deleted");
    sortedByCreation(p);
    p.rejectUnread();
    const page = await call.get("/v1/quotes", { limit, cursor: offset, customer_id: customer });
    return listOf((page.data as NativeQuote[]).map(one), page.next_cursor);
  });

  cbRoute(app, "POST", "/quotes/:id/convert", "quote.convert", async (call) => {
    call.params.rejectUnread();
    const quote = (await call.change("POST", path(call, "/accept"), {})) as NativeQuote;
    const customer = customerObject(await call.get(`/v1/customers/${quote.customer_id}`));
    return { quote: quoteObject(quote), customer };
  });

  cbRoute(app, "POST", "/quotes/:id/update_status", "quote.update_status", async (call) => {
    const p = call.params;
    const status = p.str("status", 50);
    if (!status) throw missing("status");
    if (status !== "accepted" && status !== "declined") {
      throw notSupported("status", "a quote's status is updated to accepted or declined");
    }
    p.rejectUnread();
    const action = status === "accepted" ? "/accept" : "/decline";
    return one(
      await call.change("POST", path(call, action), status === "accepted" ? {} : undefined),
    );
  });

  cbRoute(
    app,
    "POST",
    "/quotes/:id/extend_expiry_date",
    "quote.extend_expiry_date",
    async (call) => {
      const p = call.params;
      const until = p.timestamp("valid_till");
      if (!until) throw missing("valid_till");
      p.rejectUnread();
      return one(await call.change("PATCH", path(call), { valid_until: until }));
    },
  );
}
