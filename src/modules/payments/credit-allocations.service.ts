/**
 * Credit of credit notes applied to other invoices of the customer (Chargebee's
 * invoice_apply_credits) and taken off again (remove_credit_note).
 *
 * A credit note first lowers what the invoice it corrects owes; only what that invoice no
 * longer needs (it was paid already, so it owes less than nothing) is available to other
 * invoices. A credit note that corrects no invoice (billing wrote it because corrections
 * outweighed the charges) is available whole. Applying moves credit, never money: the
 * customer's balance does not change, what the two invoices owe does. Each change takes the
 * customer's row lock first, like every money movement of the customer.
 */
import type { Static } from "typebox";
import { unprocessable } from "../../domain/errors.js";
import { fromDecimalString } from "../../domain/money/money.js";
import { type Ctx, nowDate } from "../context.js";
import { type CreditNoteFacts, creditNoteFacts } from "../invoicing/index.js";
import { announceInvoice, dueOf, openInvoice } from "./invoice-payments.service.js";
import {
  appendCreditAllocation,
  creditAllocatedFrom,
  creditNotesOnInvoice,
  refundedOnCreditNote,
} from "./payments.repository.js";
import type {
  ApplyCreditsBody,
  InvoiceCreditsSchema,
  RemoveCreditNoteBody,
} from "./payments.schemas.js";
import { dec, invoiceDues } from "./payments.service.js";

export type InvoiceCredits = Static<typeof InvoiceCreditsSchema>;
type Invoice = Awaited<ReturnType<typeof openInvoice>>;

/** What of the credit note other invoices may still receive now. */
async function availableOf(ctx: Ctx, cn: CreditNoteFacts): Promise<bigint> {
  const left =
    cn.credit -
    (await creditAllocatedFrom(ctx.db, ctx.tenantId, cn.id)) -
    (await refundedOnCreditNote(ctx.db, ctx.tenantId, cn.id));
  if (cn.corrects_invoice_id === null) return left;
  const [corrected] = await invoiceDues(ctx, cn.customer_id, { ids: [cn.corrects_invoice_id] });
  // the corrected invoice is overpaid by -due: that is what it does not need of its credit
  const unused = corrected && corrected.due < 0n ? -corrected.due : 0n;
  return left < unused ? left : unused;
}

async function summary(ctx: Ctx, invoice: Invoice): Promise<InvoiceCredits> {
  const on = await creditNotesOnInvoice(ctx.db, ctx.tenantId, invoice.id);
  return {
    invoice_id: invoice.id,
    currency: invoice.currency,
    due: dec(await dueOf(ctx, invoice), invoice.currency),
    credit_notes: on.map((c) => ({
      credit_note_id: c.creditNoteId,
      amount: dec(c.amount, invoice.currency),
    })),
  };
}

/** A finalized credit note of the invoice's customer in its currency, named in the body. */
async function namedCreditNote(
  ctx: Ctx,
  invoice: Invoice,
  id: string,
  field: string,
): Promise<CreditNoteFacts> {
  const [cn] = await creditNoteFacts(ctx.db, ctx.tenantId, invoice.customer_id, { ids: [id] });
  if (cn?.kind !== "credit_note" || cn.status !== "finalized") {
    throw unprocessable(
      "credit_note_not_applicable",
      `no issued credit note ${id} of the invoice's customer`,
      { field },
    );
  }
  if (cn.currency !== invoice.currency) {
    throw unprocessable("currency_mismatch", `credit note ${id} is in ${cn.currency}`, { field });
  }
  await ctx.guard({ kind: "invoice", row: cn });
  return cn;
}

/**
 * Applies available credit of the customer's credit notes to an issued invoice: the ones
 * named, in that order (default amount: all available, up to what the invoice still owes),
 * else every one with credit available, oldest first, until the invoice owes nothing.
 */
export async function applyCreditsToInvoice(
  ctx: Ctx,
  invoiceId: string,
  input: Static<typeof ApplyCreditsBody>,
): Promise<InvoiceCredits> {
  const invoice = await openInvoice(ctx, invoiceId);
  const c = invoice.currency;
  let due = await dueOf(ctx, invoice);
  const named = input.credit_notes;
  if (named) {
    const seen = new Set<string>();
    for (const [i, item] of named.entries()) {
      if (seen.has(item.credit_note_id)) {
        throw unprocessable(
          "duplicate_credit_note",
          `credit note ${item.credit_note_id} is named twice`,
          { field: `credit_notes.${i}.credit_note_id` },
        );
      }
      seen.add(item.credit_note_id);
    }
  }
  const candidates = named
    ? await Promise.all(
        named.map(async (item, i) => ({
          cn: await namedCreditNote(
            ctx,
            invoice,
            item.credit_note_id,
            `credit_notes.${i}.credit_note_id`,
          ),
          amount: item.amount,
          field: `credit_notes.${i}.amount`,
        })),
      )
    : (await creditNoteFacts(ctx.db, ctx.tenantId, invoice.customer_id, { currency: c }))
        .filter((cn) => cn.corrects_invoice_id !== invoice.id)
        .map((cn) => ({ cn, amount: undefined, field: "credit_notes" }));
  const applied: { cn: CreditNoteFacts; amount: bigint }[] = [];
  for (const { cn, amount: asked, field } of candidates) {
    if (due <= 0n && !named) break;
    if (!named) await ctx.guard({ kind: "invoice", row: cn });
    const available = await availableOf(ctx, cn);
    const amount = asked
      ? fromDecimalString(asked, c, field).amount
      : available < due
        ? available
        : due;
    if (amount <= 0n) {
      if (!named) continue;
      throw unprocessable(
        asked ? "invalid_amount" : "credit_not_available",
        asked
          ? "an amount applied is more than zero"
          : due <= 0n
            ? "the invoice owes nothing"
            : `credit note ${cn.id} has no credit available`,
        { field },
      );
    }
    if (amount > available) {
      throw unprocessable(
        "credit_exceeds_available",
        `credit note ${cn.id} has ${dec(available, c)} available`,
        { field, available: dec(available, c) },
      );
    }
    if (amount > due) {
      throw unprocessable("payment_exceeds_due", `the invoice owes ${dec(due, c)}`, {
        field,
        due: dec(due, c),
      });
    }
    await appendCreditAllocation(ctx.db, {
      tenantId: ctx.tenantId,
      creditNoteId: cn.id,
      invoiceId: invoice.id,
      amount,
      at: nowDate(ctx),
    });
    due -= amount;
    applied.push({ cn, amount });
  }
  if (applied.length === 0) {
    throw unprocessable(
      "credit_not_available",
      due <= 0n
        ? "the invoice owes nothing"
        : "no credit note of the customer has credit available in the currency",
      { id: invoice.id },
    );
  }
  const result = await summary(ctx, invoice);
  ctx.audit({ targetType: "invoice", targetId: invoice.id, after: result });
  for (const { cn, amount } of applied) {
    await ctx.emit({
      type: "invoice.credit_applied",
      subjectType: "invoice",
      subjectId: invoice.id,
      payload: { invoice_id: invoice.id, credit_note_id: cn.id, amount: dec(amount, c) },
    });
  }
  if (due === 0n) await announceInvoice(ctx, invoice, "invoice.paid", null);
  return result;
}

/** Takes what a credit note has applied to the invoice off it: the invoice owes it again. */
export async function removeCreditNoteFromInvoice(
  ctx: Ctx,
  invoiceId: string,
  input: Static<typeof RemoveCreditNoteBody>,
): Promise<InvoiceCredits> {
  const invoice = await openInvoice(ctx, invoiceId);
  const on = (await creditNotesOnInvoice(ctx.db, ctx.tenantId, invoice.id)).find(
    (x) => x.creditNoteId === input.credit_note_id,
  );
  if (!on) {
    throw unprocessable(
      "credit_note_not_on_invoice",
      `credit note ${input.credit_note_id} has no credit applied to this invoice`,
      { field: "credit_note_id" },
    );
  }
  const cn = await namedCreditNote(ctx, invoice, input.credit_note_id, "credit_note_id");
  const dueBefore = await dueOf(ctx, invoice);
  await appendCreditAllocation(ctx.db, {
    tenantId: ctx.tenantId,
    creditNoteId: cn.id,
    invoiceId: invoice.id,
    amount: -on.amount,
    at: nowDate(ctx),
  });
  const result = await summary(ctx, invoice);
  ctx.audit({ targetType: "invoice", targetId: invoice.id, after: result });
  await ctx.emit({
    type: "invoice.credit_note_removed",
    subjectType: "invoice",
    subjectId: invoice.id,
    payload: {
      invoice_id: invoice.id,
      credit_note_id: cn.id,
      amount: dec(on.amount, invoice.currency),
    },
  });
  if (dueBefore <= 0n && dueBefore + on.amount > 0n) {
    await announceInvoice(ctx, invoice, "invoice.reopened", null);
  }
  return result;
}
