/**
 * Cancelling and refunding a fulfilment order, optionally with a credit note for the order's
 * amount against its invoice: the order (fulfilment) is locked and checked, invoicing issues
 * the credit note (each order line's amount against its invoice line, so the credit note's
 * lines add up to the order's amount), then the order records it. One unit of work: when
 * invoicing refuses the credit note (the lines were credited already), nothing is written.
 */
import { forbidden } from "../domain/errors.js";
import type { Ctx } from "../modules/context.js";
import {
  assertAction,
  assertRefundable,
  creditOf,
  type FulfilmentOrder,
  lockFulfilmentOrder,
  recordCancellation,
  recordRefund,
} from "../modules/fulfilment/index.js";
import { createCreditNote } from "../modules/invoicing/index.js";

/** Issuing a credit note is an invoicing change: the caller must be allowed to credit too. */
function assertMayCredit(ctx: Ctx): void {
  if (ctx.permissions.has("*") || ctx.permissions.has("invoices:write")) return;
  throw forbidden(
    "permission_denied",
    `${ctx.operation} with a credit note needs one of these permissions: invoices:write`,
    { operation: ctx.operation, required_any_of: ["invoices:write"] },
  );
}

/** Cancels an order that has not shipped; `creditNote`: credit its amount on the invoice. */
export async function cancelFulfilmentOrder(
  ctx: Ctx,
  id: string,
  input: { reason: string; credit_note?: boolean | undefined },
): Promise<FulfilmentOrder> {
  const row = await lockFulfilmentOrder(ctx, id);
  assertAction(row, "cancel");
  let creditNoteId: string | null = null;
  if (input.credit_note) {
    assertMayCredit(ctx);
    const note = await createCreditNote(ctx, row.invoice_id, {
      lines: await creditOf(ctx, row),
      reason: input.reason,
    });
    creditNoteId = note.id;
  }
  return recordCancellation(ctx, row, { reason: input.reason, creditNoteId });
}

/** A refundable credit note for a delivered or returned order's amount (once per order). */
export async function refundFulfilmentOrder(
  ctx: Ctx,
  id: string,
  input: { reason?: string | undefined },
): Promise<FulfilmentOrder> {
  const row = await lockFulfilmentOrder(ctx, id);
  assertRefundable(row);
  assertMayCredit(ctx);
  const note = await createCreditNote(ctx, row.invoice_id, {
    lines: await creditOf(ctx, row),
    reason: input.reason ?? `Refund of order ${row.number ?? row.id}`,
  });
  return recordRefund(ctx, row, note.id);
}
