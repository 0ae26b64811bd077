/**
 * The PDF of a quote, drawn by the same renderer as invoices (pdf.ts): the business entity
 * that bills the customer as sender, the customer as recipient, the quoted lines, tax rows
 * and totals as they were priced, the quote's date and the date it is valid until.
 */
import { Temporal } from "temporal-polyfill";
import { notFound } from "../../domain/errors.js";
import { localDate } from "../../domain/time/index.js";
import type { QuoteLine, TaxRow } from "../../storage/schema.js";
import type { Ctx } from "../context.js";
import { findCustomer } from "../customers/index.js";
import { findEntity } from "../entities/index.js";
import type { DocumentParty, InvoiceDocument } from "./document.js";
import { addressLines, type Party, recipientOf, senderOf } from "./documents.js";
import { renderDocumentPdf } from "./pdf.js";

/** What a quote's PDF shows: amounts as decimal strings in the quote's currency. */
export type QuoteDocumentInput = {
  id: string;
  customer_id: string;
  currency: string;
  price_basis: "net" | "gross";
  reverse_charge: boolean;
  lines: readonly QuoteLine[];
  tax_rows: readonly TaxRow[];
  total_net: string;
  total_tax: string;
  total_gross: string;
  created_at: Date;
  valid_until: Date;
};

const party = (p: Party): DocumentParty => ({
  name: p.name,
  sub_name: p.sub_name,
  address_lines: addressLines(p.address),
  vat_id: p.vat_id,
  tax_number: p.tax_number,
});

const instant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

/** The quote's PDF in its customer's language, with its file name. */
export async function quotePdf(
  ctx: Ctx,
  quote: QuoteDocumentInput,
): Promise<{ name: string; bytes: Buffer }> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, quote.customer_id);
  if (!customer) throw notFound("customer_not_found", `no customer ${quote.customer_id}`);
  const entity = await findEntity(ctx, customer.business_entity_id);
  if (!entity) throw new Error(`no business entity ${customer.business_entity_id}`);
  const tz = customer.time_zone;
  const doc: InvoiceDocument = {
    kind: "quote",
    number: quote.id,
    status: "finalized",
    issue_date: localDate(instant(quote.created_at), tz).toString(),
    due_date: localDate(instant(quote.valid_until), tz).toString(),
    currency: quote.currency,
    price_basis: quote.price_basis,
    sender: party(senderOf(entity)),
    recipient: party(recipientOf(customer)),
    lines: quote.lines.map((l) => ({
      description: l.description,
      period_start: l.period_start,
      period_end: l.period_end,
      quantity: l.quantity,
      unit_price: l.unit_price,
      amount: l.amount,
      tax_rate: l.tax_rate,
    })),
    tax_rows: [...quote.tax_rows],
    total_net: quote.total_net,
    total_tax: quote.total_tax,
    total_gross: quote.total_gross,
    reverse_charge: quote.reverse_charge,
    language: customer.locale ?? customer.language ?? null,
  };
  return { name: `${quote.id}.pdf`, bytes: await renderDocumentPdf(doc) };
}
