/**
 * Chargebee's estimates for subscriptions over Accrue's previews: what billing would invoice
 * (nothing is written). Each estimate is one native preview; its invoice is Chargebee's
 * `invoice_estimate`, money in minor units.
 *
 * Lines: a plan variant's fee is a `plan_item_price` line, a component's fee or usage an
 * `addon_item_price` line, a setup fee a `charge_item_price` line, a one-off charge `adhoc`;
 * discounts are Chargebee's `discounts` (positive amounts taken off the sub-total).
 *
 * A change of a subscription's items and a Product Catalog 1.0 subscription are estimated as
 * the order that makes them (`POST /v1/orders/estimate`: placed, committed and rolled back).
 * What a change bills at once is an `invoice_estimate` (a credit, a `credit_note_estimates`
 * entry) with `invoice_immediately`; without it, the same charges wait as
 * `unbilled_charge_estimates`; the invoice of the next billing date is `next_invoice_estimate`.
 */
import type { FastifyInstance } from "fastify";
import { customerId } from "./customers.js";
import { type PricedLine, pricedLines } from "./priced.js";
import { type CbCall, cbRoute } from "./routes.js";
import { cartOf, changeOrderOf, couponOf, loadContract, statusOf } from "./subscriptions.js";
import {
  CbError,
  compact,
  minor,
  missing,
  notFound,
  notSupported,
  type Reader,
  unix,
  wrongValue,
} from "./wire.js";

type PreviewLine = PricedLine & { charge_key: string };

type Preview = {
  contract_id: string;
  currency: string;
  price_basis: "net" | "gross";
  date: string;
  lines: PreviewLine[];
  tax_rows: Array<{ rate: string; net: string; tax: string; gross: string }>;
  total_net: string;
  total_tax: string;
  total_gross: string;
};

/** The native estimate of an order (`POST /v1/orders/estimate`). */
type OrderEstimate = {
  invoice: Preview;
  next_billing_at: string | null;
  next_invoice: Preview | null;
};

/** A preview's lines, discounts and taxes in Chargebee's shape. */
function pricedOf(p: Preview, subscription: boolean) {
  return pricedLines(p, {
    subscriptionId: subscription ? p.contract_id : undefined,
    day: p.date,
    entityId: (l) =>
      l.kind === "recurring_fee" ? /^fee:([^:]+):/.exec(l.charge_key)?.[1] : undefined,
  });
}

/**
 * Chargebee's invoice estimate from a native preview. Without `subscription` the lines name
 * no subscription (the preview's contract is not kept: a gift's).
 */
export function invoiceEstimate(
  p: Preview,
  customer?: string,
  subscription = true,
): Record<string, unknown> {
  const total = minor(p.total_gross, p.currency);
  const priced = pricedOf(p, subscription);
  return compact({
    recurring: p.lines.some((l) => l.kind === "recurring_fee" || l.kind === "component_fee"),
    price_type: p.price_basis === "gross" ? "tax_inclusive" : "tax_exclusive",
    currency_code: p.currency,
    sub_total: priced.sub_total,
    total,
    credits_applied: 0,
    amount_paid: 0,
    amount_due: total,
    customer_id: customer,
    line_items: priced.line_items,
    discounts: priced.discounts,
    taxes: priced.taxes,
    object: "invoice_estimate",
  });
}

/** Chargebee's credit note estimate from a native preview whose total is a credit. */
function creditNoteEstimate(p: Preview, customer: string): Record<string, unknown> {
  const total = -minor(p.total_gross, p.currency);
  const priced = pricedOf(p, true);
  const abs = (n: unknown) => (typeof n === "number" ? Math.abs(n) : n);
  return compact({
    type: "adjustment",
    price_type: p.price_basis === "gross" ? "tax_inclusive" : "tax_exclusive",
    currency_code: p.currency,
    sub_total: -priced.sub_total,
    total,
    amount_allocated: 0,
    amount_available: total,
    customer_id: customer,
    line_items: priced.line_items.map((l) => ({
      ...l,
      unit_amount: abs(l.unit_amount),
      amount: abs(l.amount),
    })),
    discounts: priced.discounts.map((d) => ({ ...d, amount: Math.abs(d.amount) })),
    taxes: priced.taxes.map((t) => ({ ...t, amount: Math.abs(t.amount) })),
    object: "credit_note_estimate",
  });
}

/** The charges of a preview that wait for the next billing, as Chargebee's unbilled charges. */
function unbilledChargeEstimates(p: Preview, customer: string): Record<string, unknown>[] {
  return pricedOf(p, true).line_items.map((l) =>
    compact({
      customer_id: customer,
      subscription_id: l.subscription_id,
      date_from: l.date_from,
      date_to: l.date_to,
      unit_amount: l.unit_amount,
      quantity: l.quantity,
      quantity_in_decimal: l.quantity_in_decimal,
      amount: l.amount,
      currency_code: p.currency,
      discount_amount: 0,
      description: l.description,
      entity_type: l.entity_type,
      entity_id: l.entity_id,
      is_voided: false,
      deleted: false,
      object: "unbilled_charge",
    }),
  );
}

/** Chargebee's `{estimate}` with the invoice estimate and whatever else the call tells. */
function estimateOf(fields: Record<string, unknown>, now: number): Record<string, unknown> {
  return { estimate: compact({ created_at: now, object: "estimate", ...fields }) };
}

async function nowOf(call: CbCall): Promise<number> {
  const clock = await call.get("/v1/test_clock");
  return unix(clock.now) as number;
}

/** The order cart of a new subscription, as the native estimates take it. */
function signupOf(p: Reader): Record<string, unknown> {
  const cart = cartOf(p, true);
  const coupon = couponOf(p);
  return compact({
    ...cart,
    components: cart.components.length > 0 ? cart.components : undefined,
    coupon_code: coupon,
  });
}

/** A new subscription's estimate: its status and first invoice. */
function newSubscription(
  answer: Preview,
  customer: string | undefined,
  start: string | undefined,
): Record<string, unknown> {
  return {
    subscription_estimate: compact({
      currency_code: answer.currency,
      status: start ? "future" : "active",
      object: "subscription_estimate",
    }),
    invoice_estimate: invoiceEstimate(answer, customer),
  };
}

/**
 * The native estimate of an order; a refusal names Chargebee's parameter (`params` maps the
 * native fields), and an unknown plan variant or component is the 404 of what names it.
 */
async function orderEstimate(
  call: CbCall,
  body: Record<string, unknown>,
  params: Record<string, string> = {},
): Promise<OrderEstimate> {
  try {
    return (await call.native({ method: "POST", url: "/v1/orders/estimate", body })).body;
  } catch (error) {
    if (!(error instanceof CbError)) throw error;
    const row = error.param ? /^(\w+)\.(\d+)\.(\w+)$/.exec(error.param) : null;
    const param = row
      ? params[`${row[1]}[i].${row[3]}`]?.replace("[i]", `[${row[2]}]`)
      : error.param && params[error.param];
    const unknown =
      error.accrueCode === "unknown_plan_variant" || error.accrueCode === "unknown_component";
    throw new CbError(
      unknown ? 404 : error.status,
      unknown ? "resource_not_found" : error.apiErrorCode,
      error.message,
      error.type,
      param ?? error.param,
      error.accrueCode,
    );
  }
}

/** Chargebee's Product Catalog 1.0 names of a signup order's fields. */
const PC1_PARAMS: Record<string, string> = {
  plan_variant_id: "subscription[plan_id]",
  quantity: "subscription[plan_quantity]",
  start_date: "subscription[start_date]",
  "components[i].component_id": "addons[id][i]",
  "components[i].quantity": "addons[quantity][i]",
  coupon_code: "coupon_ids[0]",
};

/** Product Catalog 1.0's entity types of the Product Catalog 2.0 ones. */
const PC1_ENTITY: Record<string, string> = {
  plan_item_price: "plan",
  addon_item_price: "addon",
  charge_item_price: "plan_setup",
};

export async function chargebeeEstimateRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(
    app,
    "POST",
    "/customers/:id/create_subscription_for_items_estimate",
    "estimate.create_sub_item_for_customer_estimate",
    async (call) => {
      const customer = await customerId(call, call.id, "customer_id");
      const p = call.params;
      const subscription = p.object("subscription");
      const start = subscription?.timestamp("start_date");
      subscription?.rejectUnread();
      const signup = signupOf(p);
      p.rejectUnread();
      const answer: Preview = await call
        .native({
          method: "POST",
          url: "/v1/estimates/subscription",
          body: compact({
            customer_id: customer,
            ...signup,
            ...(start ? { start_date: start } : {}),
          }),
        })
        .then((r) => r.body);
      return estimateOf(newSubscription(answer, customer, start), await nowOf(call));
    },
  );

  cbRoute(
    app,
    "POST",
    "/estimates/create_subscription_for_items",
    "estimate.create_sub_item_estimate",
    async (call) => {
      const p = call.params;
      const subscription = p.object("subscription");
      const start = subscription?.timestamp("start_date");
      subscription?.rejectUnread();
      const signup = signupOf(p);
      const address = p.object("billing_address");
      const country = address?.str("country", 2);
      const zip = address?.str("zip", 20);
      const city = address?.str("city", 100);
      address?.rejectUnread();
      const customer = p.object("customer");
      const vat = customer?.str("vat_number", 20);
      const taxability = customer?.oneOf("taxability", ["taxable", "exempt"]);
      if (taxability === "exempt")
        throw notSupported("customer[taxability]", "exempt is not supported");
      customer?.rejectUnread();
      p.rejectUnread();
      const answer: Preview = (
        await call.native({
          method: "POST",
          url: "/v1/estimates/subscription_for_new_customer",
          body: {
            customer: compact({
              vat_id: vat,
              address: compact({ country, postal_code: zip, city }),
            }),
            subscription: compact({ ...signup, ...(start ? { start_date: start } : {}) }),
          },
        })
      ).body;
      return estimateOf(newSubscription(answer, undefined, start), await nowOf(call));
    },
  );

  // Product Catalog 1.0: a plan is the plan-type item price of that id (a plan variant), an
  // addon the addon-type one (a component); the lines name them as `plan`, `addon`, `plan_setup`
  cbRoute(
    app,
    "GET",
    "/customers/:id/create_subscription_estimate",
    "estimate.create_sub_for_customer_estimate",
    async (call) => {
      const customer = await customerId(call, call.id, "customer_id");
      const p = call.params;
      const subscription = p.object("subscription");
      const plan = subscription?.str("plan_id", 100);
      const quantity = subscription?.int("plan_quantity", 1, 999_999_999);
      const start = subscription?.timestamp("start_date");
      subscription?.rejectUnread();
      if (!plan) throw missing("subscription[plan_id]");
      if (!plan.startsWith("plv_")) throw notFound(`plan ${plan}`, "subscription[plan_id]");
      const addons = p.rows("addons", 50).map((row, i) => {
        const id = row.str("id", 100);
        const count = row.int("quantity", 1, 999_999_999);
        row.rejectUnread();
        if (!id) throw missing(`addons[id][${i}]`);
        if (!id.startsWith("cmp_")) throw notFound(`addon ${id}`, `addons[id][${i}]`);
        return { component_id: id, quantity: String(count ?? 1) };
      });
      const coupon = couponOf(p);
      p.rejectUnread();
      const answer = await orderEstimate(
        call,
        compact({
          customer_id: customer,
          plan_variant_id: plan,
          quantity: quantity === undefined ? undefined : String(quantity),
          components: addons.length > 0 ? addons : undefined,
          coupon_code: coupon,
          start_date: start,
        }),
        PC1_PARAMS,
      );
      const estimate = newSubscription(answer.invoice, customer, start);
      const invoice = estimate.invoice_estimate as { line_items?: Record<string, unknown>[] };
      for (const line of invoice.line_items ?? []) {
        line.entity_type = PC1_ENTITY[line.entity_type as string] ?? line.entity_type;
      }
      return estimateOf(estimate, await nowOf(call));
    },
  );

  cbRoute(
    app,
    "POST",
    "/estimates/update_subscription_for_items",
    "estimate.update_subscription_for_items",
    async (call) => {
      const subscription = call.params.object("subscription");
      const id = subscription?.str("id", 64);
      subscription?.rejectUnread();
      if (!id) throw missing("subscription[id]");
      const contract = await loadContract(call, id).catch((error: unknown) => {
        if (error instanceof CbError && error.status === 404) {
          throw notFound(`subscription ${id}`, "subscription[id]");
        }
        throw error;
      });
      const body = await changeOrderOf(call, contract);
      const answer = await orderEstimate(call, body);
      const now = await nowOf(call);
      const customer = contract.customer_id;
      // a change now (or dated in the past) is billed as of now; a dated one at its date
      const changeAt = body.change_date as string | undefined;
      const immediate = changeAt === undefined || Date.parse(changeAt) <= now * 1000;
      const fields: Record<string, unknown> = {
        subscription_estimate: compact({
          id: contract.id,
          currency_code: contract.currency,
          status: statusOf(contract),
          next_billing_at: unix(answer.next_billing_at),
          object: "subscription_estimate",
        }),
      };
      const credits: Record<string, unknown>[] = [];
      const invoiced = (p: Preview | null, key: string) => {
        if (!p || p.lines.length === 0) return;
        if (minor(p.total_gross, p.currency) < 0) credits.push(creditNoteEstimate(p, customer));
        else fields[key] = invoiceEstimate(p, customer);
      };
      if (immediate && body.trigger_interim_billing === true) {
        invoiced(answer.invoice, "invoice_estimate");
      } else if (immediate && answer.invoice.lines.length > 0) {
        fields.unbilled_charge_estimates = unbilledChargeEstimates(answer.invoice, customer);
      }
      invoiced(answer.next_invoice, "next_invoice_estimate");
      if (credits.length > 0) fields.credit_note_estimates = credits;
      return estimateOf(fields, now);
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/pause_subscription_estimate",
    "estimate.pause_subscription",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const p = call.params;
      const option = p.oneOf("pause_option", ["immediately", "specific_date"]);
      const pause = p.object("subscription");
      const pauseAt = pause?.timestamp("pause_date");
      const resumeAt = pause?.timestamp("resume_date");
      pause?.rejectUnread();
      p.rejectUnread();
      if (option === "specific_date" && !pauseAt) {
        throw wrongValue("subscription[pause_date]", "cannot be blank");
      }
      const answer: Preview = (
        await call.native({
          method: "POST",
          url: "/v1/estimates/pause",
          body: compact({ contract_id: contract.id, pause_date: pauseAt, resume_date: resumeAt }),
        })
      ).body;
      return estimateOf(
        {
          subscription_estimate: {
            id: contract.id,
            currency_code: contract.currency,
            status: pauseAt ? "active" : "paused",
            object: "subscription_estimate",
          },
          invoice_estimate: invoiceEstimate(answer, contract.customer_id),
        },
        await nowOf(call),
      );
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/resume_subscription_estimate",
    "estimate.resume_subscription",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const p = call.params;
      p.oneOf("resume_option", ["immediately"]);
      p.rejectUnread();
      const answer: Preview = (
        await call.native({
          method: "POST",
          url: "/v1/estimates/resume",
          body: { contract_id: contract.id },
        })
      ).body;
      return estimateOf(
        {
          subscription_estimate: {
            id: contract.id,
            currency_code: contract.currency,
            status: "active",
            object: "subscription_estimate",
          },
          invoice_estimate: invoiceEstimate(answer, contract.customer_id),
        },
        await nowOf(call),
      );
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/change_term_end_estimate",
    "estimate.change_term_end",
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
      const answer = await call.get(`/v1/contracts/${contract.id}/change_term_end_preview`, {
        term_end: end,
      });
      return estimateOf(
        {
          subscription_estimate: {
            id: contract.id,
            currency_code: contract.currency,
            status: contract.end_date ? "non_renewing" : "active",
            next_billing_at: unix(answer.term_end),
            object: "subscription_estimate",
          },
          invoice_estimate: invoiceEstimate(answer.invoice, contract.customer_id),
        },
        await nowOf(call),
      );
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/advance_invoice_estimate",
    "estimate.advance_invoice_estimate",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const p = call.params;
      const terms = p.int("terms_to_charge", 1, 120);
      const type = p.oneOf("schedule_type", ["immediate", "fixed_intervals", "specific_dates"]);
      if (type && type !== "immediate") {
        throw notSupported("schedule_type", "an estimate is for invoicing renewals now");
      }
      p.rejectUnread();
      const answer: Preview = (
        await call.native({
          method: "POST",
          url: "/v1/estimates/advance_invoice",
          body: compact({ contract_id: contract.id, terms_to_charge: terms }),
        })
      ).body;
      return estimateOf(
        { invoice_estimate: invoiceEstimate(answer, contract.customer_id) },
        await nowOf(call),
      );
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/regenerate_invoice_estimate",
    "estimate.regenerate_invoice_estimate",
    async (call) => {
      const contract = await loadContract(call, call.id);
      call.params.rejectUnread();
      const answer: Preview = await call.get(
        `/v1/contracts/${contract.id}/regenerate_invoice_preview`,
      );
      return estimateOf(
        { invoice_estimate: invoiceEstimate(answer, contract.customer_id) },
        await nowOf(call),
      );
    },
  );

  cbRoute(
    app,
    "GET",
    "/customers/:id/upcoming_invoices_estimate",
    "estimate.upcoming_invoices_estimate",
    async (call) => {
      const customer = await customerId(call, call.id, "customer_id");
      call.params.rejectUnread();
      const answer = await call.get(`/v1/customers/${customer}/upcoming_invoices`);
      const invoices = answer.invoices as Array<{ invoice: Preview }>;
      return estimateOf(
        { invoice_estimates: invoices.map((i) => invoiceEstimate(i.invoice, customer)) },
        await nowOf(call),
      );
    },
  );

  cbRoute(
    app,
    "GET",
    "/subscriptions/:id/renewal_estimate",
    "estimate.renewal_estimate",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const p = call.params;
      if (
        p.bool("include_delayed_charges") === false ||
        p.bool("use_existing_balances") === false
      ) {
        throw notSupported(
          p.has("include_delayed_charges") ? "include_delayed_charges" : "use_existing_balances",
        );
      }
      for (const key of ["ignore_scheduled_cancellation", "ignore_scheduled_changes"]) {
        if (p.bool(key)) throw notSupported(key, "the estimate is of the subscription as it is");
      }
      p.rejectUnread();
      const answer = await call.get(`/v1/customers/${contract.customer_id}/upcoming_invoices`);
      const mine = (answer.invoices as Array<{ next_billing_at: string; invoice: Preview }>).find(
        (i) => i.invoice.contract_id === contract.id,
      );
      return estimateOf(
        {
          subscription_estimate: compact({
            id: contract.id,
            currency_code: contract.currency,
            status: contract.end_date ? "non_renewing" : "active",
            next_billing_at: unix(mine?.next_billing_at),
            object: "subscription_estimate",
          }),
          ...(mine
            ? { invoice_estimate: invoiceEstimate(mine.invoice, contract.customer_id) }
            : {}),
        },
        await nowOf(call),
      );
    },
  );
}
