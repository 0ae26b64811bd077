/**
 * Tax withheld (Chargebee's record_tax_withheld, remove_tax_withheld, and a credit note's tax
 * withheld refunds): where the law lets a business customer withhold part of an invoice as tax
 * and pay it to its tax authority, the invoice is settled by that amount without money. It is
 * kept as a settlement of kind `tax_withheld` applied to the invoice like a payment; a credit
 * note of the invoice may give withheld tax back by a refund of method `tax_withheld`. Neither
 * is money: collections, refunds of money and the money on an invoice leave them out; the
 * customer's balance counts them under `tax_withheld`.
 */
import type { Static } from "typebox";
import { unprocessable } from "../../domain/errors.js";
import { fromDecimalString } from "../../domain/money/money.js";
import { parseTimestamp } from "../../domain/time/index.js";
import { type Ctx, dateOf, nowDate } from "../context.js";
import {
  announceInvoice,
  dueOf,
  openInvoice,
  refundableCreditNote,
} from "./invoice-payments.service.js";
import {
  creditAllocatedFrom,
  deletePayment,
  findPayment,
  refundedOnCreditNote,
  taxWithheldOnInvoice,
} from "./payments.repository.js";
import type {
  RecordTaxWithheldBody,
  RemoveTaxWithheldBody,
  TaxWithheldRefundBody,
} from "./payments.schemas.js";
import { dec, insertPayment, type Payment, view } from "./payments.service.js";

/** Records tax the customer withheld from an issued invoice; at most what the invoice owes. */
export async function recordTaxWithheld(
  ctx: Ctx,
  invoiceId: string,
  input: Static<typeof RecordTaxWithheldBody>,
): Promise<Payment> {
  const invoice = await openInvoice(ctx, invoiceId);
  const c = invoice.currency;
  const amount = fromDecimalString(input.amount, c, "amount").amount;
  if (amount <= 0n) {
    throw unprocessable("invalid_amount", "withheld tax is more than zero", { field: "amount" });
  }
  const due = await dueOf(ctx, invoice);
  if (amount > due) {
    throw unprocessable("payment_exceeds_due", `the invoice owes ${dec(due > 0n ? due : 0n, c)}`, {
      field: "amount",
      due: dec(due > 0n ? due : 0n, c),
    });
  }
  const row = await insertPayment(
    ctx,
    {
      customerId: invoice.customer_id,
      kind: "tax_withheld",
      method: "tax_withheld",
      status: "succeeded",
      amount,
      currency: c,
      reference: input.reference ?? null,
      paymentMethod: null,
      receivedAt: input.date ? dateOf(parseTimestamp(input.date, "date")) : nowDate(ctx),
    },
    [{ invoiceId: invoice.id, amount }],
  );
  const recorded = await view(ctx, row);
  ctx.audit({ targetType: "payment", targetId: row.id, after: recorded });
  await ctx.emit({
    type: "invoice.tax_withheld_recorded",
    subjectType: "invoice",
    subjectId: invoice.id,
    payload: recorded,
  });
  if (amount === due) await announceInvoice(ctx, invoice, "invoice.paid", row.id);
  return recorded;
}

/** Removes withheld tax recorded on the invoice in error; refused once a credit note refunded it. */
export async function removeTaxWithheld(
  ctx: Ctx,
  invoiceId: string,
  input: Static<typeof RemoveTaxWithheldBody>,
): Promise<Payment> {
  const invoice = await openInvoice(ctx, invoiceId);
  const on = (await taxWithheldOnInvoice(ctx.db, ctx.tenantId, invoice.id)).find(
    (t) => t.id === input.tax_withheld_id,
  );
  if (!on) {
    throw unprocessable(
      "tax_withheld_not_on_invoice",
      `no withheld tax ${input.tax_withheld_id} is recorded on this invoice`,
      { field: "tax_withheld_id" },
    );
  }
  if (on.refunded > 0n) {
    throw unprocessable(
      "tax_withheld_refunded",
      "a credit note refunded part of this withheld tax; remove that refund first",
      { field: "tax_withheld_id" },
    );
  }
  const row = await findPayment(ctx.db, ctx.tenantId, on.id, { forUpdate: true });
  const before = await view(ctx, row!);
  const dueBefore = await dueOf(ctx, invoice);
  await deletePayment(ctx.db, ctx.tenantId, on.id);
  ctx.audit({ targetType: "payment", targetId: on.id, before, after: null });
  await ctx.emit({
    type: "invoice.tax_withheld_removed",
    subjectType: "invoice",
    subjectId: invoice.id,
    payload: before,
  });
  if (dueBefore === 0n) await announceInvoice(ctx, invoice, "invoice.reopened", on.id);
  return before;
}

/**
 * Gives withheld tax of the corrected invoice back through the credit note: at most what the
 * credit note left unused (the invoice is overpaid by it) and what tax is still withheld there.
 */
export async function recordTaxWithheldRefund(
  ctx: Ctx,
  creditNoteId: string,
  input: Static<typeof TaxWithheldRefundBody>,
): Promise<Payment[]> {
  const { note, invoice } = await refundableCreditNote(ctx, creditNoteId);
  const c = note.currency;
  const withheld = (await taxWithheldOnInvoice(ctx.db, ctx.tenantId, invoice.id)).filter(
    (t) => t.amount > t.refunded,
  );
  const left =
    -BigInt(note.total_gross) -
    (await refundedOnCreditNote(ctx.db, ctx.tenantId, note.id)) -
    (await creditAllocatedFrom(ctx.db, ctx.tenantId, note.id));
  const due = await dueOf(ctx, invoice);
  let refundable = due < 0n ? -due : 0n;
  if (left < refundable) refundable = left;
  const open = withheld.reduce((s, t) => s + t.amount - t.refunded, 0n);
  if (open < refundable) refundable = open;
  const amount = fromDecimalString(input.amount, c, "amount").amount;
  if (amount <= 0n) {
    throw unprocessable("invalid_amount", "a refund is more than zero", { field: "amount" });
  }
  if (amount > refundable) {
    throw unprocessable(
      "refund_exceeds_credit_note",
      `credit note ${note.id} can give back ${dec(refundable, c)} ${c} of withheld tax`,
      { field: "amount", refundable: dec(refundable, c) },
    );
  }
  const refunds: Payment[] = [];
  let rest = amount;
  for (const t of [...withheld].reverse()) {
    if (rest === 0n) break;
    const take = t.amount - t.refunded < rest ? t.amount - t.refunded : rest;
    const row = await insertPayment(
      ctx,
      {
        customerId: note.customer_id,
        kind: "refund",
        method: "tax_withheld",
        status: "succeeded",
        amount: take,
        currency: c,
        reference: input.reference ?? null,
        refundsPaymentId: t.id,
        refundsCreditNoteId: note.id,
        receivedAt: nowDate(ctx),
      },
      [{ invoiceId: invoice.id, amount: -take }],
    );
    refunds.push(await view(ctx, row));
    rest -= take;
  }
  ctx.audit({
    targetType: "credit_note",
    targetId: note.id,
    after: { tax_withheld_refunds: refunds },
  });
  await ctx.emit({
    type: "credit_note.tax_withheld_refunded",
    subjectType: "invoice",
    subjectId: note.id,
    payload: { credit_note_id: note.id, invoice_id: invoice.id, refunds },
  });
  return refunds;
}

/** Removes a refund of withheld tax recorded on the credit note in error. */
export async function removeTaxWithheldRefund(
  ctx: Ctx,
  creditNoteId: string,
  input: { refund_id: string },
): Promise<Payment> {
  const { note } = await refundableCreditNote(ctx, creditNoteId);
  const row = await findPayment(ctx.db, ctx.tenantId, input.refund_id, { forUpdate: true });
  if (
    row?.kind !== "refund" ||
    row.method !== "tax_withheld" ||
    row.refunds_credit_note_id !== note.id
  ) {
    throw unprocessable(
      "tax_withheld_refund_not_found",
      `credit note ${note.id} has no refund of withheld tax ${input.refund_id}`,
      { field: "refund_id" },
    );
  }
  const before = await view(ctx, row);
  await deletePayment(ctx.db, ctx.tenantId, row.id);
  ctx.audit({ targetType: "payment", targetId: row.id, before, after: null });
  await ctx.emit({
    type: "credit_note.tax_withheld_refund_removed",
    subjectType: "invoice",
    subjectId: note.id,
    payload: before,
  });
  return before;
}
