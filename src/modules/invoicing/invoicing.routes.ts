import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { notFound } from "../../domain/errors.js";
import { runMutation, runRead } from "../../http/execute.js";
import { runBilling } from "../../workflows/billing-run.js";
import { inContext } from "../../workflows/unit-of-work.js";
import { clockFor } from "../clock/index.js";
import { fetchPage } from "../pagination.js";
import { IdempotencyHeader, IdParams, Page, PageQuery } from "../schemas.js";
import { previewSettlement, settleContract, toBillingRun } from "./billing.js";
import { createDownloadLink, verifyLink } from "./document-links.js";
import {
  createCreditNote,
  documentOf,
  finalizeInvoice,
  getInvoice,
  listInvoices,
  voidInvoice,
} from "./documents.js";
import {
  BillingRunSchema,
  BusinessEntitySchema,
  CreditNoteBody,
  InvoiceListQuery,
  InvoiceSchema,
  PreviewSchema,
  SettlementSchema,
  TaxPolicyBody,
  TaxPolicySchema,
} from "./invoicing.schemas.js";
import { renderDocumentPdf } from "./pdf.js";
import { createTaxPolicy, listTaxPolicies } from "./settings.js";

const pdfSchema = {
  200: Type.String({ contentMediaType: "application/pdf", description: "The PDF document" }),
};

/**
 * The shared schemas these routes refer to. Added on the root instance (src/http/app.ts): a
 * plugin that adds schemas of its own gets Fastify's default validator (Ajv, which coerces
 * types and drops unknown fields) instead of the TypeBox one every route is checked with.
 */
export const INVOICING_SCHEMAS = [
  InvoiceSchema,
  BillingRunSchema,
  TaxPolicySchema,
  BusinessEntitySchema,
] as const;

export const invoicingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/invoices",
    {
      config: { operation: "invoices.list" },
      schema: { querystring: InvoiceListQuery, response: { 200: Page(Type.Ref("Invoice")) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listInvoices(ctx, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          customerId: req.query.customer_id,
          contractId: req.query.contract_id,
          status: req.query.status,
          kind: req.query.kind,
        }),
      ),
  );

  app.get(
    "/invoices/:id",
    {
      config: { operation: "invoices.get" },
      schema: { params: IdParams, response: { 200: Type.Ref("Invoice") } },
    },
    (req) => runRead(req, (ctx) => getInvoice(ctx, req.params.id)),
  );

  app.get(
    "/invoices/:id/pdf",
    { config: { operation: "invoices.pdf" }, schema: { params: IdParams, response: pdfSchema } },
    async (req, reply) => {
      const pdf = await runRead(req, async (ctx) => {
        const invoice = await getInvoice(ctx, req.params.id);
        return renderPdf(ctx.db, ctx.tenantId, invoice);
      });
      return sendPdf(reply, pdf.name, pdf.bytes);
    },
  );

  app.post(
    "/invoices/:id/download_link",
    {
      config: { operation: "invoices.download_link" },
      schema: {
        params: IdParams,
        response: {
          201: Type.Object({
            url: Type.String(),
            expires_at: Type.String({ format: "date-time" }),
          }),
        },
      },
    },
    async (req, reply) => {
      const link = await runRead(req, (ctx) =>
        createDownloadLink(ctx, req.params.id, app.publicUrl),
      );
      reply.status(201);
      return link;
    },
  );

  app.get(
    "/documents/:token",
    {
      config: { operation: "documents.download" },
      schema: {
        params: Type.Object({ token: Type.String({ maxLength: 2048 }) }),
        response: pdfSchema,
      },
    },
    async (req, reply) => {
      const { tenantId, documentId } = await verifyLink(app.db, req.params.token);
      const tenant = await app.db
        .selectFrom("tenants")
        .select("test_clock_now")
        .where("id", "=", tenantId)
        .executeTakeFirst();
      if (!tenant) throw notFound("invalid_download_link", "the download link is not valid");
      const ctx = {
        tenantId,
        actor: { type: "system" as const, id: "download-link" },
        permissions: new Set<string>(),
        clock: clockFor(tenant.test_clock_now),
        requestId: req.id,
        db: app.db,
        audit: () => {
          throw new Error("a download does not write");
        },
        emit: async () => {
          throw new Error("a download does not write");
        },
      };
      const invoice = await getInvoice(ctx, documentId);
      const pdf = await renderPdf(app.db, tenantId, invoice);
      return sendPdf(reply, pdf.name, pdf.bytes);
    },
  );

  app.post(
    "/invoices/:id/finalize",
    {
      config: { operation: "invoices.finalize" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: Type.Ref("Invoice") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await finalizeInvoice(ctx, req.params.id),
      })),
  );

  app.post(
    "/invoices/:id/void",
    {
      config: { operation: "invoices.void" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: Type.Ref("Invoice") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await voidInvoice(ctx, req.params.id),
      })),
  );

  app.post(
    "/invoices/:id/credit_notes",
    {
      config: { operation: "invoices.credit" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(CreditNoteBody),
        response: { 201: Type.Ref("Invoice") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createCreditNote(ctx, req.params.id, req.body ?? {}),
      })),
  );

  app.post(
    "/contracts/:id/settle",
    {
      config: { operation: "contracts.settle" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            {
              draft: Type.Optional(
                Type.Boolean({ description: "Leave the document a draft (default: per tenant)" }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        response: { 200: SettlementSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await settleContract(ctx, req.params.id, {
          ...(req.body?.draft !== undefined ? { draft: req.body.draft } : {}),
        }),
      })),
  );

  app.get(
    "/contracts/:id/billing_preview",
    {
      config: { operation: "contracts.billing_preview" },
      schema: { params: IdParams, response: { 200: PreviewSchema } },
    },
    (req) => runRead(req, (ctx) => previewSettlement(ctx, req.params.id)),
  );

  app.post(
    "/billing_runs",
    {
      config: { operation: "billing_runs.create" },
      schema: {
        description:
          "Settles the tenant's due contracts now, in batches of up to 100, each batch in one transaction (a contract is settled entirely or not at all). Safe to repeat: a second run finds nothing due.",
        response: { 201: Type.Union([Type.Ref("BillingRun"), Type.Null()]) },
      },
    },
    async (req, reply) => {
      const principal = req.principal!;
      const runs = await runBilling(app.db, {
        tenantId: principal.tenantId,
        trigger: "api",
        limit: 100_000,
        log: req.log,
        systemNow: () => new Date(),
      });
      // the run commits batch by batch; the request's own audit record follows it
      await inContext(
        app.db,
        {
          tenantId: principal.tenantId,
          actor: principal.actor,
          requestId: req.id,
          operation: "billing_runs.create",
          clock: clockFor(principal.testClockNow),
          audit: "always",
        },
        async (ctx) => {
          const run = runs[0];
          if (run) ctx.audit({ targetType: "billing_run", targetId: run.id, after: run });
        },
      );
      reply.status(201);
      return runs[0] ?? null;
    },
  );

  app.get(
    "/billing_runs",
    {
      config: { operation: "billing_runs.list" },
      schema: { querystring: PageQuery, response: { 200: Page(Type.Ref("BillingRun")) } },
    },
    (req) =>
      runRead(req, async (ctx) => {
        let q = ctx.db.selectFrom("billing_runs").selectAll().where("tenant_id", "=", ctx.tenantId);
        if (req.query.cursor) q = q.where("id", "<", req.query.cursor);
        return fetchPage(
          req.query.limit ?? 20,
          (n) => q.orderBy("id", "desc").limit(n).execute(),
          toBillingRun,
        );
      }),
  );

  app.post(
    "/tax_policies",
    {
      config: { operation: "tax_policies.create" },
      schema: {
        headers: IdempotencyHeader,
        body: TaxPolicyBody,
        response: { 201: Type.Ref("TaxPolicy") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createTaxPolicy(ctx, req.body),
      })),
  );

  app.get(
    "/tax_policies",
    {
      config: { operation: "tax_policies.list" },
      schema: { querystring: PageQuery, response: { 200: Page(Type.Ref("TaxPolicy")) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listTaxPolicies(ctx, { limit: req.query.limit ?? 20, cursor: req.query.cursor }),
      ),
  );
};

async function renderPdf(
  db: import("kysely").Kysely<import("../../storage/schema.js").DB>,
  tenantId: string,
  invoice: import("./documents.js").Invoice,
): Promise<{ name: string; bytes: Buffer }> {
  const customer = await db
    .selectFrom("customers")
    .select("language")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", invoice.customer_id)
    .executeTakeFirst();
  const doc = documentOf(invoice, customer?.language ?? null);
  if (invoice.corrects_invoice_id) {
    const corrected = await db
      .selectFrom("invoices")
      .select("number")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", invoice.corrects_invoice_id)
      .executeTakeFirst();
    doc.corrects_invoice_number = corrected?.number ?? null;
  }
  return { name: `${invoice.number ?? invoice.id}.pdf`, bytes: await renderDocumentPdf(doc) };
}

function sendPdf(reply: import("fastify").FastifyReply, name: string, bytes: Buffer) {
  return reply
    .type("application/pdf")
    .header("content-disposition", `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`)
    .header("cache-control", "private, no-store")
    .send(bytes);
}
