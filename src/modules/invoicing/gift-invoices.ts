/**
 * The invoice of a gift (Chargebee: a gift's invoice, billed to the gifter): the first
 * invoice of the gifted subscription as billing computes it (a signup's settlement preview,
 * see src/workflows/gifts.ts), issued to the gifter at once. Its lines are the preview's —
 * descriptions, service periods, quantities, unit prices, amounts and tax rates — with no
 * contract and no charge key: no contract of the gifter's bills them, and the recipient's
 * contract never does (it is billed until the end of the gifted term).
 */
import { fromDecimalString } from "../../domain/money/money.js";
import type { Ctx } from "../context.js";
import { findCustomer } from "../customers/index.js";
import { findEntity } from "../entities/index.js";
import { createDocument, type Invoice, toInvoice } from "./documents.js";
import { linesOf } from "./invoicing.repository.js";
import type { BillingPreview } from "./preview.js";

/** Issues `preview` as an invoice of `customerId` (locked, guarded by the caller's rules). */
export async function issuePreviewInvoice(
  ctx: Ctx,
  customerId: string,
  preview: BillingPreview,
): Promise<Invoice> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId, { forUpdate: true });
  if (!customer) throw new Error(`no customer ${customerId}`);
  await ctx.guard({ kind: "customer", row: customer });
  const entity = await findEntity(ctx, customer.business_entity_id);
  if (!entity) throw new Error(`no business entity ${customer.business_entity_id}`);
  const row = await createDocument(ctx, {
    kind: "invoice",
    entity,
    customer,
    contractId: null,
    currency: preview.currency,
    priceBasis: preview.price_basis,
    reverseCharge: preview.reverse_charge,
    lines: preview.lines.map((l) => ({
      kind: l.kind,
      chargeKey: null,
      contractId: null,
      description: l.description,
      periodStart: l.period_start,
      periodEnd: l.period_end,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      amount: fromDecimalString(l.amount, preview.currency),
      taxRate: l.tax_rate,
    })),
    draft: false,
  });
  return toInvoice(row, await linesOf(ctx.db, ctx.tenantId, row.id));
}
