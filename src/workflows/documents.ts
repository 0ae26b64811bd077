/**
 * Voiding an invoice or credit note: the document is locked and checked (not void, no credit
 * note for it), then voided unless payments or write-offs apply to it.
 *
 * Modules: invoicing (the document and the rules of voiding), payments (what applies to it).
 */
import type { Ctx } from "../modules/context.js";
import { type Invoice, voidableDocument, voidDocument } from "../modules/invoicing/index.js";
import { amountApplied } from "../modules/payments/index.js";

/** Voids a draft or an issued document that nothing refers to (no credit note, no payment). */
export async function voidInvoice(ctx: Ctx, id: string): Promise<Invoice> {
  const row = await voidableDocument(ctx, id);
  return voidDocument(ctx, row, await amountApplied(ctx.db, ctx.tenantId, id));
}
