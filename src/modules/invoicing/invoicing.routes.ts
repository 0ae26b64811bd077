import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { runBilling } from "../../workflows/billing-run.js";
import { voidInvoice } from "../../workflows/documents.js";
import { stopDunning } from "../../workflows/dunning.js";
import { inContext, readContext } from "../../workflows/unit-of-work.js";
import { clockFor } from "../clock/index.js";
import { ContractSchema } from "../contracts/index.js";
import { CountedPage, IdempotencyHeader, IdParams, Page, PageQuery } from "../schemas.js";
import { TaxPolicySchema } from "../taxes/index.js";
import { listBillingRuns, retrySettlement } from "./billing-runs.js";
import { createDownloadLink, verifyLink } from "./document-links.js";
import {
  createCreditNote,
  deleteDraftCreditNote,
  deleteDraftInvoice,
  documentPdf,
  finalizeInvoice,
  getInvoice,
  listInvoices,
  updateInvoiceDetails,
} from "./documents.js";
import {
  BillingRunSchema,
  ChargeInvoiceBody,
  ChargeLineBody,
  CreditNoteBody,
  DeleteLinesBody,
  ImportDocumentBody,
  InvoiceDetailsBody,
  InvoiceListQuery,
  InvoiceSchema,
  PreviewSchema,
  SettlementSchema,
} from "./invoicing.schemas.js";
import {
  addChargeToDraft,
  createChargeInvoice,
  deleteDraftLines,
  importDocument,
} from "./one-off-charges.js";
import { previewSettlement } from "./preview.js";
import { settleContract } from "./settle.js";
import { syncDraftUsages } from "./sync-usages.js";

const pdfSchema = {
  200: Type.String({ contentMediaType: "application/pdf", description: "The PDF document" }),
};

/**
 * The shared schemas these routes refer to. Added on the root instance (src/http/app.ts): a
 * plugin that adds schemas of its own gets Fastify's default validator (Ajv, which coerces
 * types and drops unknown fields) instead of the TypeBox one every route is checked with.
 */
export const INVOICING_SCHEMAS = [InvoiceSchema, BillingRunSchema, TaxPolicySchema] as const;

export const invoicingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/invoices",
    {
      config: { operation: "invoices.list" },
      schema: {
        querystring: InvoiceListQuery,
        response: {
          200: CountedPage(Type.Ref("Invoice"), "how many documents match the filters"),
        },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        listInvoices(ctx, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          customerId: req.query.customer_id,
          contractId: req.query.contract_id,
          correctsInvoiceId: req.query.corrects_invoice_id,
          status: req.query.status,
          kind: req.query.kind,
          issueDateFrom: req.query.issue_date_from,
          issueDateTo: req.query.issue_date_to,
          order: req.query.order,
          sort: req.query.sort,
          includeTotal: req.query.include_total,
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
        return documentPdf(ctx.db, ctx.tenantId, invoice);
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
      const { tenantId, documentId, clock } = await verifyLink(app.db, req.params.token);
      // the link is the credential: a read in the tenant's name, which writes nothing
      const ctx = readContext(app.db, {
        tenantId,
        actor: { type: "system", id: "download-link" },
        permissions: new Set<string>(),
        clock,
        requestId: req.id,
        operation: "documents.download",
      });
      const invoice = await getInvoice(ctx, documentId);
      const pdf = await documentPdf(app.db, tenantId, invoice);
      return sendPdf(reply, pdf.name, pdf.bytes);
    },
  );

  app.post(
    "/invoices",
    {
      config: { operation: "invoices.create" },
      schema: {
        headers: IdempotencyHeader,
        body: ChargeInvoiceBody,
        response: { 201: Type.Ref("Invoice") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createChargeInvoice(ctx, req.body),
      })),
  );

  app.post(
    "/invoices/import",
    {
      config: { operation: "invoices.import" },
      schema: {
        headers: IdempotencyHeader,
        body: ImportDocumentBody,
        response: { 201: Type.Ref("Invoice") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await importDocument(ctx, req.body),
      })),
  );

  app.post(
    "/invoices/:id/add_charge",
    {
      config: { operation: "invoices.add_charge" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: ChargeLineBody,
        response: { 200: Type.Ref("Invoice") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await addChargeToDraft(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/invoices/:id/sync_usages",
    {
      config: { operation: "invoices.sync_usages" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: Type.Ref("Invoice") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await syncDraftUsages(ctx, req.params.id),
      })),
  );

  app.post(
    "/invoices/:id/delete_line_items",
    {
      config: { operation: "invoices.delete_lines" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: DeleteLinesBody,
        response: { 200: Type.Ref("Invoice") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await deleteDraftLines(ctx, req.params.id, req.body),
      })),
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
    "/invoices/:id/update_details",
    {
      config: { operation: "invoices.update_details" },
      schema: {
        description:
          "Changes a draft or issued invoice's purchase order number, notes or the billing address it shows. Its number, dates, lines and amounts never change; a void invoice is not changed (422 invoice_void).",
        headers: IdempotencyHeader,
        params: IdParams,
        body: InvoiceDetailsBody,
        response: { 200: Type.Ref("Invoice") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateInvoiceDetails(ctx, req.params.id, req.body),
      })),
  );

  app.delete(
    "/invoices/:id",
    {
      config: { operation: "invoices.delete" },
      schema: {
        description:
          "Deletes a draft invoice; what it billed (charges, usage, rated items) is billed again by the contract's next settlement. An issued invoice is corrected by a credit note instead (422 invoice_not_draft).",
        headers: IdempotencyHeader,
        params: IdParams,
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await deleteDraftInvoice(ctx, req.params.id);
        return { status: 204, body: undefined };
      }),
  );

  app.post(
    "/invoices/:id/stop_dunning",
    {
      config: { operation: "invoices.stop_dunning" },
      schema: {
        description:
          "Stops dunning an issued invoice that still owes: the dunning worker notices no further steps for it. What it owes does not change.",
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: Type.Ref("Invoice") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await stopDunning(ctx, req.params.id),
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

  app.delete(
    "/credit_notes/:id",
    {
      config: { operation: "credit_notes.delete" },
      schema: {
        description:
          "Deletes a draft credit note (one created with `draft: true`, or by a settlement left as a draft); it never credited anything. An issued credit note is voided instead (422 credit_note_not_draft); an invoice is not a credit note (422 document_not_credit_note).",
        headers: IdempotencyHeader,
        params: IdParams,
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await deleteDraftCreditNote(ctx, req.params.id);
        return { status: 204, body: undefined };
      }),
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

  app.post(
    "/contracts/:id/settlement/retry",
    {
      config: { operation: "contracts.retry_settlement" },
      schema: {
        description:
          "Un-parks a contract whose settlement failed 5 times in a row (or clears the failures of one waiting for its next attempt): billing settles it at the tenant's now, and parks it again only after 5 new failures. 409 settlement_not_failed when no settlement of it failed.",
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: ContractSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await retrySettlement(ctx, req.params.id),
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
      runRead(req, (ctx) =>
        listBillingRuns(ctx, { limit: req.query.limit ?? 20, cursor: req.query.cursor }),
      ),
  );
};

function sendPdf(reply: import("fastify").FastifyReply, name: string, bytes: Buffer) {
  return reply
    .type("application/pdf")
    .header("content-disposition", `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`)
    .header("cache-control", "private, no-store")
    .send(bytes);
}
