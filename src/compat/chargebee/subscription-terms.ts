/**
 * Chargebee's subscription operations on terms, charges and schedules over Accrue's contract
 * operations: a charge at the term end, the advance invoice schedule (edit, retrieve, remove),
 * regenerating a voided invoice, importing a contract term and unbilled charges, removing
 * coupons, and the estimates of a cancellation and of a one-off invoice.
 *
 * Each call that changes something is one native request, except `remove_coupons`, which ends
 * each coupon's discount subscription with a request of its own.
 */
import type { FastifyInstance } from "fastify";
import { customerId } from "./customers.js";
import { invoiceEstimate } from "./estimates.js";
import { invoiceObject, type NativeInvoice, receivablesOf } from "./invoices.js";
import { type CbCall, cbRoute } from "./routes.js";
import { fixedIntervals, specificDates } from "./schedules.js";
import { invalidState, loadContract, subscriptionAnswer } from "./subscriptions.js";
import { unbilledChargeObject } from "./unbilled-charges.js";
import {
  CbError,
  compact,
  fromMinor,
  missing,
  notSupported,
  type Reader,
  unix,
  wrongValue,
} from "./wire.js";

// ---- native shapes ------------------------------------------------------------------------------

type RatedItem = Parameters<typeof unbilledChargeObject>[0];

type ScheduleView = {
  contract_id: string;
  schedule_type: "fixed_intervals" | "specific_dates" | null;
  fixed_intervals_schedule: {
    terms_to_charge: number;
    starts_at: string;
    number_of_occurrences: number | null;
  } | null;
  specific_dates_schedule: Array<{ date: string; terms_to_charge: number }> | null;
};

type ImportedTerm = {
  id: string;
  updated_at: string;
  contract_term: {
    start: string;
    end: string;
    billing_cycles: number | null;
    action_at_term_end: "renew" | "renew_once" | "evergreen" | "cancel";
  } | null;
};

type DiscountSubscription = {
  id: string;
  discount_id: string;
  coupon_id: string | null;
  start_date: string;
  effective_end_date: string | null;
};

// ---- Chargebee's objects --------------------------------------------------------------------------

/** Chargebee's advance invoice schedules: one fixed-interval schedule, or one per date. */
function advanceSchedules(view: ScheduleView): Array<Record<string, unknown>> {
  const fixed = view.fixed_intervals_schedule;
  if (view.schedule_type === "fixed_intervals" && fixed) {
    return [
      {
        id: `${view.contract_id}.fixed_intervals`,
        schedule_type: "fixed_intervals",
        fixed_interval_schedule: compact({
          end_schedule_on:
            fixed.number_of_occurrences === null ? "subscription_end" : "after_number_of_intervals",
          number_of_occurrences: fixed.number_of_occurrences,
          days_before_renewal: 0,
          terms_to_charge: fixed.terms_to_charge,
        }),
        object: "advance_invoice_schedule",
      },
    ];
  }
  if (view.schedule_type === "specific_dates") {
    return (view.specific_dates_schedule ?? []).map((d, i) => ({
      id: `${view.contract_id}.date_${i + 1}`,
      schedule_type: "specific_dates",
      specific_dates_schedule: { terms_to_charge: d.terms_to_charge, date: unix(d.date) },
      object: "advance_invoice_schedule",
    }));
  }
  return [];
}

/** Chargebee's contract term from the one imported onto a contract. */
function contractTermObject(contract: ImportedTerm): Record<string, unknown> {
  const term = contract.contract_term;
  if (!term) throw invalidState(`subscription ${contract.id} has no contract term`);
  return compact({
    id: `${contract.id}.contract_term`,
    status: "active",
    contract_start: unix(term.start),
    contract_end: unix(term.end),
    billing_cycle: term.billing_cycles,
    action_at_term_end: term.action_at_term_end,
    created_at: unix(contract.updated_at),
    subscription_id: contract.id,
    object: "contract_term",
  });
}

async function nowOf(call: CbCall): Promise<number> {
  return unix((await call.get("/v1/test_clock")).now) as number;
}

/** A refusal naming a native field, named as the Chargebee parameter it came from. */
function renamed(error: unknown, names: Record<string, string>): unknown {
  if (!(error instanceof CbError) || !error.param) return error;
  const match = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(error.param);
  const param = match
    ? `${names[match[1] as string] ?? match[1]}[${match[3]}][${match[2]}]`
    : names[error.param];
  if (!param) return error;
  return new CbError(
    error.status,
    error.apiErrorCode,
    error.message,
    error.type,
    param,
    error.accrueCode,
  );
}

// ---- reading Chargebee's parameters ------------------------------------------------------------

/** `terms_to_charge`, `schedule_type` and the schedule → the native schedule body. */
function scheduleOf(p: Reader): Record<string, unknown> {
  const terms = p.int("terms_to_charge", 1, 120);
  const type = p.oneOf("schedule_type", ["immediate", "fixed_intervals", "specific_dates"]);
  if (type === "immediate") {
    throw wrongValue(
      "schedule_type",
      "an advance invoice schedule is fixed_intervals or specific_dates",
    );
  }
  const fixed = fixedIntervals(p, false);
  const occurrences = fixed?.occurrences;
  const endOn = fixed?.endOn;
  if (endOn === "after_number_of_intervals" && occurrences === undefined) {
    throw missing("fixed_interval_schedule[number_of_occurrences]");
  }
  if (endOn === "subscription_end" && occurrences !== undefined) {
    throw wrongValue(
      "fixed_interval_schedule[number_of_occurrences]",
      "is not taken with end_schedule_on subscription_end",
    );
  }
  const dates = specificDates(p);
  const scheduleType =
    type ?? (dates.length > 0 ? "specific_dates" : fixed ? "fixed_intervals" : undefined);
  if (!scheduleType) throw missing("schedule_type");
  if (scheduleType === "specific_dates" && dates.length === 0) {
    throw missing("specific_dates_schedule[date][0]");
  }
  if (scheduleType === "fixed_intervals" && dates.length > 0) {
    throw wrongValue("specific_dates_schedule[date][0]", "is not taken with fixed_intervals");
  }
  return compact({
    schedule_type: scheduleType,
    terms_to_charge: terms,
    fixed_intervals_schedule:
      scheduleType === "fixed_intervals"
        ? compact({ number_of_occurrences: occurrences })
        : undefined,
    specific_dates_schedule: dates.length > 0 ? dates : undefined,
  });
}

/** Chargebee's entity types of an imported unbilled charge → Accrue's. */
const ENTITY_TYPES: Record<string, "plan" | "addon" | "charge" | "adhoc"> = {
  plan_item_price: "plan",
  plan: "plan",
  addon_item_price: "addon",
  addon: "addon",
  charge_item_price: "charge",
  adhoc: "adhoc",
};

// ---- routes ------------------------------------------------------------------------------------

export async function chargebeeSubscriptionTermRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/add_charge_at_term_end",
    "subscription.add_charge_at_term_end",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const p = call.params;
      const amount = p.int("amount", 0);
      const description = p.str("description", 500);
      const from = p.timestamp("date_from");
      const to = p.timestamp("date_to");
      p.rejectUnread();
      if (amount === undefined) throw missing("amount");
      if (!description) throw missing("description");
      const charge: RatedItem = await call.change(
        "POST",
        `/v1/contracts/${contract.id}/add_charge_at_term_end`,
        compact({
          amount: fromMinor(amount, contract.currency),
          description,
          date_from: from,
          date_to: to,
        }),
      );
      const { subscription } = (await subscriptionAnswer(call, contract.id)) as {
        subscription: Record<string, unknown>;
      };
      return {
        estimate: compact({
          created_at: await nowOf(call),
          object: "estimate",
          subscription_estimate: compact({
            id: contract.id,
            currency_code: contract.currency,
            status: subscription.status,
            next_billing_at: subscription.next_billing_at,
            object: "subscription_estimate",
          }),
          unbilled_charge_estimates: [
            unbilledChargeObject(charge, contract.currency, contract.customer_id),
          ],
        }),
      };
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/edit_advance_invoice_schedule",
    "subscription.edit_advance_invoice_schedule",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const body = scheduleOf(call.params);
      call.params.rejectUnread();
      const view: ScheduleView = await call.change(
        "POST",
        `/v1/contracts/${contract.id}/edit_advance_invoice_schedule`,
        body,
      );
      return { advance_invoice_schedules: advanceSchedules(view) };
    },
  );

  cbRoute(
    app,
    "GET",
    "/subscriptions/:id/retrieve_advance_invoice_schedule",
    "subscription.retrieve_advance_invoice_schedule",
    async (call) => {
      const contract = await loadContract(call, call.id);
      call.params.rejectUnread();
      const view: ScheduleView = await call.get(
        `/v1/contracts/${contract.id}/advance_invoice_schedule`,
      );
      return { advance_invoice_schedules: advanceSchedules(view) };
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/remove_advance_invoice_schedule",
    "subscription.remove_advance_invoice_schedule",
    async (call) => {
      const contract = await loadContract(call, call.id);
      if (call.params.has("specific_dates_schedule")) {
        throw notSupported("specific_dates_schedule", "the whole schedule is removed");
      }
      call.params.rejectUnread();
      await call.change("POST", `/v1/contracts/${contract.id}/remove_advance_invoice_schedule`, {});
      return subscriptionAnswer(call, contract.id);
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/regenerate_invoice",
    "subscription.regenerate_invoice",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const p = call.params;
      if (p.bool("invoice_immediately") === false) {
        throw notSupported("invoice_immediately", "the invoice is made at once");
      }
      if (p.bool("prorate") === false)
        throw notSupported("prorate", "the periods billed are prorated");
      p.rejectUnread();
      const settled = await call.change("POST", `/v1/contracts/${contract.id}/regenerate_invoice`);
      const invoice = settled.invoice as NativeInvoice | null;
      if (!invoice) return {};
      return {
        invoice: invoiceObject(invoice, await receivablesOf(call, invoice.customer_id)),
      };
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/import_contract_term",
    "subscription.import_contract_term",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const p = call.params;
      const term = p.object("contract_term");
      if (!term) throw missing("contract_term[contract_start]");
      const start = term.timestamp("contract_start");
      if (!start) throw missing("contract_term[contract_start]");
      const end = term.timestamp("contract_end");
      if (!end) throw missing("contract_term[contract_end]");
      const cycles = term.int("billing_cycle", 1, 1000);
      const action = term.oneOf("action_at_term_end", [
        "renew",
        "evergreen",
        "cancel",
        "renew_once",
      ]);
      if (!action) throw missing("contract_term[action_at_term_end]");
      term.rejectUnread();
      p.rejectUnread();
      const imported: ImportedTerm = await call
        .change(
          "POST",
          `/v1/contracts/${contract.id}/import_contract_term`,
          compact({
            contract_start: start,
            contract_end: end,
            billing_cycles: cycles,
            action_at_term_end: action,
          }),
        )
        .catch((error: unknown) => {
          throw renamed(error, {
            contract_start: "contract_term[contract_start]",
            contract_end: "contract_term[contract_end]",
            billing_cycles: "contract_term[billing_cycle]",
            action_at_term_end: "contract_term[action_at_term_end]",
          });
        });
      return { contract_term: contractTermObject(imported) };
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/import_unbilled_charges",
    "subscription.import_unbilled_charges",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const p = call.params;
      const rows = p.rows("unbilled_charges", 100);
      if (rows.length === 0) throw missing("unbilled_charges[date_from][0]");
      const sent: Array<{ type: string; id: string | undefined }> = [];
      const charges = rows.map((row, i) => {
        const param = (key: string) => `unbilled_charges[${key}][${i}]`;
        const type = row.oneOf("entity_type", [
          ...Object.keys(ENTITY_TYPES),
          "plan_setup",
        ] as const);
        if (!type) throw missing(param("entity_type"));
        if (type === "plan_setup") {
          throw notSupported(param("entity_type"), "plan_setup is not supported");
        }
        const entity = row.str("entity_id", 64);
        const description = row.str("description", 500);
        if (!description) throw missing(param("description"));
        const unit = row.int("unit_amount", 0);
        if (unit === undefined) throw missing(param("unit_amount"));
        const quantity = row.int("quantity", 1, 1_000_000_000);
        const from = row.timestamp("date_from");
        if (!from) throw missing(param("date_from"));
        const to = row.timestamp("date_to");
        if (!to) throw missing(param("date_to"));
        try {
          row.rejectUnread();
        } catch (error) {
          // Chargebee names a row's parameter `unbilled_charges[amount][0]`
          const key = /\[(\w+)\]$/.exec((error as CbError).param ?? "")?.[1];
          throw key ? notSupported(param(key)) : error;
        }
        sent.push({ type, id: entity });
        return compact({
          entity_type: ENTITY_TYPES[type],
          entity_id: entity,
          description,
          quantity: quantity === undefined ? undefined : String(quantity),
          unit_amount: fromMinor(unit, contract.currency),
          date_from: from,
          date_to: to,
        });
      });
      p.rejectUnread();
      const answer = await call
        .change("POST", `/v1/contracts/${contract.id}/import_unbilled_charges`, { charges })
        .catch((error: unknown) => {
          throw renamed(error, { charges: "unbilled_charges" });
        });
      const items = answer.rated_items as RatedItem[];
      return {
        unbilled_charges: items.map((item, i) =>
          compact({
            ...unbilledChargeObject(item, contract.currency, contract.customer_id),
            entity_type: sent[i]?.type,
            entity_id: sent[i]?.id,
          }),
        ),
      };
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/remove_coupons",
    "subscription.remove_coupons",
    async (call) => {
      const contract = await loadContract(call, call.id);
      const wanted = call.params.values("coupon_ids", 20);
      call.params.rejectUnread();
      const now = await nowOf(call);
      const list = (await call.get(`/v1/contracts/${contract.id}/discounts`))
        .data as DiscountSubscription[];
      // the coupons applied now: started, and not ended yet
      const live = list.filter(
        (d) =>
          (unix(d.start_date) as number) <= now &&
          (d.effective_end_date === null || (unix(d.effective_end_date) as number) > now),
      );
      let ending = live;
      if (wanted.length > 0) {
        const codes = new Map<string, string>();
        for (const d of live) {
          if (!d.coupon_id || codes.has(d.coupon_id)) continue;
          const coupon = await call.get(`/v1/coupons/${d.coupon_id}`);
          codes.set(d.coupon_id, String(coupon.code).toLowerCase());
        }
        const names = (d: DiscountSubscription) => [
          d.discount_id,
          d.coupon_id,
          d.coupon_id ? codes.get(d.coupon_id) : undefined,
        ];
        wanted.forEach((id, i) => {
          const found = live.some(
            (d) => names(d).includes(id) || names(d).includes(id.toLowerCase()),
          );
          if (!found)
            throw wrongValue(`coupon_ids[${i}]`, `${id} is not applied to the subscription`);
        });
        ending = live.filter((d) =>
          wanted.some((id) => names(d).includes(id) || names(d).includes(id.toLowerCase())),
        );
      }
      const at = new Date(now * 1000).toISOString();
      for (const d of ending) {
        await call.change("POST", `/v1/discount_subscriptions/${d.id}/end`, { end_date: at });
      }
      return subscriptionAnswer(call, contract.id);
    },
  );

  cbRoute(
    app,
    "POST",
    "/subscriptions/:id/cancel_subscription_for_items_estimate",
    "estimate.cancel_subscription_for_items",
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
      if (option === "immediately" || option === "specific_date" || endOfTerm === false) {
        throw notSupported(
          option ? "cancel_option" : "end_of_term",
          "the estimate is of a cancellation at the end the subscription's terms allow",
        );
      }
      p.rejectUnread();
      const preview = await call.get(`/v1/contracts/${contract.id}/cancellation_preview`);
      return {
        estimate: compact({
          created_at: await nowOf(call),
          object: "estimate",
          subscription_estimate: compact({
            id: contract.id,
            currency_code: contract.currency,
            status: "non_renewing",
            object: "subscription_estimate",
          }),
          invoice_estimate: invoiceEstimate(preview.invoice, contract.customer_id),
        }),
      };
    },
  );

  cbRoute(
    app,
    "POST",
    "/estimates/create_invoice_for_items",
    "estimate.create_invoice_for_items",
    async (call) => {
      const p = call.params;
      const invoice = p.object("invoice");
      const named = invoice?.str("customer_id", 64) ?? p.str("customer_id", 64);
      invoice?.rejectUnread();
      if (!named) throw missing("invoice[customer_id]");
      const currency = p.str("currency_code", 3);
      if (!currency) throw missing("currency_code");
      if (p.has("item_prices")) {
        throw notSupported(
          "item_prices",
          "estimate charges as charges[amount] and charges[description]",
        );
      }
      const lines = p.rows("charges", 100).map((row, i) => {
        const amount = row.int("amount", 0);
        if (amount === undefined) throw missing(`charges[amount][${i}]`);
        const description = row.str("description", 500);
        if (!description) throw missing(`charges[description][${i}]`);
        const from = row.timestamp("date_from");
        const to = row.timestamp("date_to");
        row.rejectUnread();
        return compact({
          description,
          unit_price: fromMinor(amount, currency),
          period_start: from?.slice(0, 10),
          period_end: to?.slice(0, 10),
        });
      });
      if (lines.length === 0) throw missing("charges[amount][0]");
      p.rejectUnread();
      const customer = await customerId(call, named, "invoice[customer_id]");
      const draft: NativeInvoice = (
        await call.native({
          method: "POST",
          url: "/v1/invoices/estimate",
          body: { customer_id: customer, currency, lines },
        })
      ).body;
      const estimate = invoiceEstimate(
        {
          contract_id: draft.contract_id as string,
          currency: draft.currency,
          price_basis: draft.price_basis,
          date: draft.issue_date,
          lines: draft.lines.map((l) => ({ ...l, charge_key: l.charge_key ?? "" })),
          tax_rows: draft.tax_rows,
          total_net: draft.total_net,
          total_tax: draft.total_tax,
          total_gross: draft.total_gross,
        },
        customer,
      );
      return {
        estimate: {
          created_at: await nowOf(call),
          invoice_estimate: { ...estimate, recurring: false },
          object: "estimate",
        },
      };
    },
  );
}
