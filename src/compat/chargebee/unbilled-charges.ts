/**
 * Chargebee's unbilled charges over a contract's rated items (one-off charges the next
 * settlement bills), invoicing them now (a settlement) and its estimate (the billing preview).
 *
 * A call records one ad hoc charge (`charges[…][0]`): one rated item in one request. Charges
 * for catalog item prices are not taken. An unbilled charge's id names its subscription too
 * (`<contract id>.<rated item id>`), as Accrue's rated items are reached through their
 * contract.
 */
import type { FastifyInstance } from "fastify";
import { invoiceEstimate } from "./estimates.js";
import { type CbCall, cbRoute } from "./routes.js";
import { loadContract } from "./subscriptions.js";
import {
  CbError,
  compact,
  fromMinor,
  listOf,
  minor,
  missing,
  notFound,
  notSupported,
  unix,
  unixDate,
  wrongValue,
} from "./wire.js";

type RatedItem = {
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

export function unbilledChargeObject(r: RatedItem, currency: string, customer: string) {
  const quantity = /^[0-9]+(\.0+)?$/.test(r.quantity) ? Number.parseInt(r.quantity, 10) : undefined;
  const unit = minor(r.price_per_unit, currency);
  return compact({
    id: `${r.contract_id}.${r.id}`,
    customer_id: customer,
    subscription_id: r.contract_id,
    date_from: unix(r.period_start),
    date_to: unix(r.period_end),
    unit_amount: unit,
    pricing_model: "flat_fee",
    quantity,
    quantity_in_decimal: quantity === undefined ? r.quantity : undefined,
    amount: quantity === undefined ? undefined : unit * quantity,
    currency_code: currency,
    discount_amount: 0,
    description: r.description,
    entity_type: "adhoc",
    is_voided: false,
    deleted: false,
    object: "unbilled_charge",
    created_at: unix(r.created_at),
    updated_at: unix(r.created_at),
  });
}

/** Chargebee's invoice, in brief, from a native invoice. */
function invoiceObject(i: {
  id: string;
  number: string | null;
  status: string;
  customer_id: string;
  contract_id: string | null;
  currency: string;
  issue_date: string;
  due_date: string | null;
  total_net: string;
  total_tax: string;
  total_gross: string;
}): Record<string, unknown> {
  const total = minor(i.total_gross, i.currency);
  return compact({
    id: i.id,
    customer_id: i.customer_id,
    subscription_id: i.contract_id,
    status: i.status === "draft" ? "pending" : i.status === "void" ? "voided" : "payment_due",
    date: unixDate(i.issue_date),
    due_date: unixDate(i.due_date),
    currency_code: i.currency,
    sub_total: minor(i.total_net, i.currency),
    tax: minor(i.total_tax, i.currency),
    total,
    amount_due: total,
    ...(i.number ? { meta_data: { number: i.number } } : {}),
    object: "invoice",
  });
}

async function subscriptionParam(call: CbCall) {
  const id = call.params.str("subscription_id", 64);
  if (!id) throw missing("subscription_id");
  return loadContract(call, id).catch((error: unknown) => {
    if (error instanceof CbError && error.status === 404) {
      throw notFound(`subscription ${id}`, "subscription_id");
    }
    throw error;
  });
}

export async function chargebeeUnbilledChargeRoutes(app: FastifyInstance): Promise<void> {
  for (const [path, operation] of [
    ["/unbilled_charges/create", "unbilled_charge.create_unbilled_charge"],
    ["/unbilled_charges", "unbilled_charge.create"],
  ] as const) {
    cbRoute(app, "POST", path, operation, async (call) => {
      const p = call.params;
      const contract = await subscriptionParam(call);
      const currency = p.str("currency_code", 3);
      if (currency && currency !== contract.currency) {
        throw wrongValue("currency_code", `the subscription bills in ${contract.currency}`);
      }
      if (p.has("item_prices")) {
        throw notSupported(
          "item_prices",
          "record the charge as charges[amount] and charges[description]",
        );
      }
      const rows = p.rows("charges", 1);
      const row = rows[0];
      if (!row) throw missing("charges[amount][0]");
      const amount = row.int("amount", 0);
      if (amount === undefined) throw missing("charges[amount][0]");
      const description = row.str("description", 500);
      if (!description) throw missing("charges[description][0]");
      const from = row.timestamp("date_from");
      const to = row.timestamp("date_to");
      if (row.bool("taxable") === false) throw notSupported("charges[taxable][0]");
      row.rejectUnread();
      p.rejectUnread();
      const created: RatedItem = await call.change(
        "POST",
        `/v1/contracts/${contract.id}/rated_items`,
        {
          description,
          quantity: "1",
          price_per_unit: fromMinor(amount, contract.currency),
          ...(from ? { period_start: from } : {}),
          ...(to ? { period_end: to } : {}),
        },
      );
      return {
        unbilled_charges: [unbilledChargeObject(created, contract.currency, contract.customer_id)],
      };
    });
  }

  cbRoute(app, "GET", "/unbilled_charges", "unbilled_charge.list", async (call) => {
    const p = call.params;
    const filter = p.object("subscription_id");
    const id = filter?.str("is", 64);
    filter?.rejectUnread();
    const { limit, offset } = p.page();
    if (p.bool("is_voided")) throw notSupported("is_voided", "deleted charges are gone");
    p.rejectUnread();
    if (!id) throw missing("subscription_id[is]");
    const contract = await loadContract(call, id);
    const page = await call.get(`/v1/contracts/${contract.id}/rated_items`);
    const items = (page.data as RatedItem[]).filter((r) => !r.billed);
    // a contract's rated items come in one answer: the offset is the next item's position
    if (offset !== undefined && !/^[0-9]{1,6}$/.test(offset)) {
      throw wrongValue("offset", "is not an offset this list answered");
    }
    const start = offset === undefined ? 0 : Number(offset);
    const end = start + limit;
    return listOf(
      items.slice(start, end).map((r) => ({
        unbilled_charge: unbilledChargeObject(r, contract.currency, contract.customer_id),
      })),
      end < items.length ? String(end) : null,
    );
  });

  cbRoute(app, "POST", "/unbilled_charges/:id/delete", "unbilled_charge.delete", async (call) => {
    call.params.rejectUnread();
    const [contractId, itemId] = call.id.split(".");
    if (!contractId || !itemId) throw notFound(`unbilled_charge ${call.id}`, "id");
    const contract = await loadContract(call, contractId);
    const page = await call.get(`/v1/contracts/${contract.id}/rated_items`);
    const item = (page.data as RatedItem[]).find((r) => r.id === itemId);
    // the native operation decides, the transfer rules first: a charge that is not there or
    // is invoiced already is refused by it
    await call
      .change("DELETE", `/v1/contracts/${contract.id}/rated_items/${encodeURIComponent(itemId)}`)
      .catch((error: unknown) => {
        if (error instanceof CbError && error.accrueCode === "rated_item_billed") {
          throw new CbError(
            400,
            "invalid_state_for_request",
            `unbilled_charge ${call.id} has been invoiced`,
            "invalid_request",
            undefined,
            error.accrueCode,
          );
        }
        if (error instanceof CbError && error.status === 404) {
          throw notFound(`unbilled_charge ${call.id}`, "id");
        }
        throw error;
      });
    if (!item) throw notFound(`unbilled_charge ${call.id}`, "id");
    return {
      unbilled_charge: {
        ...unbilledChargeObject(item, contract.currency, contract.customer_id),
        deleted: true,
      },
    };
  });

  cbRoute(
    app,
    "POST",
    "/unbilled_charges/invoice_unbilled_charges",
    "unbilled_charge.invoice_unbilled_charges",
    async (call) => {
      const contract = await subscriptionParam(call);
      call.params.rejectUnread();
      const settled = await call.change("POST", `/v1/contracts/${contract.id}/settle`, {});
      return { invoices: settled.invoice ? [invoiceObject(settled.invoice)] : [] };
    },
  );

  cbRoute(
    app,
    "POST",
    "/unbilled_charges/invoice_now_estimate",
    "unbilled_charge.invoice_now_estimate",
    async (call) => {
      const contract = await subscriptionParam(call);
      call.params.rejectUnread();
      const preview = await call.get(`/v1/contracts/${contract.id}/billing_preview`);
      const clock = await call.get("/v1/test_clock");
      return {
        estimate: {
          created_at: unix(clock.now),
          invoice_estimates: [invoiceEstimate(preview, contract.customer_id)],
          object: "estimate",
        },
      };
    },
  );
}
