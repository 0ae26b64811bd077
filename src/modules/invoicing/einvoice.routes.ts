/** Sending issued invoices and credit notes as EN 16931 e-invoices, and their XML. */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import type { OperationId } from "../../domain/operations.js";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader, IdParams } from "../schemas.js";
import { einvoiceXml, sendEInvoice } from "./einvoices.js";

const EInvoiceSchema = Type.Object(
  {
    id: Type.String(),
    document_id: Type.String(),
    format: Type.String({ description: "cii_en16931: UN/CEFACT CII, Factur-X EN 16931 profile" }),
    status: Type.Union([
      Type.Literal("scheduled"),
      Type.Literal("in_progress"),
      Type.Literal("success"),
      Type.Literal("failed"),
    ]),
    reference_number: Type.Union([Type.String(), Type.Null()]),
    message: Type.Union([Type.String(), Type.Null()], {
      description: "Why the last attempt failed: the EN 16931 business terms the document lacks",
    }),
    attempts: Type.Integer(),
    created_at: Type.String({ format: "date-time" }),
    updated_at: Type.String({ format: "date-time" }),
  },
  { $id: "EInvoice" },
);

export const EINVOICE_SCHEMAS = [EInvoiceSchema] as const;

const SEND =
  "Writes the issued document as an EN 16931 e-invoice (UN/CEFACT CII, Factur-X / ZUGFeRD EN 16931 profile) and delivers it through the `einvoice.sent` event, which carries the URL of the XML. When the document lacks what EN 16931 requires, the e-invoice is recorded `failed` with the missing business terms and `einvoice.failed` is sent; correct the data and resend. A draft or void document is refused (409 einvoice_document_not_issued), and so is a second send (409 einvoice_already_sent).";
const RESEND =
  "Sends a failed e-invoice again, written from the document as it is now. Only a failed one is sent again (409 einvoice_not_failed).";

export const einvoiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const mutation = (
    path: string,
    operation: OperationId,
    kind: "invoice" | "credit_note",
    resend: boolean,
  ) =>
    app.post(
      path,
      {
        config: { operation },
        schema: {
          description: resend ? RESEND : SEND,
          headers: IdempotencyHeader,
          params: IdParams,
          response: { 200: Type.Ref("EInvoice") },
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 200,
          body: await sendEInvoice(ctx, req.params.id, { kind, resend }),
        })),
    );
  mutation("/invoices/:id/send_einvoice", "invoices.send_einvoice", "invoice", false);
  mutation("/invoices/:id/resend_einvoice", "invoices.resend_einvoice", "invoice", true);
  mutation("/credit_notes/:id/send_einvoice", "credit_notes.send_einvoice", "credit_note", false);
  mutation(
    "/credit_notes/:id/resend_einvoice",
    "credit_notes.resend_einvoice",
    "credit_note",
    true,
  );

  app.get(
    "/invoices/:id/einvoice",
    {
      config: { operation: "invoices.einvoice" },
      schema: {
        description:
          "The issued invoice or credit note as an EN 16931 e-invoice (UN/CEFACT CII XML, Factur-X / ZUGFeRD EN 16931 profile). 409 einvoice_document_not_issued for a draft or void document; 422 einvoice_incomplete names the business terms it lacks.",
        params: IdParams,
        response: {
          200: Type.String({ contentMediaType: "application/xml", description: "The XML" }),
        },
      },
    },
    async (req, reply) => {
      const doc = await runRead(req, (ctx) => einvoiceXml(ctx, req.params.id));
      return reply
        .type("application/xml; charset=utf-8")
        .header(
          "content-disposition",
          `inline; filename="${doc.name.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
        )
        .header("cache-control", "private, no-store")
        .send(doc.xml);
    },
  );
};
