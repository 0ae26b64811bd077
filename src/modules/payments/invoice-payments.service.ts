/**
 * Payments seen from one invoice: a payment recorded against it alone, what existing payments
 * left unapplied applied to it, a payment taken off it again, and a refund (made outside
 * Accrue) of money paid on it. Each takes the customer's row lock first, like every other
 * money movement, so what the invoice owes and what a payment has left are read after any
 * other movement of the customer committed. Allocations are never rewritten: applying adds a
 * positive one to the payment, taking off a negative one, so balances stay sums of records.
 */
import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import { fromDecimalString } from "../../domain/money/money.js";
import { applyPayment } from "../../domain/payments/payments.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { type Ctx, dateOf } from "../context.js";
import { findInvoice } from "../invoicing/index.js";
import { accountOfSource, adapterFor } from "./gateway-accounts.service.js";
import { gatewayIdempotencyKey } from "./gateway-keys.js";
import { findSourceById } from "./payment-sources.repository.js";
import {
  appendAllocations,
  creditAllocatedFrom,
  findPayment,
  paymentsOnInvoice,
  refundedOnCreditNote,
} from "./payments.repository.js";
import type {
  ApplyPaymentsBody,
  CreditNoteRefundsSchema,
  InvoicePaymentsSchema,
  RecordCreditNoteRefundBody,
  RecordPaymentBody,
  RecordRefundBody,
  RemovePaymentBody,
} from "./payments.schemas.js";
import {
  announce,
  dec,
  insertPayment,
  invoiceDues,
  loadPayment,
  lockCustomer,
  type Payment,
  view,
} from "./payments.service.js";

export type InvoicePayments = Static<typeof InvoicePaymentsSchema>;
export type CreditNoteRefunds = Static<typeof CreditNoteRefundsSchema>;

/** The issued invoice, its customer locked and the transfer rules applied. */
export async function openInvoice(ctx: Ctx, invoiceId: string) {
  const invoice = await findInvoice(ctx.db, ctx.tenantId, invoiceId);
  if (!invoice) throw notFound("invoice_not_found", `no invoice ${invoiceId}`, { id: invoiceId });
  await lockCustomer(ctx, invoice.customer_id);
  await ctx.guard({ kind: "invoice", row: invoice });
  if (invoice.kind !== "invoice" || invoice.status !== "finalized") {
    throw unprocessable("invoice_not_open", "only an issued invoice takes payments", {
      id: invoiceId,
    });
  }
  return invoice;
}

/** What the invoice still owes now. */
export async function dueOf(
  ctx: Ctx,
  invoice: { id: string; customer_id: string },
): Promise<bigint> {
  const [due] = await invoiceDues(ctx, invoice.customer_id, { ids: [invoice.id] });
  return due?.due ?? 0n;
}

async function summary(
  ctx: Ctx,
  invoice: { id: string; customer_id: string; currency: string },
  payments: Payment[],
): Promise<InvoicePayments> {
  const paid = (await paymentsOnInvoice(ctx.db, ctx.tenantId, invoice.id)).reduce(
    (s, p) => s + p.amount,
    0n,
  );
  return {
    invoice_id: invoice.id,
    currency: invoice.currency,
    due: dec(await dueOf(ctx, invoice), invoice.currency),
    paid: dec(paid, invoice.currency),
    payments,
  };
}

/** A succeeded payment of the invoice's customer, named in a request body, locked. */
async function customerPayment(
  ctx: Ctx,
  invoice: { customer_id: string; currency: string },
  paymentId: string,
  field: string,
) {
  const row = await findPayment(ctx.db, ctx.tenantId, paymentId, { forUpdate: true });
  if (
    !row ||
    row.customer_id !== invoice.customer_id ||
    row.kind !== "payment" ||
    row.status !== "succeeded"
  ) {
    throw unprocessable(
      "payment_not_applicable",
      `no succeeded payment ${paymentId} of the invoice's customer`,
      { field },
    );
  }
  if (row.currency !== invoice.currency) {
    throw unprocessable("currency_mismatch", `payment ${paymentId} is in ${row.currency}`, {
      field,
    });
  }
  await ctx.guard({ kind: "payment", id: row.id });
  return row;
}

/** Announces that an invoice owes nothing now, or owes again; `paymentId`: what made it so. */
export async function announceInvoice(
  ctx: Ctx,
  invoice: { id: string; number: string | null },
  type: "invoice.paid" | "invoice.reopened",
  paymentId: string | null,
) {
  await ctx.emit({
    type,
    subjectType: "invoice",
    subjectId: invoice.id,
    payload: { invoice_id: invoice.id, number: invoice.number, payment_id: paymentId },
  });
}

/**
 * Records a payment (money received outside Accrue) against this invoice only. Like a payment
 * naming the invoice, what is more than the invoice owes stays on the payment as the
 * customer's credit.
 */
export async function recordInvoicePayment(
  ctx: Ctx,
  invoiceId: string,
  input: Static<typeof RecordPaymentBody>,
): Promise<Payment> {
  const invoice = await openInvoice(ctx, invoiceId);
  const due = await dueOf(ctx, invoice);
  const amount = input.amount
    ? fromDecimalString(input.amount, invoice.currency, "amount").amount
    : due;
  if (amount <= 0n) {
    throw unprocessable(
      "invalid_amount",
      input.amount ? "a payment is more than zero" : "the invoice owes nothing: name an amount",
      { field: "amount" },
    );
  }
  const { allocations } = applyPayment(amount, [{ invoiceId, due }]);
  const row = await insertPayment(
    ctx,
    {
      customerId: invoice.customer_id,
      kind: "payment",
      method: "offline",
      status: "succeeded",
      amount,
      currency: invoice.currency,
      reference: input.reference ?? null,
      paymentMethod: input.payment_method ?? null,
      receivedAt: input.paid_at
        ? dateOf(parseTimestamp(input.paid_at, "paid_at"))
        : dateOf(ctx.clock.now()),
    },
    allocations,
  );
  return announce(ctx, await view(ctx, row), "payment.succeeded");
}

/**
 * Applies what existing payments of the invoice's customer (in its currency) left unapplied
 * to the invoice, in the order named: each at most what the payment has left and, together,
 * at most what the invoice owes.
 */
export async function applyPaymentsToInvoice(
  ctx: Ctx,
  invoiceId: string,
  input: Static<typeof ApplyPaymentsBody>,
): Promise<InvoicePayments> {
  const invoice = await openInvoice(ctx, invoiceId);
  const c = invoice.currency;
  const seen = new Set<string>();
  for (const [i, item] of input.payments.entries()) {
    if (seen.has(item.payment_id)) {
      throw unprocessable("duplicate_payment", `payment ${item.payment_id} is named twice`, {
        field: `payments.${i}.payment_id`,
      });
    }
    seen.add(item.payment_id);
  }
  let due = await dueOf(ctx, invoice);
  const applied: { before: Payment; row: Awaited<ReturnType<typeof customerPayment>> }[] = [];
  for (const [i, item] of input.payments.entries()) {
    const row = await customerPayment(ctx, invoice, item.payment_id, `payments.${i}.payment_id`);
    const before = await view(ctx, row);
    const unapplied = fromDecimalString(before.unapplied, c).amount;
    const amount = item.amount
      ? fromDecimalString(item.amount, c, `payments.${i}.amount`).amount
      : unapplied < due
        ? unapplied
        : due;
    if (item.amount && amount <= 0n) {
      throw unprocessable("invalid_amount", "an amount applied is more than zero", {
        field: `payments.${i}.amount`,
      });
    }
    if (amount > unapplied || unapplied === 0n) {
      throw unprocessable(
        "payment_exceeds_unapplied",
        `payment ${row.id} has ${dec(unapplied, c)} ${c} unapplied`,
        { field: `payments.${i}.amount`, unapplied: dec(unapplied, c) },
      );
    }
    if (amount > due || due === 0n) {
      throw unprocessable("payment_exceeds_due", `invoice ${invoiceId} owes ${dec(due, c)} ${c}`, {
        field: `payments.${i}.amount`,
        due: dec(due, c),
      });
    }
    await appendAllocations(ctx.db, ctx.tenantId, row.id, [{ invoiceId, amount }]);
    due -= amount;
    applied.push({ before, row });
  }
  const payments: Payment[] = [];
  for (const { before, row } of applied) {
    const after = await view(ctx, row);
    ctx.audit({ targetType: "payment", targetId: row.id, before, after });
    await ctx.emit({
      type: "payment.applied",
      subjectType: "customer",
      subjectId: row.customer_id,
      payload: after,
    });
    payments.push(after);
  }
  if (due === 0n) await announceInvoice(ctx, invoice, "invoice.paid", applied.at(-1)!.row.id);
  return summary(ctx, invoice, payments);
}

/**
 * Takes a payment off the invoice: what it has there (net of its refunds) is unapplied on the
 * payment again and owed by the invoice again; an invoice that was paid is open again.
 */
export async function removePaymentFromInvoice(
  ctx: Ctx,
  invoiceId: string,
  input: Static<typeof RemovePaymentBody>,
): Promise<InvoicePayments> {
  const invoice = await openInvoice(ctx, invoiceId);
  const row = await customerPayment(ctx, invoice, input.payment_id, "payment_id");
  const on = (await paymentsOnInvoice(ctx.db, ctx.tenantId, invoiceId)).find(
    (p) => p.paymentId === row.id,
  );
  if (!on || on.amount <= 0n) {
    throw unprocessable(
      "payment_not_on_invoice",
      `payment ${row.id} has nothing applied to invoice ${invoiceId}`,
      { field: "payment_id" },
    );
  }
  const dueBefore = await dueOf(ctx, invoice);
  const before = await view(ctx, row);
  await appendAllocations(ctx.db, ctx.tenantId, row.id, [{ invoiceId, amount: -on.amount }]);
  const after = await view(ctx, row);
  ctx.audit({ targetType: "payment", targetId: row.id, before, after });
  await ctx.emit({
    type: "invoice.payment_removed",
    subjectType: "invoice",
    subjectId: invoiceId,
    payload: {
      invoice_id: invoiceId,
      number: invoice.number,
      payment_id: row.id,
      amount: dec(on.amount, invoice.currency),
    },
  });
  if (dueBefore === 0n) await announceInvoice(ctx, invoice, "invoice.reopened", row.id);
  return summary(ctx, invoice, [after]);
}

/**
 * Records a refund, made outside Accrue, of money paid on the invoice: taken from the payments
 * on it, the most recent first (a refund per payment), at most what they have there. As with
 * a payment's refund, the invoice owes the refunded amount again.
 */
/**
 * Pays `amount` back through the payments `on` the invoice, newest first: one refund row per
 * payment, each taking its money off the invoice (a negative allocation), announced as
 * `payment.refunded`. A credit note's refund names the credit note.
 */
async function refundNewestFirst(
  ctx: Ctx,
  input: {
    customerId: string;
    invoiceId: string;
    currency: string;
    on: readonly { paymentId: string; amount: bigint }[];
    amount: bigint;
    reference: string | null;
    /** How money recorded as given back was given back (the refunds' `payment_method`). */
    paymentMethod?: string | null | undefined;
    creditNoteId?: string;
    /** Refunded through the gateway that took the money: the refund names its source. */
    viaGateway?: boolean;
  },
): Promise<Payment[]> {
  let left = input.amount;
  const refunds: Payment[] = [];
  for (const p of [...input.on].reverse()) {
    if (left === 0n) break;
    const take = p.amount < left ? p.amount : left;
    left -= take;
    const payment = await loadPayment(ctx, p.paymentId, true);
    const gatewayReference = input.viaGateway
      ? await refundThroughGateway(ctx, payment, take, input.currency)
      : null;
    const row = await insertPayment(
      ctx,
      {
        customerId: input.customerId,
        kind: "refund",
        method: payment.method,
        status: "succeeded",
        amount: take,
        currency: input.currency,
        reference: input.reference,
        cardLast4: payment.card_last4,
        refundsPaymentId: payment.id,
        refundsCreditNoteId: input.creditNoteId ?? null,
        paymentMethod: input.paymentMethod ?? null,
        paymentSourceId: input.viaGateway ? payment.payment_source_id : null,
        gatewayReference,
        receivedAt: dateOf(ctx.clock.now()),
      },
      [{ invoiceId: input.invoiceId, amount: -take }],
    );
    refunds.push(await announce(ctx, await view(ctx, row), "payment.refunded"));
  }
  return refunds;
}

/**
 * Gives `amount` of a payment back through the gateway account holding its source (the
 * built-in test gateway for a source without one); the gateway's reference of the refund.
 */
async function refundThroughGateway(
  ctx: Ctx,
  payment: { id: string; payment_source_id: string | null; gateway_reference: string | null },
  amount: bigint,
  currency: string,
): Promise<string> {
  const source = payment.payment_source_id
    ? await findSourceById(ctx.db, ctx.tenantId, payment.payment_source_id)
    : undefined;
  const account = source ? await accountOfSource(ctx, source) : null;
  const refund = await adapterFor(account).refund({
    // payments charged before gateways kept their references are named by their own id
    chargeReference: payment.gateway_reference ?? payment.id,
    amount,
    currency,
    idempotencyKey: gatewayIdempotencyKey(ctx, "refund", payment.id),
  });
  return refund.reference;
}

/** Methods whose money a gateway took, and so can give back. */
const GATEWAY_METHODS: ReadonlySet<string> = new Set([
  "test_card",
  "test_direct_debit",
  "card",
  "direct_debit",
]);

/** The payments with money on the invoice, only those a gateway took when `viaGateway`. */
async function moneyOn(ctx: Ctx, invoiceId: string, viaGateway: boolean) {
  const on = (await paymentsOnInvoice(ctx.db, ctx.tenantId, invoiceId)).filter(
    (p) => p.amount > 0n,
  );
  if (!viaGateway) return on;
  const kept = [];
  for (const p of on) {
    if (GATEWAY_METHODS.has((await loadPayment(ctx, p.paymentId)).method)) kept.push(p);
  }
  return kept;
}

/**
 * Refunds money paid on the invoice: recorded as made outside Accrue, or (`viaGateway`,
 * Chargebee's refund_invoice) given back through the gateway that took it, from those payments
 * only. Newest payment first, one refund per payment; the invoice owes the amount again.
 */
export async function recordInvoiceRefund(
  ctx: Ctx,
  invoiceId: string,
  input: Static<typeof RecordRefundBody>,
  viaGateway = false,
): Promise<InvoicePayments> {
  const invoice = await openInvoice(ctx, invoiceId);
  const c = invoice.currency;
  const on = await moneyOn(ctx, invoiceId, viaGateway);
  const paid = on.reduce((s, p) => s + p.amount, 0n);
  const amount = input.amount ? fromDecimalString(input.amount, c, "amount").amount : paid;
  if (input.amount && amount <= 0n) {
    throw unprocessable("invalid_amount", "a refund is more than zero", { field: "amount" });
  }
  if (amount > paid || paid === 0n) {
    throw unprocessable(
      "refund_exceeds_paid",
      `${viaGateway ? "payments through a gateway" : "payments"} have ${dec(paid, c)} ${c} on invoice ${invoiceId}`,
      { field: "amount", paid: dec(paid, c) },
    );
  }
  const dueBefore = await dueOf(ctx, invoice);
  const refunds = await refundNewestFirst(ctx, {
    customerId: invoice.customer_id,
    invoiceId,
    currency: c,
    on,
    amount,
    reference: input.reference ?? null,
    paymentMethod: input.payment_method,
    viaGateway,
  });
  if (dueBefore === 0n) await announceInvoice(ctx, invoice, "invoice.reopened", refunds[0]!.id);
  return summary(ctx, invoice, refunds);
}

/**
 * What of an issued credit note can be paid out to the customer: its amount less what was
 * refunded against it, at most what the invoice it corrects was overpaid by (the part of the
 * credit note the invoice did not use), and at most what payments have on that invoice.
 */
async function creditNoteRefundable(
  ctx: Ctx,
  note: { id: string; total_gross: string },
  invoice: { id: string; customer_id: string },
  viaGateway: boolean,
) {
  const total = -BigInt(note.total_gross);
  const refunded = await refundedOnCreditNote(ctx.db, ctx.tenantId, note.id);
  const due = await dueOf(ctx, invoice);
  const on = await moneyOn(ctx, invoice.id, viaGateway);
  const paid = on.reduce((s, p) => s + p.amount, 0n);
  const unused = due < 0n ? -due : 0n;
  // what the credit note gave to other invoices is not its to refund
  let refundable = total - refunded - (await creditAllocatedFrom(ctx.db, ctx.tenantId, note.id));
  if (unused < refundable) refundable = unused;
  if (paid < refundable) refundable = paid;
  return { total, refunded, refundable: refundable > 0n ? refundable : 0n, on };
}

/**
 * Records a refund, made outside Accrue, of an issued credit note's amount to the customer:
 * money paid out of the payments on the invoice it corrects (the most recent first, a refund
 * per payment), each refund naming the credit note. Only the part of the credit note the
 * invoice did not use can be refunded: what the invoice was overpaid by once credited.
 */
/**
 * An issued credit note for an invoice, about to give money or withheld tax back: its customer
 * locked, the transfer rules applied, the note locked; with the invoice it corrects.
 */
export async function refundableCreditNote(ctx: Ctx, creditNoteId: string) {
  const found = await findInvoice(ctx.db, ctx.tenantId, creditNoteId);
  if (!found) {
    throw notFound("invoice_not_found", `no credit note ${creditNoteId}`, { id: creditNoteId });
  }
  await lockCustomer(ctx, found.customer_id);
  await ctx.guard({ kind: "invoice", row: found });
  const note = (await findInvoice(ctx.db, ctx.tenantId, creditNoteId, { forUpdate: true }))!;
  if (note.kind !== "credit_note") {
    throw unprocessable(
      "document_not_credit_note",
      `${creditNoteId} is an invoice; this operation applies to credit notes only`,
      { id: creditNoteId },
    );
  }
  const invoice = note.corrects_invoice_id
    ? await findInvoice(ctx.db, ctx.tenantId, note.corrects_invoice_id)
    : undefined;
  if (note.status !== "finalized" || !invoice) {
    throw unprocessable(
      "credit_note_not_refundable",
      note.status !== "finalized"
        ? `only an issued credit note can be refunded; this one is ${note.status}`
        : "only a credit note for an invoice can be refunded",
      { id: creditNoteId, status: note.status },
    );
  }
  return { note, invoice };
}

export async function recordCreditNoteRefund(
  ctx: Ctx,
  creditNoteId: string,
  input: Static<typeof RecordCreditNoteRefundBody>,
  viaGateway = false,
): Promise<CreditNoteRefunds> {
  const { note, invoice } = await refundableCreditNote(ctx, creditNoteId);
  const c = note.currency;
  const before = await creditNoteRefundable(ctx, note, invoice, viaGateway);
  const amount = input.amount
    ? fromDecimalString(input.amount, c, "amount").amount
    : before.refundable;
  if (input.amount && amount <= 0n) {
    throw unprocessable("invalid_amount", "a refund is more than zero", { field: "amount" });
  }
  if (amount > before.refundable || before.refundable === 0n) {
    throw unprocessable(
      "refund_exceeds_credit_note",
      `credit note ${creditNoteId} has ${dec(before.refundable, c)} ${c} left to refund`,
      { field: "amount", refundable: dec(before.refundable, c) },
    );
  }
  const refunds = await refundNewestFirst(ctx, {
    customerId: note.customer_id,
    invoiceId: invoice.id,
    currency: c,
    on: before.on,
    amount,
    reference: input.reference ?? null,
    creditNoteId: note.id,
    viaGateway,
  });
  const after = await creditNoteRefundable(ctx, note, invoice, viaGateway);
  const result: CreditNoteRefunds = {
    credit_note_id: note.id,
    invoice_id: invoice.id,
    currency: c,
    total: dec(after.total, c),
    refunded: dec(after.refunded, c),
    refundable: dec(after.refundable, c),
    refunds,
  };
  ctx.audit({
    targetType: "credit_note",
    targetId: note.id,
    before: { refunded: dec(before.refunded, c) },
    after: { refunded: result.refunded },
  });
  await ctx.emit({
    type: "credit_note.refunded",
    subjectType: "credit_note",
    subjectId: note.id,
    payload: {
      credit_note_id: note.id,
      number: note.number,
      invoice_id: invoice.id,
      amount: dec(amount, c),
      refunded: result.refunded,
      refund_ids: refunds.map((r) => r.id),
    },
  });
  return result;
}
