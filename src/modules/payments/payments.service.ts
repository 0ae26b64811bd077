import { conflict, notFound, unprocessable } from "../../domain/errors.js";
import type { EventType } from "../../domain/events.js";
import { isId } from "../../domain/ids.js";
import { assertCurrency } from "../../domain/money/currency.js";
import { fromDecimalString, money, toDecimalString } from "../../domain/money/money.js";
import {
  type Allocation,
  applyPayment,
  assertDunningSteps,
  type DunningStep,
  reverseForRefund,
  testGatewayCharge,
} from "../../domain/payments/payments.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { newId } from "../../lib/ids.js";
import { type Ctx, dateOf } from "../context.js";
import { findCustomer } from "../customers/index.js";

import { finalizedTotals, findInvoice } from "../invoicing/index.js";
import {
  type CursorValueShape,
  fetchPageBatch,
  INSTANT_KEY,
  type Page,
  pagingFor,
  utcDayStart,
} from "../pagination.js";
import {
  findAuthenticationExpiryHours,
  findCollectionRetryDays,
  findDunningSteps,
  setAuthenticationExpiryHours,
  setCollectionRetryDays,
  setDunningSteps,
} from "../tenants/index.js";
import {
  allocationsOf,
  balanceIn,
  countPaymentRows,
  deletePayment as deletePaymentRow,
  findInvoiceDues,
  findPayment,
  insertPayment as insertPaymentRow,
  type ListedPayment,
  listPaymentRows,
  type OpenInvoice,
  type PaymentListFilter,
  type PaymentRow,
  type PaymentSort,
  refundsOf,
  succeededTotals,
} from "./payments.repository.js";

export type Payment = {
  id: string;
  customer_id: string;
  kind: "payment" | "refund" | "write_off" | "tax_withheld";
  method: PaymentRow["method"];
  status: PaymentRow["status"];
  amount: string;
  currency: string;
  reference: string | null;
  card_last4: string | null;
  failure: { code: string; message: string } | null;
  refunds_payment_id: string | null;
  /** How an offline payment was paid, as recorded; null when not said. */
  payment_method: string | null;
  /** The payment source a gateway charged; null for money recorded by hand. */
  payment_source_id: string | null;
  /** An authorization's hold: until when the gateway keeps it (null for other payments). */
  authorized_until: string | null;
  allocations: { invoice_id: string; amount: string }[];
  unapplied: string;
  received_at: string;
  created_at: string;
};

export const dec = (amount: bigint, currency: string) => toDecimalString(money(amount, currency));

/** One payment of the tenant (locked when asked); 404 `payment_not_found` when there is none. */
export async function loadPayment(ctx: Ctx, id: string, forUpdate = false): Promise<PaymentRow> {
  const row = await findPayment(ctx.db, ctx.tenantId, id, { forUpdate });
  if (!row) throw notFound("payment_not_found", `no payment ${id}`, { id });
  return row;
}

/** A payment as the API shows it: its allocations (net per invoice) and what it left unapplied. */
export async function view(ctx: Ctx, row: PaymentRow): Promise<Payment> {
  const own = await allocationsOf(ctx.db, [row.id]);
  // what a payment left unapplied, less what its refunds took from it
  let unapplied = 0n;
  if (row.kind === "payment" && row.status === "succeeded") {
    const refunds = await refundsOf(ctx.db, ctx.tenantId, row.id);
    const reopened = await allocationsOf(
      ctx.db,
      refunds.map((r) => r.id),
    );
    const applied = own.reduce((s, a) => s + BigInt(a.amount), 0n);
    const refunded = refunds.reduce((s, r) => s + BigInt(r.amount), 0n);
    const reversed = reopened.reduce((s, a) => s + BigInt(a.amount), 0n);
    unapplied = BigInt(row.amount) - applied - (refunded + reversed);
  }
  return {
    id: row.id,
    customer_id: row.customer_id,
    kind: row.kind,
    method: row.method,
    status: row.status,
    amount: dec(BigInt(row.amount), row.currency),
    currency: row.currency,
    reference: row.reference,
    card_last4: row.card_last4,
    failure:
      row.failure_code === null
        ? null
        : { code: row.failure_code, message: row.failure_message ?? "" },
    refunds_payment_id: row.refunds_payment_id,
    payment_method: row.payment_method,
    payment_source_id: row.payment_source_id,
    authorized_until: row.authorized_until ? row.authorized_until.toISOString() : null,
    allocations: netPerInvoice(own).map((a) => ({
      invoice_id: a.invoiceId,
      amount: dec(a.amount, row.currency),
    })),
    unapplied: dec(unapplied, row.currency),
    received_at: row.received_at.toISOString(),
    created_at: row.created_at.toISOString(),
  };
}

/** Allocations summed per invoice, in the order each invoice first appears; nets of zero left out. */
function netPerInvoice(rows: readonly { invoice_id: string; amount: string }[]): Allocation[] {
  const net = new Map<string, bigint>();
  for (const a of rows) net.set(a.invoice_id, (net.get(a.invoice_id) ?? 0n) + BigInt(a.amount));
  return [...net]
    .filter(([, amount]) => amount !== 0n)
    .map(([invoiceId, amount]) => ({ invoiceId, amount }));
}

// ---- what invoices still owe --------------------------------------------------------------------

/** The customer's issued invoices with what each still owes (after credit notes and payments). */
export function invoiceDues(
  ctx: Ctx,
  customerId: string,
  options: { currency?: string; ids?: readonly string[] } = {},
): Promise<OpenInvoice[]> {
  return findInvoiceDues(ctx.db, ctx.tenantId, customerId, options);
}

/** Writes a payment of the customer with its allocations, and reads it back. */
export async function insertPayment(
  ctx: Ctx,
  values: {
    customerId: string;
    kind: Payment["kind"];
    method: Payment["method"];
    status: Payment["status"];
    amount: bigint;
    currency: string;
    reference?: string | null;
    cardLast4?: string | null;
    failure?: { code: string; message: string } | null;
    refundsPaymentId?: string | null;
    refundsCreditNoteId?: string | null;
    paymentMethod?: string | null;
    paymentSourceId?: string | null;
    authorizedUntil?: Date | null;
    /** The gateway's reference of the charge, hold or refund. */
    gatewayReference?: string | null;
    receivedAt: Date;
  },
  allocations: readonly Allocation[],
) {
  const id = newId("payment");
  await insertPaymentRow(
    ctx.db,
    {
      id,
      tenantId: ctx.tenantId,
      customerId: values.customerId,
      kind: values.kind,
      method: values.method,
      status: values.status,
      amount: values.amount,
      currency: values.currency,
      reference: values.reference ?? null,
      cardLast4: values.cardLast4 ?? null,
      failure: values.failure ?? null,
      refundsPaymentId: values.refundsPaymentId ?? null,
      refundsCreditNoteId: values.refundsCreditNoteId ?? null,
      paymentMethod: values.paymentMethod ?? null,
      paymentSourceId: values.paymentSourceId ?? null,
      authorizedUntil: values.authorizedUntil ?? null,
      gatewayReference: values.gatewayReference ?? null,
      receivedAt: values.receivedAt,
      createdAt: dateOf(ctx.clock.now()),
    },
    allocations,
  );
  return loadPayment(ctx, id);
}

/**
 * Money movements of one customer run one at a time: each takes the customer's row lock in a
 * statement of its own first, so what invoices owe is read after any other movement committed.
 */
export async function lockCustomer(ctx: Ctx, customerId: string) {
  return findCustomer(ctx.db, ctx.tenantId, customerId, { forUpdate: true });
}

/** Audits the payment and emits `type`, and `invoice.paid` for each invoice it settled. */
export async function announce(ctx: Ctx, payment: Payment, type: EventType): Promise<Payment> {
  ctx.audit({ targetType: "payment", targetId: payment.id, after: payment });
  await ctx.emit({
    type,
    subjectType: "customer",
    subjectId: payment.customer_id,
    payload: payment,
  });
  // a write-off settles without money: no invoice.paid
  if (payment.kind === "write_off") return payment;
  for (const a of payment.allocations) {
    const [invoice] = await invoiceDues(ctx, payment.customer_id, { ids: [a.invoice_id] });
    if (invoice && invoice.due === 0n && !a.amount.startsWith("-")) {
      await ctx.emit({
        type: "invoice.paid",
        subjectType: "invoice",
        subjectId: invoice.id,
        payload: { invoice_id: invoice.id, number: invoice.number, payment_id: payment.id },
      });
    }
  }
  return payment;
}

// ---- operations ---------------------------------------------------------------------------------

export type PaymentInput = {
  customer_id: string;
  amount: string;
  currency: string;
  method: "offline" | "card";
  card_number?: string | undefined;
  reference?: string | undefined;
  received_at?: string | undefined;
  invoice_ids?: string[] | undefined;
};

/** Records (offline) or charges (test gateway) a payment and applies it to open invoices. */
export async function createPayment(ctx: Ctx, input: PaymentInput): Promise<Payment> {
  assertCurrency(input.currency);
  const amount = fromDecimalString(input.amount, input.currency, "amount").amount;
  if (amount <= 0n) {
    throw unprocessable("invalid_amount", "a payment is more than zero", { field: "amount" });
  }
  const customer = await lockCustomer(ctx, input.customer_id);
  if (!customer) {
    throw unprocessable("unknown_customer", `no customer ${input.customer_id}`, {
      field: "customer_id",
    });
  }
  await ctx.guard({ kind: "customer", row: customer });
  if ((input.method === "card") !== (input.card_number !== undefined)) {
    throw unprocessable(
      "card_number_mismatch",
      input.method === "card"
        ? "a card payment needs card_number"
        : "only a card payment takes card_number",
      { field: "card_number" },
    );
  }
  const receivedAt = input.received_at
    ? dateOf(parseTimestamp(input.received_at, "received_at"))
    : dateOf(ctx.clock.now());
  const base = {
    customerId: customer.id,
    kind: "payment" as const,
    amount,
    currency: input.currency,
    reference: input.reference ?? null,
    receivedAt,
  };
  if (input.method === "card") {
    const verdict = testGatewayCharge(input.card_number!);
    if (!verdict.ok) {
      const row = await insertPayment(
        ctx,
        {
          ...base,
          method: "test_card",
          status: "failed",
          cardLast4: verdict.last4,
          failure: { code: verdict.code, message: verdict.message },
        },
        [],
      );
      return announce(ctx, await view(ctx, row), "payment.failed");
    }
    const dues = await duesFor(ctx, customer.id, input);
    const { allocations } = applyPayment(amount, dues);
    const row = await insertPayment(
      ctx,
      { ...base, method: "test_card", status: "succeeded", cardLast4: verdict.last4 },
      allocations,
    );
    return announce(ctx, await view(ctx, row), "payment.succeeded");
  }
  const dues = await duesFor(ctx, customer.id, input);
  const { allocations } = applyPayment(amount, dues);
  const row = await insertPayment(
    ctx,
    { ...base, method: "offline", status: "succeeded" },
    allocations,
  );
  return announce(ctx, await view(ctx, row), "payment.succeeded");
}

/**
 * Records money a customer paid outside Accrue as excess (Chargebee's record_excess_payment):
 * applied to no invoice, it is the customer's credit until applied to one
 * (`invoices.apply_payments`) or refunded.
 */
export async function recordExcessPayment(
  ctx: Ctx,
  customerId: string,
  input: {
    amount: string;
    currency: string;
    payment_method?: string | undefined;
    reference?: string | undefined;
    received_at?: string | undefined;
  },
): Promise<Payment> {
  assertCurrency(input.currency);
  const amount = fromDecimalString(input.amount, input.currency, "amount").amount;
  if (amount <= 0n) {
    throw unprocessable("invalid_amount", "a payment is more than zero", { field: "amount" });
  }
  const customer = await lockCustomer(ctx, customerId);
  if (!customer)
    throw notFound("customer_not_found", `no customer ${customerId}`, { id: customerId });
  await ctx.guard({ kind: "customer", row: customer });
  const row = await insertPayment(
    ctx,
    {
      customerId,
      kind: "payment",
      method: "offline",
      status: "succeeded",
      amount,
      currency: input.currency,
      reference: input.reference ?? null,
      paymentMethod: input.payment_method ?? null,
      receivedAt: input.received_at
        ? dateOf(parseTimestamp(input.received_at, "received_at"))
        : dateOf(ctx.clock.now()),
    },
    [],
  );
  return announce(ctx, await view(ctx, row), "payment.succeeded");
}

/** The invoices a payment pays: those named (each must be the customer's, in the currency), else all open ones, oldest first. */
async function duesFor(ctx: Ctx, customerId: string, input: PaymentInput) {
  if (!input.invoice_ids) {
    const open = await invoiceDues(ctx, customerId, { currency: input.currency });
    return open.map((d) => ({ invoiceId: d.id, due: d.due }));
  }
  const found = await invoiceDues(ctx, customerId, { ids: input.invoice_ids });
  const byId = new Map(found.map((d) => [d.id, d]));
  return input.invoice_ids.map((id, i) => {
    const due = byId.get(id);
    if (!due) {
      throw unprocessable("unknown_invoice", `no issued invoice ${id} of this customer`, {
        field: `invoice_ids.${i}`,
      });
    }
    if (due.currency !== input.currency) {
      throw unprocessable("currency_mismatch", `invoice ${id} is in ${due.currency}`, {
        field: `invoice_ids.${i}`,
      });
    }
    return { invoiceId: id, due: due.due };
  });
}

/** Refunds all or part of a succeeded payment; the invoices it paid reopen as needed. */
export async function refundPayment(
  ctx: Ctx,
  id: string,
  input: {
    amount?: string | undefined;
    reference?: string | undefined;
    payment_method?: string | undefined;
    refunded_at?: string | undefined;
  },
): Promise<Payment> {
  const unlocked = await loadPayment(ctx, id);
  await lockCustomer(ctx, unlocked.customer_id);
  await ctx.guard({ kind: "payment", id });
  const payment = await loadPayment(ctx, id, true);
  if (payment.kind !== "payment" || payment.status !== "succeeded") {
    throw unprocessable("payment_not_refundable", "only a succeeded payment can be refunded", {
      id,
    });
  }
  const refunds = await refundsOf(ctx.db, ctx.tenantId, id);
  const refundable = BigInt(payment.amount) - refunds.reduce((s, r) => s + BigInt(r.amount), 0n);
  const amount = input.amount
    ? fromDecimalString(input.amount, payment.currency, "amount").amount
    : refundable;
  if (amount <= 0n) {
    throw unprocessable("invalid_amount", "a refund is more than zero", { field: "amount" });
  }
  if (amount > refundable) {
    throw unprocessable(
      "refund_exceeds_payment",
      `at most ${dec(refundable, payment.currency)} ${payment.currency} of this payment can be refunded`,
      { field: "amount", refundable: dec(refundable, payment.currency) },
    );
  }
  const now = dateOf(ctx.clock.now());
  const refundedAt = input.refunded_at
    ? dateOf(parseTimestamp(input.refunded_at, "refunded_at"))
    : now;
  if (input.refunded_at && (refundedAt < payment.received_at || refundedAt > now)) {
    throw unprocessable(
      "invalid_refund_date",
      "a refund is dated between the payment it refunds and now",
      { field: "refunded_at" },
    );
  }
  const row = await insertRefund(ctx, payment, amount, {
    reference: input.reference ?? null,
    paymentMethod: input.payment_method ?? null,
    receivedAt: refundedAt,
  });
  return announce(ctx, await view(ctx, row), "payment.refunded");
}

/**
 * Writes a refund of `amount` of a succeeded payment (its customer locked; at most what is
 * left to refund): it takes the payment's unapplied credit first, then reopens the invoices
 * it paid, the latest first (negative allocations). Not announced: the caller says why.
 */
export async function insertRefund(
  ctx: Ctx,
  payment: PaymentRow,
  amount: bigint,
  values: {
    reference: string | null;
    paymentMethod: string | null;
    receivedAt: Date;
    gatewayReference?: string | null;
  },
) {
  const current = await view(ctx, payment);
  const refunds = await refundsOf(ctx.db, ctx.tenantId, payment.id);
  // what the payment still has applied, net of earlier refunds' reopenings, in order
  const applied = new Map<string, bigint>();
  for (const a of await allocationsOf(ctx.db, [payment.id])) {
    applied.set(a.invoice_id, (applied.get(a.invoice_id) ?? 0n) + BigInt(a.amount));
  }
  for (const a of await allocationsOf(
    ctx.db,
    refunds.map((r) => r.id),
  )) {
    applied.set(a.invoice_id, (applied.get(a.invoice_id) ?? 0n) + BigInt(a.amount));
  }
  const reopen = reverseForRefund(
    amount,
    fromDecimalString(current.unapplied, payment.currency).amount,
    [...applied].map(([invoiceId, a]) => ({ invoiceId, amount: a })),
  );
  return insertPayment(
    ctx,
    {
      customerId: payment.customer_id,
      kind: "refund",
      method: payment.method,
      status: "succeeded",
      amount,
      currency: payment.currency,
      reference: values.reference,
      paymentMethod: values.paymentMethod,
      cardLast4: payment.card_last4,
      refundsPaymentId: payment.id,
      gatewayReference: values.gatewayReference ?? null,
      receivedAt: values.receivedAt,
    },
    reopen,
  );
}

/**
 * Deletes an offline payment recorded in error (Chargebee's delete_offline_transaction). Only
 * one nothing depends on: not refunded, and applied to no invoice (after removals); its
 * unapplied amount leaves the customer's credit. A card payment or a refund is never deleted.
 */
export async function deleteOfflinePayment(ctx: Ctx, id: string): Promise<void> {
  const unlocked = await loadPayment(ctx, id);
  await lockCustomer(ctx, unlocked.customer_id);
  await ctx.guard({ kind: "payment", id });
  const payment = await loadPayment(ctx, id, true);
  if (payment.kind !== "payment" || payment.method !== "offline") {
    throw unprocessable("payment_not_deletable", "only an offline payment can be deleted", {
      id,
    });
  }
  if ((await refundsOf(ctx.db, ctx.tenantId, id)).length > 0) {
    throw unprocessable("payment_refunded", "the payment has refunds and cannot be deleted", {
      id,
    });
  }
  const before = await view(ctx, payment);
  if (before.allocations.length > 0) {
    throw unprocessable(
      "payment_allocated",
      "the payment is applied to invoices; remove it from them first",
      { id, invoice_ids: before.allocations.map((a) => a.invoice_id) },
    );
  }
  await deletePaymentRow(ctx.db, ctx.tenantId, id);
  ctx.audit({ targetType: "payment", targetId: id, before, after: null });
  await ctx.emit({
    type: "payment.deleted",
    subjectType: "customer",
    subjectId: payment.customer_id,
    payload: before,
  });
}

/** Settles what an invoice still owes without money (a bad debt). */
export async function writeOffInvoice(
  ctx: Ctx,
  invoiceId: string,
  input: { reason?: string | undefined },
): Promise<Payment> {
  const invoice = await findInvoice(ctx.db, ctx.tenantId, invoiceId);
  if (!invoice) throw notFound("invoice_not_found", `no invoice ${invoiceId}`, { id: invoiceId });
  await ctx.guard({ kind: "invoice", row: invoice });
  if (invoice.kind !== "invoice" || invoice.status !== "finalized") {
    throw unprocessable("invoice_not_open", "only an issued invoice can be written off", {
      id: invoiceId,
    });
  }
  await lockCustomer(ctx, invoice.customer_id);
  const [due] = await invoiceDues(ctx, invoice.customer_id, { ids: [invoiceId] });
  if (!due || due.due <= 0n) {
    throw conflict("invoice_settled", `invoice ${invoiceId} owes nothing`, { id: invoiceId });
  }
  const row = await insertPayment(
    ctx,
    {
      customerId: invoice.customer_id,
      kind: "write_off",
      method: "write_off",
      status: "succeeded",
      amount: due.due,
      currency: invoice.currency,
      reference: input.reason ?? null,
      receivedAt: dateOf(ctx.clock.now()),
    },
    [{ invoiceId, amount: due.due }],
  );
  return announce(ctx, await view(ctx, row), "invoice.written_off");
}

export async function getPayment(ctx: Ctx, id: string): Promise<Payment> {
  return view(ctx, await loadPayment(ctx, id));
}

/** What a cursor of the list by amount or receipt holds (a tampered one is refused, not run). */
const SORT_VALUES: Record<Exclude<PaymentSort, "created">, CursorValueShape[]> = {
  amount: [/^[A-Z]{3}$/, /^-?\d{1,19}$/],
  received: [INSTANT_KEY],
};

/**
 * A page of the tenant's payments in the order `sort` and `order` name (by creation,
 * ascending, when absent). A list by creation pages by id; by amount or receipt by an opaque
 * keyset cursor, refused for another sort or direction.
 */
export async function listPayments(
  ctx: Ctx,
  query: {
    limit: number;
    cursor?: string | undefined;
    customer_id?: string | undefined;
    status?: PaymentRow["status"] | undefined;
    /** Received on this UTC day (YYYY-MM-DD) or later. */
    received_from?: string | undefined;
    /** Received on this UTC day or earlier. */
    received_to?: string | undefined;
    sort?: PaymentSort | undefined;
    order?: "asc" | "desc" | undefined;
    include_total?: boolean | undefined;
  },
): Promise<Page<Payment> & { total_count?: number }> {
  const filter: PaymentListFilter = {
    customerId: query.customer_id,
    status: query.status,
    receivedFrom: query.received_from ? utcDayStart(query.received_from, 0) : undefined,
    receivedBefore: query.received_to ? utcDayStart(query.received_to, 1) : undefined,
  };
  const page = await pageOfPayments(ctx, query, filter);
  if (!query.include_total) return page;
  return { ...page, total_count: await countPaymentRows(ctx.db, ctx.tenantId, filter) };
}

async function pageOfPayments(
  ctx: Ctx,
  query: {
    limit: number;
    cursor?: string | undefined;
    sort?: PaymentSort | undefined;
    order?: "asc" | "desc" | undefined;
  },
  filter: PaymentListFilter,
): Promise<Page<Payment>> {
  const sort = query.sort ?? "created";
  const order = query.order ?? "asc";
  const paging = pagingFor({
    cursor: query.cursor,
    sort,
    order,
    shapes: SORT_VALUES,
    isPlainId: (c) => isId("payment", c),
    valuesOf: (by, row: ListedPayment) =>
      by === "amount" ? [row.currency, row.amount] : [row.received_key],
  });
  return fetchPageBatch(
    query.limit,
    (n) =>
      listPaymentRows(ctx.db, ctx.tenantId, {
        limit: n,
        cursor: paging.idCursor,
        after: paging.after,
        sort,
        order,
        ...filter,
      }),
    async (rows) => {
      // one payment after the other: each view reads its allocations and refunds
      const data: Payment[] = [];
      for (const r of rows) data.push(await view(ctx, r));
      return data;
    },
    paging.cursorOf,
  );
}

// ---- balances -----------------------------------------------------------------------------------

export type Balance = {
  customer_id: string;
  balances: {
    currency: string;
    invoiced: string;
    credited: string;
    /** Promotional credits applied to invoices when they were issued. */
    credits_applied: string;
    paid: string;
    refunded: string;
    written_off: string;
    tax_withheld: string;
    /** Positive: the customer owes this; negative: the customer has this credit. */
    balance: string;
  }[];
  open_invoices: {
    invoice_id: string;
    number: string | null;
    currency: string;
    issue_date: string;
    total: string;
    due: string;
  }[];
};

/** A customer's account per currency, and the invoices still owing. */
export async function customerBalance(ctx: Ctx, customerId: string): Promise<Balance> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  if (!customer)
    throw notFound("customer_not_found", `no customer ${customerId}`, { id: customerId });
  const sums = new Map<
    string,
    Record<
      | "invoiced"
      | "credited"
      | "credits_applied"
      | "paid"
      | "refunded"
      | "written_off"
      | "tax_withheld",
      bigint
    >
  >();
  const entry = (c: string) => {
    let e = sums.get(c);
    if (!e) {
      e = {
        invoiced: 0n,
        credited: 0n,
        credits_applied: 0n,
        paid: 0n,
        refunded: 0n,
        written_off: 0n,
        tax_withheld: 0n,
      };
      sums.set(c, e);
    }
    return e;
  };
  const docs = await finalizedTotals(ctx.db, ctx.tenantId, customerId);
  for (const d of docs) {
    if (d.kind === "invoice") entry(d.currency).invoiced += BigInt(d.total);
    else entry(d.currency).credited += -BigInt(d.total);
    entry(d.currency).credits_applied += BigInt(d.credits_applied);
  }
  const payments = await succeededTotals(ctx.db, ctx.tenantId, customerId);
  for (const p of payments) {
    const e = entry(p.currency);
    if (p.kind === "payment") e.paid += BigInt(p.total);
    else if (p.kind === "tax_withheld") e.tax_withheld += BigInt(p.total);
    // a refund of withheld tax gives back tax, not money
    else if (p.kind === "refund" && p.method === "tax_withheld") e.tax_withheld -= BigInt(p.total);
    else if (p.kind === "refund") e.refunded += BigInt(p.total);
    else e.written_off += BigInt(p.total);
  }
  const open = (await invoiceDues(ctx, customerId)).filter((i) => i.due > 0n);
  return {
    customer_id: customerId,
    balances: [...sums]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, e]) => ({
        currency,
        invoiced: dec(e.invoiced, currency),
        credited: dec(e.credited, currency),
        credits_applied: dec(e.credits_applied, currency),
        paid: dec(e.paid, currency),
        refunded: dec(e.refunded, currency),
        written_off: dec(e.written_off, currency),
        tax_withheld: dec(e.tax_withheld, currency),
        balance: dec(
          e.invoiced -
            e.credited -
            e.credits_applied -
            e.paid +
            e.refunded -
            e.written_off -
            e.tax_withheld,
          currency,
        ),
      })),
    open_invoices: open.map((i) => ({
      invoice_id: i.id,
      number: i.number,
      currency: i.currency,
      issue_date: i.issue_date,
      total: dec(i.total, i.currency),
      due: dec(i.due, i.currency),
    })),
  };
}

/**
 * What the customer owes in `currency`: its balance there (invoices less credit notes and
 * promotional credits applied, payments net of refunds, and write-offs), so money paid ahead
 * or credited counts; 0 when the customer is even or in credit.
 */
export async function amountOwed(ctx: Ctx, customerId: string, currency: string): Promise<bigint> {
  const balance = await balanceIn(ctx.db, ctx.tenantId, customerId, currency);
  return balance > 0n ? balance : 0n;
}

// ---- dunning policy -----------------------------------------------------------------------------

/**
 * The tenant's dunning steps, the retry schedule of automatic collection (the days after a
 * failed attempt the next is made, src/domain/payments/collection.ts), and how many hours a
 * payment waits for the customer's authentication before it expires (payment-expiry.service.ts).
 */
export type DunningPolicy = {
  steps: DunningStep[];
  collection_retry_days: number[];
  authentication_expiry_hours: number;
};

export async function getDunningPolicy(ctx: Ctx): Promise<DunningPolicy> {
  return {
    steps: (await findDunningSteps(ctx.db, ctx.tenantId)) as DunningStep[],
    collection_retry_days: await findCollectionRetryDays(ctx.db, ctx.tenantId),
    authentication_expiry_hours: await findAuthenticationExpiryHours(ctx.db, ctx.tenantId),
  };
}

/** Replaces the steps; the retry schedule and authentication expiry too when given (else they stay). */
export async function setDunningPolicy(
  ctx: Ctx,
  input: {
    steps: Omit<DunningStep, "level">[];
    collection_retry_days?: number[] | undefined;
    authentication_expiry_hours?: number | undefined;
  },
): Promise<DunningPolicy> {
  assertDunningSteps(input.steps);
  const before = await getDunningPolicy(ctx);
  const steps: DunningStep[] = input.steps.map((s, i) => ({ ...s, level: i + 1 }));
  await setDunningSteps(ctx.db, ctx.tenantId, steps);
  const retries = input.collection_retry_days ?? before.collection_retry_days;
  if (input.collection_retry_days !== undefined) {
    await setCollectionRetryDays(ctx.db, ctx.tenantId, retries);
  }
  const hours = input.authentication_expiry_hours ?? before.authentication_expiry_hours;
  if (input.authentication_expiry_hours !== undefined) {
    await setAuthenticationExpiryHours(ctx.db, ctx.tenantId, hours);
  }
  const after = { steps, collection_retry_days: retries, authentication_expiry_hours: hours };
  ctx.audit({ targetType: "tenant", targetId: ctx.tenantId, before, after });
  await ctx.emit({
    type: "dunning_policy.updated",
    subjectType: "tenant",
    subjectId: ctx.tenantId,
    payload: after,
  });
  return after;
}
