/**
 * Billwerk `Invoices` (invoices and credit notes: `IsInvoice` false for a credit note),
 * `InvoiceDrafts` (send = issue the draft), and `downloadLink` over the invoicing module.
 * Amounts are JSON numbers, as Billwerk sends them.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { unprocessable } from "../../domain/errors.js";
import { runMutation, runRead } from "../../http/execute.js";
import type { Ctx } from "../../modules/context.js";
import { externalIdsOf } from "../../modules/customers/index.js";
import {
  createDownloadLink,
  finalizeInvoice,
  getInvoice,
  type Invoice,
  listInvoices,
  type Party,
} from "../../modules/invoicing/index.js";
import { ADDRESS_FIELDS } from "./customers.js";
import { BwListQuery, bwTimestamp, paging } from "./wire.js";

const num = (s: string) => Number(s);
const day = (d: string | null) => bwTimestamp(d);

function bwAddress(p: Party): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [bw, native] of Object.entries(ADDRESS_FIELDS)) {
    const value = (p.address as Record<string, string | undefined>)[native];
    if (value !== undefined) out[bw] = value;
  }
  return out;
}

/** The list shape (InvoiceListDTO). */
function toBwInvoiceSummary(i: Invoice, external: Map<string, string | null>) {
  return {
    Id: i.id,
    InvoiceNumber: i.number,
    CustomerId: i.customer_id,
    ContractId: i.contract_id,
    ExternalCustomerId: external.get(i.customer_id) ?? null,
    SentAt: bwTimestamp(i.finalized_at),
    DueDate: day(i.due_date),
    Created: bwTimestamp(i.created_at),
    DocumentDate: day(i.issue_date),
    RecipientName: i.recipient.name,
    RecipientSubName: i.recipient.sub_name,
    RecipientAddress: bwAddress(i.recipient),
    Currency: i.currency,
    TotalNet: num(i.total_net),
    TotalVat: num(i.total_tax),
    TotalGross: num(i.total_gross),
    IsInvoice: i.kind === "invoice",
    IsVoid: i.status === "void",
  };
}

/** The detail shape (InvoiceDetailDTO). */
function toBwInvoice(i: Invoice, external: Map<string, string | null>) {
  return {
    ...toBwInvoiceSummary(i, external),
    SenderName: i.sender.name,
    SenderAddress: bwAddress(i.sender),
    SenderVatId: i.sender.vat_id,
    SenderTaxNumber: i.sender.tax_number,
    RecipientVatId: i.recipient.vat_id,
    RecipientTaxNumber: i.recipient.tax_number,
    DeliveryPeriodStart: day(i.service_period_start),
    DeliveryPeriodEnd: day(i.service_period_end),
    ReverseCharge: i.reverse_charge,
    ItemList: i.lines.map((l) => ({
      Description: l.description,
      PeriodStart: day(l.period_start),
      PeriodEnd: day(l.period_end),
      Quantity: num(l.quantity),
      PricePerUnit: num(l.unit_price),
      TotalNet: i.price_basis === "net" ? num(l.amount) : null,
      TotalGross: i.price_basis === "gross" ? num(l.amount) : null,
      VatPercentage: num(l.tax_rate),
    })),
    VatDescriptors: i.tax_rows.map((r) => ({
      VatPercentage: num(r.rate),
      TotalNet: num(r.net),
      TotalVat: num(r.tax),
    })),
  };
}

const externalIds = (ctx: Ctx, invoices: Invoice[]): Promise<Map<string, string | null>> =>
  externalIdsOf(ctx.db, ctx.tenantId, [...new Set(invoices.map((i) => i.customer_id))]);

const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });

async function draftOf(ctx: Ctx, id: string): Promise<Invoice> {
  const invoice = await getInvoice(ctx, id);
  if (invoice.status !== "draft") {
    throw unprocessable("invoice_not_draft", `${id} is not an invoice draft`, { id });
  }
  return invoice;
}

export const billwerkInvoiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/Invoices",
    { config: { operation: "invoices.list" }, schema: { querystring: BwListQuery } },
    (req) =>
      runRead(req, async (ctx) => {
        // issued documents: drafts are InvoiceDrafts
        const page = await listInvoices(ctx, { ...paging(req.query), issued: true });
        const external = await externalIds(ctx, page.data);
        return page.data.map((i) => toBwInvoiceSummary(i, external));
      }),
  );

  app.get(
    "/Invoices/:id",
    { config: { operation: "invoices.get" }, schema: { params: Params } },
    (req) =>
      runRead(req, async (ctx) => {
        const invoice = await getInvoice(ctx, req.params.id);
        return toBwInvoice(invoice, await externalIds(ctx, [invoice]));
      }),
  );

  app.post(
    "/Invoices/:id/downloadLink",
    { config: { operation: "invoices.download_link" }, schema: { params: Params } },
    async (req, reply) => {
      const link = await runRead(req, (ctx) =>
        createDownloadLink(ctx, req.params.id, app.publicUrl),
      );
      reply.status(200);
      return { Url: link.url, Expiry: bwTimestamp(link.expires_at) };
    },
  );

  app.get(
    "/InvoiceDrafts",
    { config: { operation: "invoices.list" }, schema: { querystring: BwListQuery } },
    (req) =>
      runRead(req, async (ctx) => {
        const page = await listInvoices(ctx, { ...paging(req.query), status: "draft" });
        const external = await externalIds(ctx, page.data);
        return page.data.map((i) => toBwInvoice(i, external));
      }),
  );

  app.get(
    "/InvoiceDrafts/:id",
    { config: { operation: "invoices.get" }, schema: { params: Params } },
    (req) =>
      runRead(req, async (ctx) => {
        const draft = await draftOf(ctx, req.params.id);
        return toBwInvoice(draft, await externalIds(ctx, [draft]));
      }),
  );

  app.post(
    "/InvoiceDrafts/:id",
    { config: { operation: "invoices.finalize" }, schema: { params: Params } },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await draftOf(ctx, req.params.id);
        const invoice = await finalizeInvoice(ctx, req.params.id);
        return { status: 200, body: toBwInvoice(invoice, await externalIds(ctx, [invoice])) };
      }),
  );
};
