/**
 * Chargebee's estimates for subscriptions over Accrue's previews: what billing would invoice
 * (nothing is written). Each estimate is one native preview; its invoice is Chargebee's
 * `invoice_estimate`, money in minor units.
 *
 * Lines: a plan variant's fee is a `plan_item_price` line, a component's fee or usage an
 * `addon_item_price` line, a setup fee a `charge_item_price` line, a one-off charge `adhoc`;
 * discounts are Chargebee's `discounts` (positive amounts taken off the sub-total).
 */
import type { FastifyInstance } from "fastify";
import { customerId } from "./customers.js";
import { type PricedLine, pricedLines } from "./priced.js";
import { type CbCall, cbRoute } from "./routes.js";
import { cartOf, couponOf, loadContract } from "./subscriptions.js";
import { compact, minor, notSupported, type Reader, unix, wrongValue } from "./wire.js";

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

/** Chargebee's invoice estimate from a native preview. */
export function invoiceEstimate(p: Preview, customer?: string): Record<string, unknown> {
  const total = minor(p.total_gross, p.currency);
  const priced = pricedLines(p, {
    subscriptionId: p.contract_id,
    day: p.date,
    entityId: (l) =>
      l.kind === "recurring_fee" ? /^fee:([^:]+):/.exec(l.charge_key)?.[1] : undefined,
  });
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
      return estimateOf(
        {
          subscription_estimate: compact({
            currency_code: answer.currency,
            status: start ? "future" : "active",
            object: "subscription_estimate",
          }),
          invoice_estimate: invoiceEstimate(answer, customer),
        },
        await nowOf(call),
      );
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
      return estimateOf(
        {
          subscription_estimate: compact({
            currency_code: answer.currency,
            status: start ? "future" : "active",
            object: "subscription_estimate",
          }),
          invoice_estimate: invoiceEstimate(answer),
        },
        await nowOf(call),
      );
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
