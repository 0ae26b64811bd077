/**
 * Chargebee's invoices over Accrue's invoices (`kind: invoice`) and the payments module.
 *
 * - Status: a draft is `pending`; a void invoice `voided`; an issued one is `paid` when it
 *   owes nothing, else `posted` until its due date, then `payment_due` (dunning), or
 *   `not_paid` once dunning was stopped.
 * - Money, in minor units: `total` is the gross total; `credits_applied` the promotional
 *   credits applied at issue; `amount_paid` what payments (net of refunds) have on it;
 *   `write_off_amount` what was written off; `amount_due` what it still owes (the customer's
 *   statement); `amount_adjusted` the rest (its credit notes, credit applied from others and
 *   withheld tax), so that `total = amount_paid + amount_adjusted + credits_applied +
 *   write_off_amount + amount_due`.
 * - Each call that changes an invoice is one native operation; the answer reads it again.
 */
import type { FastifyInstance } from "fastify";
import { customerId } from "./customers.js";
import { type CbCall, cbRoute } from "./routes.js";
import {
  isTransaction,
  type NativePayment,
  paymentsOf,
  transactionObject,
} from "./transactions.js";
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
  stateRefusal,
  unix,
  unixDate,
  wrongValue,
} from "./wire.js";

// ---- native shapes ------------------------------------------------------------------------------

export type NativeLine = {
  id: string;
  kind: string;
  charge_key: string | null;
  description: string;
  period_start: string | null;
  period_end: string | null;
  quantity: string;
  unit_price: string;
  amount: string;
  tax_rate: string;
  credited_line_id: string | null;
};

export type NativeInvoice = {
  id: string;
  kind: "invoice" | "credit_note";
  status: "draft" | "finalized" | "void";
  number: string | null;
  customer_id: string;
  contract_id: string | null;
  currency: string;
  price_basis: "net" | "gross";
  issue_date: string;
  due_date: string | null;
  total_net: string;
  total_tax: string;
  total_gross: string;
  tax_rows: Array<{ rate: string; net: string; tax: string; gross: string }>;
  corrects_invoice_id: string | null;
  lines: NativeLine[];
  created_at: string;
  finalized_at: string | null;
  voided_at: string | null;
  credits_applied: string;
  po_number: string | null;
  notes: string | null;
  dunning_stopped_at: string | null;
};

/** What the payments module knows of a customer's invoices. */
export type Receivables = { payments: NativePayment[]; due: Map<string, string>; today: string };

// ---- the invoice object -------------------------------------------------------------------------

const ENTITY: Record<string, string> = {
  recurring_fee: "plan_item_price",
  component_fee: "addon_item_price",
  usage: "addon_item_price",
  setup_fee: "charge_item_price",
  rated_item: "adhoc",
};

const whole = (q: string) => (/^-?[0-9]+(\.0+)?$/.test(q) ? Number.parseInt(q, 10) : undefined);

/** The item price a line bills, from its charge key (`fee:<plv_…>:…`, `component:<cmp_…>:…`). */
function entityId(line: NativeLine): string | undefined {
  const match = /(plv_[A-Za-z0-9]+|cmp_[A-Za-z0-9]+)/.exec(line.charge_key ?? "");
  return match?.[1];
}

/** A unit price in minor units, or in decimals when it has more decimals than the currency. */
function unitAmount(price: string, currency: string): Record<string, unknown> {
  try {
    return { unit_amount: minor(price, currency) };
  } catch {
    return { unit_amount_in_decimal: price };
  }
}

/** Chargebee's line items; a line's tax is given when it alone bears its rate. */
export function lineItems(doc: NativeInvoice, sign = 1): Array<Record<string, unknown>> {
  const money = (amount: string) => sign * minor(amount, doc.currency);
  const lines = doc.lines.filter((l) => l.kind !== "discount");
  return lines.map((l) => {
    const quantity = whole(l.quantity);
    const sameRate = lines.filter((o) => o.tax_rate === l.tax_rate);
    const row = doc.tax_rows.find((r) => r.rate === l.tax_rate);
    const entity = entityId(l);
    return compact({
      id: l.id,
      subscription_id: doc.contract_id,
      date_from: unixDate(l.period_start ?? doc.issue_date),
      date_to: unixDate(l.period_end ?? doc.issue_date),
      ...unitAmount(l.unit_price, doc.currency),
      quantity: quantity === undefined ? undefined : Math.abs(quantity),
      quantity_in_decimal: quantity === undefined ? l.quantity : undefined,
      amount: money(l.amount),
      pricing_model: "per_unit",
      is_taxed: Number(l.tax_rate) > 0,
      tax_rate: Number(l.tax_rate),
      tax_amount: sameRate.length === 1 && row ? money(row.tax) : undefined,
      discount_amount: 0,
      item_level_discount_amount: 0,
      description: l.description,
      entity_type: ENTITY[l.kind] ?? "adhoc",
      entity_id: entity,
      customer_id: doc.customer_id,
      object: "line_item",
    });
  });
}

function statusOf(inv: NativeInvoice, due: number, today: string): string {
  if (inv.status === "draft") return "pending";
  if (inv.status === "void") return "voided";
  if (due <= 0) return "paid";
  if (inv.dunning_stopped_at) return "not_paid";
  if (inv.due_date && inv.due_date >= today) return "posted";
  return "payment_due";
}

export function invoiceObject(inv: NativeInvoice, r: Receivables): Record<string, unknown> {
  const money = (amount: string) => minor(amount, inv.currency);
  const total = money(inv.total_gross);
  const credits = money(inv.credits_applied);
  let paid = 0;
  let writeOff = 0;
  let paidAt: string | undefined;
  const linked: Array<Record<string, unknown>> = [];
  for (const p of r.payments) {
    if (p.status !== "succeeded") continue;
    for (const a of p.allocations) {
      if (a.invoice_id !== inv.id) continue;
      const amount = money(a.amount);
      if (p.kind === "write_off") writeOff += amount;
      else if (isTransaction(p)) {
        paid += amount;
        if (p.kind === "payment" && (!paidAt || p.received_at > paidAt)) paidAt = p.received_at;
        linked.push({
          txn_id: p.id,
          applied_amount: Math.abs(amount),
          applied_at: unix(p.received_at),
          txn_status: "success",
          txn_date: unix(p.received_at),
          txn_amount: Math.abs(money(p.amount)),
        });
      }
    }
  }
  const issued = inv.status === "finalized";
  const due = issued
    ? money(r.due.get(inv.id) ?? "0")
    : inv.status === "draft"
      ? total - credits
      : 0;
  const adjusted = inv.status === "void" ? 0 : total - credits - paid - writeOff - due;
  const lines = inv.lines.filter((l) => l.kind !== "discount");
  const discounts = inv.lines.filter((l) => l.kind === "discount");
  const status = statusOf(inv, due, r.today);
  return compact({
    id: inv.id,
    customer_id: inv.customer_id,
    subscription_id: inv.contract_id,
    recurring: inv.contract_id !== null,
    status,
    price_type: inv.price_basis === "gross" ? "tax_inclusive" : "tax_exclusive",
    date: unixDate(inv.issue_date),
    due_date: unixDate(inv.due_date),
    net_term_days: 0,
    currency_code: inv.currency,
    exchange_rate: 1,
    total,
    amount_paid: paid,
    amount_adjusted: adjusted,
    write_off_amount: writeOff,
    credits_applied: credits,
    amount_due: due,
    paid_at: status === "paid" ? unix(paidAt ?? inv.finalized_at) : undefined,
    dunning_status:
      status === "payment_due" ? "in_progress" : status === "not_paid" ? "stopped" : undefined,
    voided_at: unix(inv.voided_at),
    generated_at: unix(inv.finalized_at ?? inv.created_at),
    updated_at: unix(inv.voided_at ?? inv.finalized_at ?? inv.created_at),
    sub_total: lines.reduce((sum, l) => sum + money(l.amount), 0),
    tax: money(inv.total_tax),
    po_number: inv.po_number,
    line_items: lineItems(inv),
    discounts: discounts.map((l) => ({
      amount: -money(l.amount),
      description: l.description,
      entity_type: "document_level_coupon",
      object: "discount",
    })),
    taxes: inv.tax_rows
      .filter((row) => money(row.tax) !== 0)
      .map((row) => ({ name: `${row.rate} %`, amount: money(row.tax), object: "tax" })),
    linked_payments: linked,
    notes: inv.notes ? [{ entity_type: "tax", note: inv.notes, object: "note" }] : undefined,
    term_finalized: true,
    is_gifted: false,
    first_invoice: false,
    has_advance_charges: false,
    deleted: false,
    channel: "web",
    object: "invoice",
  });
}

// ---- reading ---------------------------------------------------------------------------------------

const enc = encodeURIComponent;

/** Charges are added to and removed from a pending invoice only; an issued one refuses. */
const notPending = stateRefusal(["invoice_not_draft"]);

async function today(call: CbCall): Promise<string> {
  const clock = await call.get("/v1/test_clock");
  return String(clock.now).slice(0, 10);
}

/** The customer's payments and what each of its invoices still owes. */
export async function receivablesOf(call: CbCall, customer: string): Promise<Receivables> {
  const [payments, balance, day] = await Promise.all([
    paymentsOf(call, customer),
    call.get(`/v1/customers/${enc(customer)}/balance`),
    today(call),
  ]);
  const due = new Map<string, string>();
  for (const open of balance.open_invoices as Array<{ invoice_id: string; due: string }>) {
    due.set(open.invoice_id, open.due);
  }
  return { payments, due, today: day };
}

export async function loadDocument(
  call: CbCall,
  id: string,
  kind: "invoice" | "credit_note",
  param?: string,
): Promise<NativeInvoice> {
  const what = `${kind} ${id}`;
  let doc: NativeInvoice;
  try {
    doc = await call.get(`/v1/invoices/${enc(id)}`);
  } catch (error) {
    if (error instanceof CbError && error.status === 404) throw notFound(what, param);
    throw error;
  }
  if (doc.kind !== kind) throw notFound(what, param);
  return doc;
}

async function withInvoice(call: CbCall, id: string, extra: Record<string, unknown> = {}) {
  const inv = await loadDocument(call, id, "invoice");
  return { invoice: invoiceObject(inv, await receivablesOf(call, inv.customer_id)), ...extra };
}

/** Invoices in Chargebee's shape, reading each customer's receivables once. */
async function invoiceList(call: CbCall, invoices: NativeInvoice[]) {
  const byCustomer = new Map<string, Receivables>();
  const out: Array<Record<string, unknown>> = [];
  for (const inv of invoices) {
    let r = byCustomer.get(inv.customer_id);
    if (!r) {
      r = await receivablesOf(call, inv.customer_id);
      byCustomer.set(inv.customer_id, r);
    }
    out.push(invoiceObject(inv, r));
  }
  return out;
}

const STATUSES = ["paid", "posted", "payment_due", "not_paid", "voided", "pending"] as const;

const NATIVE_STATUS: Record<(typeof STATUSES)[number], "draft" | "finalized" | "void"> = {
  paid: "finalized",
  posted: "finalized",
  payment_due: "finalized",
  not_paid: "finalized",
  voided: "void",
  pending: "draft",
};

async function listInvoices(
  call: CbCall,
  p: Reader,
  scope: { customer_id?: string; contract_id?: string },
) {
  const { limit, offset } = p.page();
  const statusFilter = p.object("status");
  const status = statusFilter?.oneOf("is", STATUSES);
  statusFilter?.rejectUnread();
  sortedByCreation(p);
  const query: Record<string, string | number | undefined> = {
    kind: "invoice",
    limit,
    cursor: offset,
    ...scope,
    status: status ? NATIVE_STATUS[status] : undefined,
  };
  const page = await call.get("/v1/invoices", query);
  const invoices = await invoiceList(call, page.data as NativeInvoice[]);
  return listOf(
    invoices
      // the statuses of an issued invoice depend on its payments: filtered within the page
      .filter((inv) => !status || inv.status === status)
      .map((invoice) => ({ invoice })),
    page.next_cursor,
  );
}

// ---- parameters --------------------------------------------------------------------------------------

const METHODS = ["cash", "check", "bank_transfer", "card", "other"] as const;

/** `transaction[...]` of record_payment and record_refund. */
function transactionInput(
  p: Reader,
  currency: string,
  forRefund: boolean,
): Record<string, unknown> {
  const t = p.object("transaction");
  if (!t) {
    if (forRefund) return {};
    throw missing("transaction[payment_method]");
  }
  const amount = t.int("amount", 1);
  const method = t.str("payment_method", 50);
  const reference = t.str("reference_number", 200);
  const date = t.timestamp("date");
  const status = t.oneOf("status", ["success", "failure"]);
  t.str("id_at_gateway", 100);
  if (t.has("id_at_gateway")) throw notSupported("transaction[id_at_gateway]");
  if (status === "failure") throw notSupported("transaction[status]", "only success is recorded");
  t.rejectUnread();
  const out: Record<string, unknown> = {};
  if (amount !== undefined) out.amount = fromMinor(amount, currency);
  if (reference) out.reference = reference;
  if (!forRefund) {
    if (!method) throw missing("transaction[payment_method]");
    if (!(METHODS as readonly string[]).includes(method)) {
      throw notSupported("transaction[payment_method]", `takes ${METHODS.join(", ")}`);
    }
    out.payment_method = method;
    if (date) out.paid_at = date;
  } else {
    if (method && !(METHODS as readonly string[]).includes(method)) {
      throw notSupported("transaction[payment_method]", `takes ${METHODS.join(", ")}`);
    }
    if (method) out.payment_method = method;
    if (date) {
      throw notSupported("transaction[date]", "a recorded refund is dated when it is recorded");
    }
  }
  return out;
}

/** `charges[amount][i]`, `charges[description][i]`, dates → native lines. */
function chargeLines(p: Reader, currency: string): Array<Record<string, unknown>> {
  return p.rows("charges", 100).map((row, i) => {
    const name = (key: string) => `charges[${key}][${i}]`;
    for (const key of ["taxable", "tax_profile_id", "avalara_tax_code", "avalara_sale_type"]) {
      if (row.has(key)) throw notSupported(name(key));
    }
    const charge = {
      amount: row.int("amount"),
      decimal: row.str("amount_in_decimal", 40),
      description: row.str("description", 250),
      from: row.int("date_from", 0),
      to: row.int("date_to", 0),
    };
    row.rejectUnread();
    return chargeLine(charge, currency, name);
  });
}

type Charge = {
  amount: number | undefined;
  decimal: string | undefined;
  description: string | undefined;
  from: number | undefined;
  to: number | undefined;
};

/** A charge entered by hand → a native line (`unit_price`, quantity 1, its period). */
function chargeLine(c: Charge, currency: string, name: (key: string) => string) {
  if (c.amount === undefined && !c.decimal) throw missing(name("amount"));
  if (c.decimal && !/^-?[0-9]+(\.[0-9]+)?$/.test(c.decimal)) {
    throw wrongValue(name("amount_in_decimal"), "must be a decimal");
  }
  if (!c.description) throw missing(name("description"));
  if ((c.from === undefined) !== (c.to === undefined)) {
    throw missing(name(c.from === undefined ? "date_from" : "date_to"));
  }
  const day = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
  return compact({
    description: c.description,
    unit_price: c.decimal || fromMinor(c.amount as number, currency),
    period_start: c.from === undefined ? undefined : day(c.from),
    // Chargebee's date_to is the moment the period ends (the next one's start); Accrue's end
    // is the exclusive end day: a moment within a day ends the period after that day
    period_end: c.to === undefined ? undefined : day(Math.ceil(c.to / 86_400) * 86_400),
  });
}

// ---- charges for addon item prices ---------------------------------------------------------------

/** A one-time charge for an item price, as read from the request (money still in minor units). */
export type ItemPriceCharge = {
  id: string;
  /** The parameter that names the item price (`item_price_id`, `id`). */
  idKey: string;
  quantity: string | undefined;
  unitPrice: number | undefined;
  unitPriceDecimal: string | undefined;
  from: number | undefined;
  to: number | undefined;
  /** The parameter's name as the client wrote it (`item_price[unit_price]`, `addons[id][0]`). */
  name: (key: string) => string;
};

const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;

/**
 * Reads a charge for an item price: its id (under `idKey`), `quantity` or
 * `quantity_in_decimal`, `unit_price` (minor units) or `unit_price_in_decimal`, `date_from`,
 * `date_to`.
 */
export function readItemPriceCharge(
  row: Reader,
  idKey: string,
  name: (key: string) => string,
): ItemPriceCharge {
  try {
    return readCharge(row, idKey, name);
  } catch (error) {
    // Chargebee names a row's parameter `addons[quantity][0]`; the reader, `addons[0][quantity]`
    const match = /^(\w+)\[(\d+)\]\[(\w+)\]$/.exec((error as CbError).param ?? "");
    if (!(error instanceof CbError) || !match) throw error;
    const param = `${match[1]}[${match[3]}][${match[2]}]`;
    throw new CbError(
      error.status,
      error.apiErrorCode,
      error.message.replace(error.param as string, param),
      error.type,
      param,
    );
  }
}

function readCharge(row: Reader, idKey: string, name: (key: string) => string): ItemPriceCharge {
  const id = row.str(idKey, 100);
  if (!id) throw missing(name(idKey));
  const quantity = row.int("quantity", 1);
  const quantityDecimal = row.str("quantity_in_decimal", 33);
  const unitPrice = row.int("unit_price", 0);
  const unitPriceDecimal = row.str("unit_price_in_decimal", 39);
  const from = row.int("date_from", 0);
  const to = row.int("date_to", 0);
  row.rejectUnread();
  if (quantity !== undefined && quantityDecimal !== undefined) {
    throw wrongValue(name("quantity_in_decimal"), "give quantity or quantity_in_decimal");
  }
  if (
    quantityDecimal !== undefined &&
    (!DECIMAL.test(quantityDecimal) || !/[1-9]/.test(quantityDecimal))
  ) {
    throw wrongValue(name("quantity_in_decimal"), "must be a decimal above zero");
  }
  if (unitPrice !== undefined && unitPriceDecimal !== undefined) {
    throw wrongValue(name("unit_price_in_decimal"), "give unit_price or unit_price_in_decimal");
  }
  if (unitPriceDecimal !== undefined && !DECIMAL.test(unitPriceDecimal)) {
    throw wrongValue(name("unit_price_in_decimal"), "must be a decimal");
  }
  if ((from === undefined) !== (to === undefined)) {
    throw missing(name(from === undefined ? "date_from" : "date_to"));
  }
  if (from !== undefined && to !== undefined && to <= from) {
    throw wrongValue(name("date_to"), "must be after date_from");
  }
  return {
    id,
    idKey,
    quantity: quantityDecimal ?? (quantity === undefined ? undefined : String(quantity)),
    unitPrice,
    unitPriceDecimal,
    from,
    to,
    name,
  };
}

type CatalogComponent = {
  id: string;
  plan_group_id: string;
  name: string;
  price_model: "per_unit" | "tiered" | "volume" | "package";
  price_per_unit: string;
  hidden: boolean;
};

/**
 * The native line of a one-time charge for an addon item price (an Accrue component, `cmp_…`;
 * Accrue's catalog has no charge items): described by the component's name and priced at its
 * price per unit, unless the charge gives its own unit price. The price is in the currency of
 * the component's plan group, which must be `currency` when one is given.
 */
export async function itemPriceChargeLine(
  call: CbCall,
  c: ItemPriceCharge,
  currency: string | undefined,
): Promise<{ line: Record<string, unknown>; currency: string }> {
  const idParam = c.name(c.idKey);
  if (!c.id.startsWith("cmp_")) {
    throw wrongValue(
      idParam,
      c.id.startsWith("plv_")
        ? "names a plan's item price; a one-time charge is for an addon's item price"
        : `names no addon item price (${c.id})`,
    );
  }
  let component: CatalogComponent;
  try {
    component = await call.get(`/v1/components/${enc(c.id)}`);
  } catch (error) {
    if (error instanceof CbError && error.status === 404) {
      throw notFound(`item_price ${c.id}`, idParam);
    }
    throw error;
  }
  if (component.hidden) throw wrongValue(idParam, `item_price ${c.id} is archived`);
  const group = await call.get(`/v1/plan_groups/${enc(component.plan_group_id)}`);
  const priced = group.currency as string;
  if (currency !== undefined && currency !== priced) {
    throw wrongValue(idParam, `item_price ${c.id} is priced in ${priced}, not ${currency}`);
  }
  const given =
    c.unitPriceDecimal ?? (c.unitPrice === undefined ? undefined : fromMinor(c.unitPrice, priced));
  // a price by tiers has no one unit price to take
  if (given === undefined && component.price_model !== "per_unit") {
    throw missing(c.name("unit_price"));
  }
  const unitPrice = given ?? component.price_per_unit;
  const day = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
  return {
    currency: priced,
    line: compact({
      description: component.name,
      unit_price: unitPrice,
      quantity: c.quantity ?? "1",
      period_start: c.from === undefined ? undefined : day(c.from),
      // as for charges: date_to is the moment the period ends
      period_end: c.to === undefined ? undefined : day(Math.ceil(c.to / 86_400) * 86_400),
    }),
  };
}

// ---- routes ----------------------------------------------------------------------------------------

export async function chargebeeInvoiceRoutes(app: FastifyInstance): Promise<void> {
  cbRoute(app, "GET", "/invoices/:id", "invoice.retrieve", async (call) => {
    call.params.rejectUnread();
    return withInvoice(call, call.id);
  });

  cbRoute(app, "GET", "/invoices", "invoice.list", async (call) => {
    const p = call.params;
    const customer = p.filterIs("customer_id", 64);
    const subscription = p.filterIs("subscription_id", 64);
    const scope: { customer_id?: string; contract_id?: string } = {};
    if (customer) scope.customer_id = await customerId(call, customer);
    if (subscription) scope.contract_id = subscription;
    const answer = await listInvoices(call, p, scope);
    p.rejectUnread();
    return answer;
  });

  cbRoute(app, "GET", "/customers/:id/invoices", "invoice.invoices_for_customer", async (call) => {
    const id = await customerId(call, call.id, "id");
    const answer = await listInvoices(call, call.params, { customer_id: id });
    call.params.rejectUnread();
    return answer;
  });

  cbRoute(
    app,
    "GET",
    "/subscriptions/:id/invoices",
    "invoice.invoices_for_subscription",
    async (call) => {
      await call.get(`/v1/contracts/${enc(call.id)}`).catch((error: unknown) => {
        if (error instanceof CbError && error.status === 404) {
          throw notFound(`subscription ${call.id}`, "id");
        }
        throw error;
      });
      const answer = await listInvoices(call, call.params, { contract_id: call.id });
      call.params.rejectUnread();
      return answer;
    },
  );

  cbRoute(app, "POST", "/invoices/:id/pdf", "invoice.pdf", async (call) => {
    const p = call.params;
    const disposition = p.oneOf("disposition_type", ["attachment", "inline"]);
    p.rejectUnread();
    if (disposition === "inline") throw notSupported("disposition_type", "the link downloads");
    await loadDocument(call, call.id, "invoice");
    const link = await call.change("POST", `/v1/invoices/${enc(call.id)}/download_link`);
    return { download: downloadObject(link) };
  });

  // ---- creating

  for (const [path, operation] of [
    ["/invoices", "invoice.create"],
    [
      "/invoices/create_for_charge_items_and_charges",
      "invoice.create_for_charge_items_and_charges",
    ],
  ] as const) {
    cbRoute(app, "POST", path, operation, async (call) => {
      const p = call.params;
      const customer = p.required("customer_id", 64);
      const currency = p.str("currency_code", 3);
      if (!currency) throw missing("currency_code");
      if (!/^[A-Z]{3}$/.test(currency)) {
        throw wrongValue("currency_code", "must be an ISO 4217 code");
      }
      for (const key of ["item_prices", "addons", "coupon_ids", "coupon", "shipping_address"]) {
        if (p.has(key)) {
          throw notSupported(
            key,
            "an invoice for charges takes charges[amount] and charges[description]",
          );
        }
      }
      const lines = chargeLines(p, currency);
      const po = p.str("po_number", 100);
      const auto = p.onOff("auto_collection");
      if (auto === true) throw notSupported("auto_collection", "collect it with collect_payment");
      p.rejectUnread();
      if (lines.length === 0) throw missing("charges[amount][0]");
      if (po) throw notSupported("po_number", "set it with update_details");
      const id = await customerId(call, customer);
      const created: NativeInvoice = await call.change("POST", "/v1/invoices", {
        customer_id: id,
        currency,
        lines,
      });
      return withInvoice(call, created.id);
    });
  }

  cbRoute(app, "POST", "/invoices/import_invoice", "invoice.import_invoice", async (call) => {
    const imported = await importDocument(call, "invoice");
    return withInvoice(call, imported.id);
  });

  cbRoute(app, "POST", "/invoices/:id/add_charge", "invoice.add_charge", async (call) => {
    const p = call.params;
    const inv = await loadDocument(call, call.id, "invoice");
    const li = p.object("line_item");
    const charge = {
      amount: p.int("amount"),
      decimal: p.str("amount_in_decimal", 40),
      description: p.str("description", 250),
      from: li?.int("date_from", 0),
      to: li?.int("date_to", 0),
    };
    li?.rejectUnread();
    p.rejectUnread(["comment"]);
    const line = chargeLine(charge, inv.currency, (key) =>
      key.startsWith("date_") ? `line_item[${key}]` : key,
    );
    await call.change("POST", `/v1/invoices/${enc(call.id)}/add_charge`, line).catch(notPending);
    return withInvoice(call, call.id);
  });

  cbRoute(app, "POST", "/invoices/:id/add_charge_item", "invoice.add_charge_item", async (call) => {
    const p = call.params;
    const item = p.object("item_price");
    if (!item) throw missing("item_price[item_price_id]");
    const charge = readItemPriceCharge(item, "item_price_id", (key) => `item_price[${key}]`);
    if (p.has("item_tiers")) {
      throw notSupported("item_tiers", "a charge is priced per unit: give item_price[unit_price]");
    }
    if (p.has("subscription_id")) {
      throw notSupported("subscription_id", "a charge added to an invoice is the invoice's");
    }
    p.rejectUnread(["comment"]);
    const inv = await loadDocument(call, call.id, "invoice");
    const { line } = await itemPriceChargeLine(call, charge, inv.currency);
    await call.change("POST", `/v1/invoices/${enc(call.id)}/add_charge`, line).catch(notPending);
    return withInvoice(call, call.id);
  });

  // ---- payments

  cbRoute(app, "POST", "/invoices/:id/record_payment", "invoice.record_payment", async (call) => {
    const p = call.params;
    const inv = await loadDocument(call, call.id, "invoice");
    const body = transactionInput(p, inv.currency, false);
    const comment = p.str("comment", 300);
    p.rejectUnread();
    if (comment && !body.reference) body.reference = comment;
    const payment: NativePayment = await call.change(
      "POST",
      `/v1/invoices/${enc(call.id)}/record_payment`,
      body,
    );
    return withInvoice(call, call.id, { transaction: await transactionObject(call, payment) });
  });

  cbRoute(app, "POST", "/invoices/:id/collect_payment", "invoice.collect_payment", async (call) => {
    const p = call.params;
    const inv = await loadDocument(call, call.id, "invoice");
    const amount = p.int("amount", 1);
    const source = p.str("payment_source_id", 64);
    const initiator = p.oneOf("payment_initiator", ["customer", "merchant"]);
    if (initiator === "customer") throw notSupported("payment_initiator");
    p.rejectUnread(["comment"]);
    const payment: NativePayment = await call.change(
      "POST",
      `/v1/invoices/${enc(call.id)}/collect_payment`,
      compact({
        amount: amount === undefined ? undefined : fromMinor(amount, inv.currency),
        payment_source_id: source,
      }),
    );
    return withInvoice(call, call.id, { transaction: await transactionObject(call, payment) });
  });

  cbRoute(app, "POST", "/invoices/:id/apply_payments", "invoice.apply_payments", async (call) => {
    const p = call.params;
    const inv = await loadDocument(call, call.id, "invoice");
    const rows = p.rows("transactions", 50);
    const payments = rows.map((row, i) => {
      const id = row.str("id", 64);
      if (!id) throw missing(`transactions[id][${i}]`);
      const amount = row.int("amount", 1);
      row.rejectUnread();
      return compact({
        payment_id: id,
        amount: amount === undefined ? undefined : fromMinor(amount, inv.currency),
      });
    });
    p.rejectUnread(["comment"]);
    if (payments.length === 0) throw missing("transactions[id][0]");
    await call.change("POST", `/v1/invoices/${enc(call.id)}/apply_payments`, { payments });
    return withInvoice(call, call.id);
  });

  cbRoute(app, "POST", "/invoices/:id/apply_credits", "invoice.apply_credits", async (call) => {
    const p = call.params;
    await loadDocument(call, call.id, "invoice");
    const rows = p.rows("credit_notes", 50);
    const notes = rows.map((row, i) => {
      const id = row.str("id", 64);
      if (!id) throw missing(`credit_notes[id][${i}]`);
      row.rejectUnread();
      return { credit_note_id: id };
    });
    p.rejectUnread(["comment"]);
    await call.change(
      "POST",
      `/v1/invoices/${enc(call.id)}/apply_credits`,
      notes.length > 0 ? { credit_notes: notes } : {},
    );
    return withInvoice(call, call.id);
  });

  cbRoute(app, "POST", "/invoices/:id/remove_payment", "invoice.remove_payment", async (call) => {
    const p = call.params;
    await loadDocument(call, call.id, "invoice");
    const t = p.object("transaction");
    const id = t?.str("id", 64);
    t?.rejectUnread();
    p.rejectUnread();
    if (!id) throw missing("transaction[id]");
    await call.change("POST", `/v1/invoices/${enc(call.id)}/remove_payment`, { payment_id: id });
    return withInvoice(call, call.id);
  });

  cbRoute(
    app,
    "POST",
    "/invoices/:id/remove_credit_note",
    "invoice.remove_credit_note",
    async (call) => {
      const p = call.params;
      await loadDocument(call, call.id, "invoice");
      const c = p.object("credit_note");
      const id = c?.str("id", 64);
      c?.rejectUnread();
      p.rejectUnread();
      if (!id) throw missing("credit_note[id]");
      await call.change("POST", `/v1/invoices/${enc(call.id)}/remove_credit_note`, {
        credit_note_id: id,
      });
      return withInvoice(call, call.id);
    },
  );

  cbRoute(app, "POST", "/invoices/:id/refund", "invoice.refund", async (call) => {
    const p = call.params;
    const inv = await loadDocument(call, call.id, "invoice");
    const amount = p.int("refund_amount", 1);
    const comment = p.str("comment", 200);
    if (p.has("credit_note")) {
      throw notSupported(
        "credit_note",
        "a refund gives money back; issue a credit note with credit_notes.create",
      );
    }
    p.rejectUnread(["customer_notes"]);
    const answer = await call.change(
      "POST",
      `/v1/invoices/${enc(call.id)}/refund`,
      compact({
        amount: amount === undefined ? undefined : fromMinor(amount, inv.currency),
        reference: comment,
      }),
    );
    const refund = (answer.payments as NativePayment[]).find((x) => x.kind === "refund");
    return withInvoice(
      call,
      call.id,
      refund ? { transaction: await transactionObject(call, refund) } : {},
    );
  });

  cbRoute(app, "POST", "/invoices/:id/record_refund", "invoice.record_refund", async (call) => {
    const p = call.params;
    const inv = await loadDocument(call, call.id, "invoice");
    const body = transactionInput(p, inv.currency, true);
    const comment = p.str("comment", 300);
    if (p.has("credit_note")) {
      throw notSupported("credit_note", "issue a credit note with credit_notes.create");
    }
    p.rejectUnread(["customer_notes"]);
    if (comment && !body.reference) body.reference = comment;
    const answer = await call.change("POST", `/v1/invoices/${enc(call.id)}/record_refund`, body);
    const refund = (answer.payments as NativePayment[]).find((x) => x.kind === "refund");
    return withInvoice(
      call,
      call.id,
      refund ? { transaction: await transactionObject(call, refund) } : {},
    );
  });

  cbRoute(app, "POST", "/invoices/:id/write_off", "invoice.write_off", async (call) => {
    const p = call.params;
    await loadDocument(call, call.id, "invoice");
    const comment = p.str("comment", 200);
    p.rejectUnread();
    await call.change(
      "POST",
      `/v1/invoices/${enc(call.id)}/write_off`,
      compact({ reason: comment }),
    );
    return withInvoice(call, call.id);
  });

  cbRoute(
    app,
    "POST",
    "/invoices/:id/record_tax_withheld",
    "invoice.record_tax_withheld",
    async (call) => {
      const p = call.params;
      const inv = await loadDocument(call, call.id, "invoice");
      const t = p.object("tax_withheld");
      if (!t) throw missing("tax_withheld[amount]");
      const amount = t.int("amount", 1);
      const reference = t.str("reference_number", 200);
      const date = t.timestamp("date");
      t.rejectUnread(["description"]);
      p.rejectUnread();
      if (amount === undefined) throw missing("tax_withheld[amount]");
      await call.change(
        "POST",
        `/v1/invoices/${enc(call.id)}/record_tax_withheld`,
        compact({ amount: fromMinor(amount, inv.currency), reference, date }),
      );
      return withInvoice(call, call.id);
    },
  );

  cbRoute(
    app,
    "POST",
    "/invoices/:id/remove_tax_withheld",
    "invoice.remove_tax_withheld",
    async (call) => {
      const p = call.params;
      await loadDocument(call, call.id, "invoice");
      const t = p.object("tax_withheld");
      const id = t?.str("id", 64);
      t?.rejectUnread();
      p.rejectUnread(["comment"]);
      if (!id) throw missing("tax_withheld[id]");
      await call.change("POST", `/v1/invoices/${enc(call.id)}/remove_tax_withheld`, {
        tax_withheld_id: id,
      });
      return withInvoice(call, call.id);
    },
  );

  cbRoute(app, "POST", "/invoices/:id/stop_dunning", "invoice.stop_dunning", async (call) => {
    call.params.rejectUnread(["comment"]);
    await loadDocument(call, call.id, "invoice");
    await call.change("POST", `/v1/invoices/${enc(call.id)}/stop_dunning`);
    return withInvoice(call, call.id);
  });

  // ---- the document's life

  const simple: Array<[string, string, string]> = [
    ["void", "invoice.void_invoice", "void"],
    ["close", "invoice.close", "finalize"],
    ["sync_usages", "invoice.sync_usages", "sync_usages"],
    ["send_einvoice", "invoice.send_einvoice", "send_einvoice"],
    ["resend_einvoice", "invoice.resend_einvoice", "resend_einvoice"],
  ];
  for (const [path, operation, native] of simple) {
    cbRoute(app, "POST", `/invoices/:id/${path}`, operation, async (call) => {
      const p = call.params;
      if (path === "void") {
        p.str("comment", 300);
        if (p.has("void_reason_code")) throw notSupported("void_reason_code");
      }
      if (path === "close") {
        p.str("comment", 300);
        for (const key of ["invoice_date", "remove_general_note", "notes_to_remove"]) {
          if (p.has(key)) throw notSupported(key);
        }
      }
      p.rejectUnread();
      await loadDocument(call, call.id, "invoice");
      await call.change("POST", `/v1/invoices/${enc(call.id)}/${native}`);
      return withInvoice(call, call.id);
    });
  }

  cbRoute(app, "POST", "/invoices/:id/delete", "invoice.delete", async (call) => {
    const p = call.params;
    p.str("comment", 300);
    if (p.bool("claim_credits")) throw notSupported("claim_credits");
    p.rejectUnread();
    const inv = await loadDocument(call, call.id, "invoice");
    const answer = invoiceObject(inv, await receivablesOf(call, inv.customer_id));
    await call.change("DELETE", `/v1/invoices/${enc(call.id)}`);
    return { invoice: { ...answer, deleted: true } };
  });

  cbRoute(
    app,
    "POST",
    "/invoices/:id/delete_line_items",
    "invoice.delete_line_items",
    async (call) => {
      const p = call.params;
      const ids = p.rows("line_items", 100).map((row, i) => {
        const id = row.str("id", 64);
        row.rejectUnread();
        if (!id) throw missing(`line_items[id][${i}]`);
        return id;
      });
      p.rejectUnread();
      if (ids.length === 0) throw missing("line_items[id][0]");
      await loadDocument(call, call.id, "invoice");
      await call
        .change("POST", `/v1/invoices/${enc(call.id)}/delete_line_items`, { line_ids: ids })
        .catch(notPending);
      return withInvoice(call, call.id);
    },
  );

  cbRoute(app, "POST", "/invoices/:id/update_details", "invoice.update_details", async (call) => {
    const p = call.params;
    const po = p.text("po_number", 100);
    const comment = p.text("comment", 2000);
    const a = p.object("billing_address");
    let address: Record<string, unknown> | undefined;
    if (a) {
      address = compact({
        line1: a.str("line1", 200),
        line2: a.str("line2", 200),
        city: a.str("city", 200),
        state: a.str("state_code", 100) ?? a.str("state", 100),
        postal_code: a.str("zip", 50),
        country: a.str("country", 2),
      });
      a.str("state", 100);
      a.rejectUnread();
    }
    for (const key of ["shipping_address", "statement_descriptor"]) {
      if (p.has(key)) throw notSupported(key);
    }
    p.rejectUnread();
    await loadDocument(call, call.id, "invoice");
    await call.change(
      "POST",
      `/v1/invoices/${enc(call.id)}/update_details`,
      compact({
        po_number: po === undefined ? undefined : po,
        notes: comment === undefined ? undefined : comment,
        billing_address: address,
      }),
    );
    return withInvoice(call, call.id);
  });
}

/**
 * `import_invoice` and `import_credit_note`: a document another system issued, with its
 * number (Chargebee's `id`), date, lines and total → `POST /v1/invoices/import`.
 */
export async function importDocument(
  call: CbCall,
  kind: "invoice" | "credit_note",
): Promise<NativeInvoice> {
  const p = call.params;
  const number = p.required("id", 50);
  const customer = p.str("customer_id", 64);
  const currency = p.str("currency_code", 3);
  const date = p.int("date", 0);
  const due = kind === "invoice" ? p.int("due_date", 0) : undefined;
  const total = p.int("total", 0);
  const subscription = p.str("subscription_id", 64);
  const priceType = p.oneOf("price_type", ["tax_exclusive", "tax_inclusive"]);
  let corrects: NativeInvoice | undefined;
  if (kind === "credit_note") {
    const reference = p.required("reference_invoice_id", 64);
    corrects = await loadDocument(call, reference, "invoice", "reference_invoice_id");
    const type = p.oneOf("type", ["adjustment", "refundable", "store"]);
    if (type === "store") throw notSupported("type", "store credits are promotional credits");
    // a reason label the imported credit note was created with; Accrue has no such field
    p.str("create_reason_code", 200);
    const status = p.oneOf("status", ["adjusted", "refunded", "refund_due", "voided"]);
    if (status && status !== "adjusted") {
      throw notSupported("status", "a credit note is imported adjusted; record refunds after");
    }
  } else {
    const status = p.oneOf("status", [
      "paid",
      "posted",
      "payment_due",
      "not_paid",
      "voided",
      "pending",
    ]);
    if (status && status !== "posted" && status !== "payment_due") {
      throw notSupported("status", "an invoice is imported owing; record its payments after");
    }
  }
  for (const key of [
    "taxes",
    "payments",
    "discounts",
    "notes",
    "billing_address",
    "shipping_address",
    "line_item_tiers",
    "allocations",
    "linked_refunds",
    "round_off_amount",
    "sub_total",
    "tax",
    "amount_paid",
    "amount_adjusted",
    "write_off_amount",
    "credits_applied",
    "amount_due",
    "paid_at",
    "voided_at",
    "refunded_at",
  ]) {
    if (p.has(key)) throw notSupported(key, "the document is imported from its lines");
  }
  const currencyCode = currency ?? corrects?.currency;
  if (!currencyCode) throw missing("currency_code");
  if (date === undefined) throw missing("date");
  const lines = p.rows("line_items", 250).map((row, i) => {
    const name = (key: string) => `line_items[${key}][${i}]`;
    for (const key of Object.keys(row.params)) {
      if (/^tax\d|^item_level_discount|^entity_/.test(key) || key === "subscription_id") {
        throw notSupported(name(key), "imported lines are untaxed charges");
      }
    }
    row.str("id", 64);
    row.str("reference_line_item_id", 64);
    const description = row.required("description", 500);
    const unit = row.int("unit_amount");
    const unitDecimal = row.str("unit_amount_in_decimal", 40);
    const quantity = row.int("quantity", 0);
    const quantityDecimal = row.str("quantity_in_decimal", 40);
    const amount = row.int("amount");
    row.str("amount_in_decimal", 40);
    const from = row.int("date_from", 0);
    const to = row.int("date_to", 0);
    row.rejectUnread();
    const unitPrice =
      unitDecimal ??
      (unit !== undefined
        ? fromMinor(unit, currencyCode)
        : amount !== undefined && quantity === undefined && !quantityDecimal
          ? fromMinor(amount, currencyCode)
          : undefined);
    if (unitPrice === undefined) throw missing(name("unit_amount"));
    const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
    return compact({
      description,
      unit_price: unitPrice,
      quantity: quantityDecimal ?? (quantity === undefined ? undefined : String(quantity)),
      period_start: from === undefined ? undefined : day(from),
      period_end: to === undefined ? undefined : day(Math.ceil(to / 86_400) * 86_400),
    });
  });
  p.rejectUnread(["created_from_ip"]);
  if (lines.length === 0) throw missing("line_items[description][0]");
  if (subscription) throw notSupported("subscription_id", "an imported document has no contract");
  const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
  const customerAccrue = customer ? await customerId(call, customer) : corrects?.customer_id;
  if (!customerAccrue) throw missing("customer_id");
  return call.change(
    "POST",
    "/v1/invoices/import",
    compact({
      kind,
      customer_id: customerAccrue,
      number,
      currency: currencyCode,
      issue_date: day(date),
      due_date: due === undefined ? undefined : day(due),
      price_basis: priceType === "tax_inclusive" ? "gross" : undefined,
      corrects_invoice_id: corrects?.id,
      lines,
      total_gross: total === undefined ? undefined : fromMinor(total, currencyCode),
    }),
  );
}

/** Chargebee's download: a signed link that serves the PDF without credentials. */
export function downloadObject(link: { url: string; expires_at: string }) {
  return {
    download_url: link.url,
    valid_till: unix(link.expires_at),
    mime_type: "application/pdf",
    object: "download",
  };
}
