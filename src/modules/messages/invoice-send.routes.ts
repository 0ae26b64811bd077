import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation } from "../../http/execute.js";
import { sendInvoice } from "../../workflows/invoice-send.js";
import { IdempotencyHeader, IdParams } from "../schemas.js";
import { MessageSchema } from "./messages.schemas.js";

/** Sending an issued invoice or credit note to its customer again. */
export const invoiceSendRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/invoices/:id/send",
    {
      config: { operation: "invoices.send" },
      schema: {
        description:
          "Sends an issued invoice or credit note to its customer again: the message of its issue, composed anew for the customer's billing contacts (else its own address) and queued now, one per recipient, with the PDF attached when sent. A draft or void document is refused (422 document_not_issued), a customer with no address to write to too (422 message_recipient_missing). With an Idempotency-Key a retry sends nothing twice.",
        headers: IdempotencyHeader,
        params: IdParams,
        response: {
          201: Type.Object({
            invoice_id: Type.String(),
            messages: Type.Array(MessageSchema, { description: "The messages queued" }),
          }),
        },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await sendInvoice(ctx, req.params.id, { defaultSender: app.messageSender }),
      })),
  );
};
