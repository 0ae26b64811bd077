/**
 * Voiding an invoice or credit note: the document is locked and checked (not void, no credit
 * note for it), then voided unless payments or write-offs apply to it.
 *
 * Modules: invoicing (the document and the rules of voiding), payments (what applies to it).
 */
import type { Ctx } from "../modules/context.js";
import { type Invoice, voidableDocument, voidDocument } from "../modules/invoicing/index.js";
import {
  amountApplied,
  creditAllocatedWith,
  refundedOnCreditNote,
} from "../modules/payments/index.js";

/**
 * Voids a draft or an issued document that nothing refers to (no credit note, no payment, no
 * refund of a credit note, no credit note's credit applied to it or, from it, to another).
 */
export async function voidInvoice(ctx: Ctx, id: string): Promise<Invoice> {
  const row = await voidableDocument(ctx, id);
  const applied = await amountApplied(ctx.db, ctx.tenantId, id);
  const refunded = await refundedOnCreditNote(ctx.db, ctx.tenantId, id);
  const credited = await creditAllocatedWith(ctx.db, ctx.tenantId, id);
  return voidDocument(ctx, row, applied + refunded + credited);
}
