/**
 * Sending issued invoices and credit notes as EN 16931 e-invoices (CII, Factur-X / ZUGFeRD
 * "EN 16931" profile; src/domain/invoicing/einvoice.ts writes them). Sending writes the
 * document, records the outcome on the document's e-invoice record and hands the document to
 * the tenant's outbound channel: the `einvoice.sent` event, delivered to webhook endpoints
 * after commit, carries the URL of the XML. A document EN 16931 cannot be written from (a
 * missing country, no seller tax identifier, …) records `failed` with what it lacks; once the
 * data is corrected it is sent again with resend, which only a failed record allows.
 */
import { conflict, unprocessable } from "../../domain/errors.js";
import {
  buildEInvoice,
  EINVOICE_FORMAT,
  type EInvoiceParty,
  type EInvoiceSource,
} from "../../domain/invoicing/einvoice.js";
import { fromDecimalString } from "../../domain/money/index.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../context.js";
import { type CustomerRow, findCustomer } from "../customers/index.js";
import { getInvoice, type Invoice, loadForChange, type Party } from "./documents.js";
import { documentNumber } from "./documents.repository.js";
import {
  type EInvoiceRow,
  findEInvoice,
  insertEInvoice,
  updateEInvoice,
} from "./einvoices.repository.js";

export type EInvoice = {
  id: string;
  document_id: string;
  format: string;
  status: EInvoiceRow["status"];
  reference_number: string | null;
  message: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
};

const toEInvoice = (r: EInvoiceRow): EInvoice => ({
  id: r.id,
  document_id: r.document_id,
  format: r.format,
  status: r.status,
  reference_number: r.reference_number,
  message: r.message,
  attempts: r.attempts,
  created_at: r.created_at.toISOString(),
  updated_at: r.updated_at.toISOString(),
});

const partyOf = (p: Party): EInvoiceParty => ({
  name: p.name,
  address: {
    line1:
      p.address.line1 ??
      ([p.address.street, p.address.house_number].filter(Boolean).join(" ") || null),
    line2: p.address.line2 ?? null,
    postal_code: p.address.postal_code ?? null,
    city: p.address.city ?? null,
    country: p.address.country ?? null,
  },
  vat_id: p.vat_id,
  tax_number: p.tax_number,
  email: p.email,
});

/** The stored document in the e-invoice's terms: amounts back to minor units, exactly. */
function sourceOf(i: Invoice, correctsNumber: string | null): EInvoiceSource {
  const units = (v: string) => fromDecimalString(v, i.currency).amount;
  return {
    kind: i.kind,
    number: i.number ?? "",
    issue_date: i.issue_date,
    due_date: i.due_date,
    currency: i.currency,
    price_basis: i.price_basis,
    seller: partyOf(i.sender),
    buyer: partyOf(i.recipient),
    lines: i.lines.map((l) => ({
      description: l.description,
      period_start: l.period_start,
      period_end: l.period_end,
      quantity: l.quantity,
      amount: units(l.amount),
      tax_rate: l.tax_rate,
    })),
    tax_rows: i.tax_rows.map((t) => ({
      rate: t.rate,
      net: units(t.net),
      tax: units(t.tax),
      gross: units(t.gross),
    })),
    total_net: units(i.total_net),
    total_tax: units(i.total_tax),
    total_gross: units(i.total_gross),
    credits_applied: units(i.credits_applied),
    reverse_charge: i.reverse_charge,
    service_period_start: i.service_period_start,
    service_period_end: i.service_period_end,
    po_number: i.po_number,
    notes: i.notes,
    corrects_invoice_number: correctsNumber,
  };
}

function assertIssued(i: { id: string; status: string }): void {
  if (i.status !== "finalized") {
    throw conflict(
      "einvoice_document_not_issued",
      `only an issued document is an e-invoice; this one is ${i.status}`,
      { id: i.id, status: i.status },
    );
  }
}

/** The customer's electronic address (BT-49), when both its scheme and identifier are set. */
const endpointOf = (c: CustomerRow | undefined) =>
  c?.einvoice_scheme && c.einvoice_endpoint_id
    ? { scheme: c.einvoice_scheme, id: c.einvoice_endpoint_id }
    : null;

async function build(ctx: Ctx, invoice: Invoice, endpoint: EInvoiceParty["endpoint"]) {
  const corrects = invoice.corrects_invoice_id
    ? ((await documentNumber(ctx.db, ctx.tenantId, invoice.corrects_invoice_id)) ?? null)
    : null;
  const source = sourceOf(invoice, corrects);
  return buildEInvoice({ ...source, buyer: { ...source.buyer, endpoint } });
}

/** The e-invoice XML of an issued document (GET …/einvoice), with its file name. */
export async function einvoiceXml(ctx: Ctx, id: string): Promise<{ name: string; xml: string }> {
  const invoice = await getInvoice(ctx, id);
  assertIssued(invoice);
  const customer = await findCustomer(ctx.db, ctx.tenantId, invoice.customer_id);
  const result = await build(ctx, invoice, endpointOf(customer));
  if (!result.ok) {
    throw unprocessable(
      "einvoice_incomplete",
      `the document lacks what EN 16931 requires: ${result.problems.join("; ")}`,
      { id, problems: result.problems },
    );
  }
  return { name: `${invoice.number ?? invoice.id}.xml`, xml: result.xml };
}

/**
 * Sends (or, with `resend`, sends again after a failure) an issued invoice or credit note as
 * an e-invoice. The outcome is recorded either way; the answer is the e-invoice record.
 */
export async function sendEInvoice(
  ctx: Ctx,
  id: string,
  input: { kind: "invoice" | "credit_note"; resend: boolean },
): Promise<EInvoice> {
  const row = await loadForChange(ctx, id);
  if (row.kind !== input.kind) {
    throw input.kind === "invoice"
      ? unprocessable(
          "document_not_invoice",
          `${id} is a credit note; send it through /v1/credit_notes`,
          { id },
        )
      : unprocessable(
          "document_not_credit_note",
          `${id} is an invoice; send it through /v1/invoices`,
          { id },
        );
  }
  assertIssued(row);
  const customer = await findCustomer(ctx.db, ctx.tenantId, row.customer_id);
  if (!customer?.einvoicing) {
    throw unprocessable(
      "customer_einvoicing_disabled",
      "the customer does not receive e-invoices; turn on its `einvoicing` first",
      { id, customer_id: row.customer_id },
    );
  }
  const existing = await findEInvoice(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!input.resend && existing) {
    throw conflict(
      "einvoice_already_sent",
      `the document was sent as an e-invoice already (${existing.status}); resend it after a failure`,
      { id, status: existing.status },
    );
  }
  if (input.resend && existing?.status !== "failed") {
    throw conflict(
      "einvoice_not_failed",
      existing
        ? `only a failed e-invoice is sent again; this one is ${existing.status}`
        : "the document was never sent as an e-invoice; send it first",
      { id, status: existing?.status ?? null },
    );
  }
  const invoice = await getInvoice(ctx, id);
  const result = await build(ctx, invoice, endpointOf(customer));
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const values = {
    status: result.ok ? ("success" as const) : ("failed" as const),
    reference_number: result.ok ? `${EINVOICE_FORMAT}:${invoice.number}` : null,
    message: result.ok ? null : result.problems.join("; "),
    attempts: (existing?.attempts ?? 0) + 1,
    updated_at: now,
  };
  const saved = existing
    ? await updateEInvoice(ctx.db, ctx.tenantId, existing.id, values)
    : await insertEInvoice(ctx.db, {
        id: newId("einvoice"),
        tenant_id: ctx.tenantId,
        document_id: id,
        format: EINVOICE_FORMAT,
        created_at: now,
        ...values,
      });
  const after = toEInvoice(saved);
  ctx.audit({
    targetType: row.kind,
    targetId: id,
    before: existing ? { einvoice: existing.status } : null,
    after: { einvoice: after.status, attempts: after.attempts },
  });
  await ctx.emit({
    type: result.ok ? "einvoice.sent" : "einvoice.failed",
    subjectType: row.kind,
    subjectId: id,
    payload: {
      einvoice: after,
      document: { id, kind: row.kind, number: invoice.number },
      ...(result.ok ? { xml_url: `/v1/invoices/${id}/einvoice` } : {}),
    },
  });
  return after;
}
