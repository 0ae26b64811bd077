/**
 * Chargebee's orders (the goods an invoice ships) over Accrue's fulfilment orders. Accrue's
 * own `orders` are contract orders; Chargebee's orders are `fulfilment_orders` natively.
 */
import type { FastifyInstance } from "fastify";
import { type CbCall, cbRoute } from "./routes.js";
import {
  compact,
  listOf,
  minor,
  missing,
  type Reader,
  sortedByCreation,
  unix,
  unixDate,
  wrongValue,
} from "./wire.js";

type NativeOrder = {
  id: string;
  number: string | null;
  invoice_id: string;
  customer_id: string;
  currency: string;
  status: "new" | "processing" | "complete" | "shipped" | "delivered" | "returned" | "cancelled";
  amount: string;
  lines: Array<{
    id: string;
    position: number;
    invoice_line_id: string;
    description: string;
    quantity: string;
    amount: string;
  }>;
  tracking_id: string | null;
  tracking_url: string | null;
  carrier: string | null;
  shipping_address: Record<string, string | undefined> | null;
  notes: string | null;
  cancellation_reason: string | null;
  cancellation_credit_note_id: string | null;
  refund_credit_note_id: string | null;
  resent_from: string | null;
  imported: boolean;
  order_date: string;
  shipped_at: string | null;
  delivered_at: string | null;
  cancelled_at: string | null;
  status_updated_at: string;
  created_at: string;
  updated_at: string;
};

const STATUSES = [
  "new",
  "processing",
  "complete",
  "shipped",
  "delivered",
  "returned",
  "cancelled",
] as const;

function addressObject(a: NativeOrder["shipping_address"]) {
  if (!a) return undefined;
  return compact({
    first_name: a.name,
    company: a.company,
    phone: a.phone,
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    state: a.state,
    zip: a.postal_code,
    country: a.country,
    object: "shipping_address",
  });
}

export function orderObject(o: NativeOrder): Record<string, unknown> {
  return compact({
    id: o.id,
    document_number: o.number,
    invoice_id: o.invoice_id,
    customer_id: o.customer_id,
    status: o.status,
    order_type: o.imported ? "manual" : "system_generated",
    price_type: "tax_exclusive",
    order_date: unixDate(o.order_date),
    shipment_carrier: o.carrier,
    tracking_id: o.tracking_id,
    tracking_url: o.tracking_url,
    note: o.notes,
    cancellation_reason: o.cancellation_reason,
    shipped_at: unix(o.shipped_at),
    delivered_at: unix(o.delivered_at),
    cancelled_at: unix(o.cancelled_at),
    status_update_at: unix(o.status_updated_at),
    created_at: unix(o.created_at),
    updated_at: unix(o.updated_at),
    resource_version: Date.parse(o.updated_at),
    is_resent: o.resent_from !== null,
    original_order_id: o.resent_from,
    currency_code: o.currency,
    total: minor(o.amount, o.currency),
    sub_total: minor(o.amount, o.currency),
    order_line_items: o.lines.map((l) =>
      compact({
        id: l.id,
        invoice_line_item_id: l.invoice_line_id,
        description: l.description,
        fulfillment_quantity: Number(l.quantity),
        amount: minor(l.amount, o.currency),
        entity_type: "invoice_line_item",
        object: "order_line_item",
      }),
    ),
    linked_credit_notes: [o.cancellation_credit_note_id, o.refund_credit_note_id]
      .filter((id): id is string => id !== null)
      .map((id) => ({ id, object: "linked_credit_note" })),
    shipping_address: addressObject(o.shipping_address),
    deleted: false,
    object: "order",
  });
}

/** Chargebee's shipping and tracking fields → the native ones (only those given). */
function detailsInput(p: Reader): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };
  set("tracking_id", p.text("tracking_id", 200));
  set("tracking_url", p.text("tracking_url", 2000));
  set("carrier", p.text("shipment_carrier", 200));
  set("notes", p.text("note", 2000));
  const a = p.object("shipping_address");
  if (a) {
    const address: Record<string, string> = {};
    const line = (key: string, native: string, max: number) => {
      const value = a.str(key, max);
      if (value) address[native] = value;
    };
    const name = [a.str("first_name", 100), a.str("last_name", 100)].filter(Boolean).join(" ");
    if (name) address.name = name;
    line("company", "company", 200);
    line("phone", "phone", 50);
    line("line1", "line1", 200);
    line("line2", "line2", 200);
    line("city", "city", 200);
    line("state", "state", 100);
    line("zip", "postal_code", 50);
    line("country", "country", 2);
    a.rejectUnread();
    out.shipping_address = address;
  }
  return out;
}

/**
 * Chargebee's `credit_note[total]` on a cancel or refund: Accrue credits the order's whole
 * amount, so a total is accepted when it is that amount. True when a credit note is asked for.
 */
async function creditNoteTotal(call: CbCall, p: Reader): Promise<boolean> {
  const credit = p.object("credit_note");
  if (!credit) return false;
  const total = credit.int("total", 0);
  credit.str("reason_code", 200);
  credit.rejectUnread();
  if (total === undefined) return true;
  const order = (await call.get(path(call))) as NativeOrder;
  if (total !== minor(order.amount, order.currency)) {
    throw wrongValue(
      "credit_note[total]",
      "must be the order's total: the whole order is credited",
    );
  }
  return true;
}

const one = (o: NativeOrder) => ({ order: orderObject(o) });

const path = (call: CbCall, suffix = "") =>
  `/v1/fulfilment_orders/${encodeURIComponent(call.id)}${suffix}`;

export async function chargebeeOrderRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(app, "POST", "/orders", "order.create", async (call) => {
    const p = call.params;
    const invoice = p.required("invoice_id", 64);
    const number = p.str("id", 50);
    const status = p.oneOf("status", STATUSES);
    const details = detailsInput(p);
    p.rejectUnread();
    const created = await call.change("POST", "/v1/fulfilment_orders", {
      invoice_id: invoice,
      ...(number ? { number } : {}),
      ...details,
    });
    if (!status || status === "new") return one(created);
    // Chargebee creates an order in any status; Accrue moves a new order on
    return one(await call.change("PATCH", `/v1/fulfilment_orders/${created.id}`, { status }));
  });

  cbRoute(app, "POST", "/orders/import_order", "order.import_order", async (call) => {
    const p = call.params;
    const invoice = p.required("invoice_id", 64);
    const number = p.required("document_number", 50);
    const status = p.oneOf("status", STATUSES);
    if (!status) throw missing("status");
    const date = p.timestamp("order_date");
    if (!date) throw missing("order_date");
    const body: Record<string, unknown> = {
      invoice_id: invoice,
      number,
      status,
      order_date: date.slice(0, 10),
      ...detailsInput(p),
    };
    const shipped = p.timestamp("shipped_at");
    const delivered = p.timestamp("delivered_at");
    const cancelled = p.timestamp("cancelled_at");
    const reason = p.str("cancellation_reason", 200);
    if (shipped) body.shipped_at = shipped;
    if (delivered) body.delivered_at = delivered;
    if (cancelled) body.cancelled_at = cancelled;
    if (reason) body.cancellation_reason = reason;
    p.rejectUnread();
    return one(await call.change("POST", "/v1/fulfilment_orders/import", body));
  });

  cbRoute(app, "GET", "/orders/:id", "order.retrieve", async (call) => {
    call.params.rejectUnread();
    return one(await call.get(path(call)));
  });

  cbRoute(app, "GET", "/orders", "order.list", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    const invoice = p.filterIs("invoice_id", 64);
    const customer = p.filterIs("customer_id", 64);
    const status = p.filterIs("status", 20);
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw wrongValue("status[is]", `must be one of ${STATUSES.join(", ")}`);
    }
    sortedByCreation(p);
    p.rejectUnread();
    const page = await call.get("/v1/fulfilment_orders", {
      limit,
      cursor: offset,
      invoice_id: invoice,
      customer_id: customer,
      status,
    });
    return listOf((page.data as NativeOrder[]).map(one), page.next_cursor);
  });

  cbRoute(app, "GET", "/invoices/:id/orders", "order.orders_for_invoice", async (call) => {
    const p = call.params;
    const { limit, offset } = p.page();
    p.rejectUnread();
    const page = await call.get("/v1/fulfilment_orders", {
      limit,
      cursor: offset,
      invoice_id: call.id,
    });
    return listOf((page.data as NativeOrder[]).map(one), page.next_cursor);
  });

  cbRoute(app, "POST", "/orders/:id", "order.update", async (call) => {
    const p = call.params;
    const status = p.oneOf("status", STATUSES);
    const details = detailsInput(p);
    p.rejectUnread();
    return one(
      await call.change("PATCH", path(call), { ...(status ? { status } : {}), ...details }),
    );
  });

  cbRoute(
    app,
    "POST",
    "/orders/:id/assign_order_number",
    "order.assign_order_number",
    async (call) => {
      call.params.rejectUnread();
      return one(await call.change("POST", path(call, "/assign_order_number"), {}));
    },
  );

  cbRoute(app, "POST", "/orders/:id/cancel", "order.cancel", async (call) => {
    const p = call.params;
    const reason = p.required("cancellation_reason", 200);
    const credit = await creditNoteTotal(call, p);
    p.rejectUnread();
    return one(
      await call.change("POST", path(call, "/cancel"), {
        reason,
        ...(credit ? { credit_note: true } : {}),
      }),
    );
  });

  cbRoute(
    app,
    "POST",
    "/orders/:id/create_refundable_credit_note",
    "order.create_refundable_credit_note",
    async (call) => {
      const p = call.params;
      const reason = p.object("credit_note")?.str("reason_code", 200);
      await creditNoteTotal(call, p);
      p.rejectUnread();
      return one(await call.change("POST", path(call, "/refund"), reason ? { reason } : {}));
    },
  );

  cbRoute(app, "POST", "/orders/:id/reopen", "order.reopen", async (call) => {
    call.params.rejectUnread();
    return one(await call.change("POST", path(call, "/reopen")));
  });

  cbRoute(app, "POST", "/orders/:id/resend", "order.resend", async (call) => {
    const p = call.params;
    const reason = p.str("resend_reason", 2000);
    p.rejectUnread();
    return one(await call.change("POST", path(call, "/resend"), reason ? { notes: reason } : {}));
  });

  cbRoute(app, "POST", "/orders/:id/delete", "order.delete", async (call) => {
    call.params.rejectUnread();
    const order = await call.get(path(call));
    await call.change("DELETE", path(call));
    return { order: { ...orderObject(order), deleted: true } };
  });
}
