/** Regenerating a contract's invoice after it was voided, and its estimate. */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader, IdParams } from "../schemas.js";
import { PreviewSchema, SettlementSchema } from "./invoicing.schemas.js";
import { regenerateInvoice, regenerateInvoicePreview } from "./regenerate.js";

export const regenerateInvoiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/contracts/:id/regenerate_invoice",
    {
      config: { operation: "contracts.regenerate_invoice" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: SettlementSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await regenerateInvoice(ctx, req.params.id),
      })),
  );

  app.get(
    "/contracts/:id/regenerate_invoice_preview",
    {
      config: { operation: "contracts.regenerate_invoice_preview" },
      schema: { params: IdParams, response: { 200: PreviewSchema } },
    },
    (req) => runRead(req, (ctx) => regenerateInvoicePreview(ctx, req.params.id)),
  );
};
