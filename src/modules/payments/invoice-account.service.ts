/**
 * One invoice's account, read: its total, what credit notes, promotional credits, payments,
 * write-offs, withheld tax and other credit notes' credit took off it, what it still owes, and
 * the payments (with refunds) applied to it. Amounts are sums of the records, as every balance is.
 */
import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import type { Ctx } from "../context.js";
import { creditNoteFacts, findInvoice } from "../invoicing/index.js";
import { dueOf } from "./invoice-payments.service.js";
import { allocationsOnInvoice, creditNotesOnInvoice } from "./payments.repository.js";
import type { InvoiceAccountSchema } from "./payments.schemas.js";
import { dec, view } from "./payments.service.js";

export type InvoiceAccount = Static<typeof InvoiceAccountSchema>;

export async function invoiceAccount(ctx: Ctx, invoiceId: string): Promise<InvoiceAccount> {
  const invoice = await findInvoice(ctx.db, ctx.tenantId, invoiceId);
  if (!invoice) throw notFound("invoice_not_found", `no invoice ${invoiceId}`, { id: invoiceId });
  if (invoice.kind !== "invoice") {
    throw unprocessable("document_not_invoice", `${invoiceId} is a credit note`, {
      id: invoiceId,
    });
  }
  const c = invoice.currency;
  const applied = await allocationsOnInvoice(ctx.db, ctx.tenantId, invoice.id);
  let paid = 0n;
  let writtenOff = 0n;
  let taxWithheld = 0n;
  for (const { payment, applied: amount } of applied) {
    if (payment.method === "write_off") writtenOff += amount;
    else if (payment.method === "tax_withheld") taxWithheld += amount;
    else if (payment.status === "succeeded") paid += amount;
  }
  const credited = (await creditNoteFacts(ctx.db, ctx.tenantId, invoice.customer_id, {}))
    .filter((n) => n.corrects_invoice_id === invoice.id)
    .reduce((s, n) => s + n.credit, 0n);
  const creditNotes = await creditNotesOnInvoice(ctx.db, ctx.tenantId, invoice.id);
  const payments = [];
  for (const a of applied) {
    payments.push({ ...(await view(ctx, a.payment)), applied: dec(a.applied, c) });
  }
  return {
    invoice_id: invoice.id,
    customer_id: invoice.customer_id,
    currency: c,
    total: dec(BigInt(invoice.total_gross), c),
    credited: dec(credited, c),
    credits_applied: dec(BigInt(invoice.credits_applied), c),
    paid: dec(paid, c),
    written_off: dec(writtenOff, c),
    tax_withheld: dec(taxWithheld, c),
    credit_applied: dec(
      creditNotes.reduce((s, n) => s + n.amount, 0n),
      c,
    ),
    due: dec(invoice.status === "finalized" ? await dueOf(ctx, invoice) : 0n, c),
    payments,
    credit_notes_applied: creditNotes.map((n) => ({
      credit_note_id: n.creditNoteId,
      amount: dec(n.amount, c),
    })),
  };
}
