import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { messageAttachment } from "../../workflows/messages.js";
import { CountedPage, IdempotencyHeader, IdParams, PageQuery } from "../schemas.js";
import { BounceInput, MessageSchema } from "./messages.schemas.js";
import { bounceMessage, listMessages, resendMessage } from "./messages.service.js";
import {
  MessageTemplateSchema,
  TemplateEntityQuery,
  TemplateInput,
  TemplateParams,
  TemplatePreviewSchema,
} from "./templates.schemas.js";
import {
  deleteMessageTemplate,
  listMessageTemplates,
  previewMessageTemplate,
  putMessageTemplate,
} from "./templates.service.js";

/** A customer's message log, resending a message, a bounce, a message's linked PDF. */
export const messageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/customers/:id/messages",
    {
      config: { operation: "messages.list" },
      schema: {
        params: IdParams,
        querystring: Type.Object(
          {
            ...PageQuery.properties,
            include_total: Type.Optional(
              Type.Boolean({
                description:
                  "Also answer total_count: how many messages the customer has, counted by one more query",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: CountedPage(MessageSchema, "how many messages the customer has"),
        },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        listMessages(ctx, req.params.id, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          includeTotal: req.query.include_total,
        }),
      ),
  );

  app.post(
    "/messages/:id/resend",
    {
      config: { operation: "messages.resend" },
      schema: { headers: IdempotencyHeader, params: IdParams, response: { 201: MessageSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await resendMessage(ctx, req.params.id),
      })),
  );

  app.post(
    "/messages/:id/bounce",
    {
      config: { operation: "messages.bounce" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: BounceInput,
        response: { 200: MessageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await bounceMessage(ctx, req.params.id, req.body.reason),
      })),
  );

  app.get(
    "/message_attachments/:token",
    {
      config: { operation: "messages.attachment" },
      schema: {
        params: Type.Object({ token: Type.String({ maxLength: 2048 }) }),
        response: {
          200: Type.String({
            contentMediaType: "application/pdf",
            description: "The PDF document",
          }),
        },
      },
    },
    async (req, reply) => {
      // the link is the credential; it expires on real time, as mail is sent on it
      const pdf = await messageAttachment(app.db, req.params.token, new Date());
      return sendPdf(reply, pdf.name, pdf.bytes);
    },
  );
};

function sendPdf(reply: FastifyReply, name: string, bytes: Buffer) {
  return reply
    .type("application/pdf")
    .header("content-disposition", `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`)
    .header("cache-control", "private, no-store")
    .send(bytes);
}

/** A tenant's message templates: `/v1/message_templates`. */
export const messageTemplateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/message_templates",
    {
      config: { operation: "message_templates.list" },
      schema: {
        querystring: TemplateEntityQuery,
        response: { 200: Type.Object({ data: Type.Array(MessageTemplateSchema) }) },
      },
    },
    (req) => runRead(req, (ctx) => listMessageTemplates(ctx, req.query.business_entity_id)),
  );

  app.put(
    "/message_templates/:kind/:language",
    {
      config: { operation: "message_templates.put" },
      schema: {
        headers: IdempotencyHeader,
        params: TemplateParams,
        querystring: TemplateEntityQuery,
        body: TemplateInput,
        response: { 200: MessageTemplateSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await putMessageTemplate(
          ctx,
          req.params.kind,
          req.params.language,
          req.body,
          req.query.business_entity_id,
        ),
      })),
  );

  app.delete(
    "/message_templates/:kind/:language",
    {
      config: { operation: "message_templates.delete" },
      schema: {
        headers: IdempotencyHeader,
        params: TemplateParams,
        querystring: TemplateEntityQuery,
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await deleteMessageTemplate(
          ctx,
          req.params.kind,
          req.params.language,
          req.query.business_entity_id,
        );
        return { status: 204, body: undefined };
      }),
  );

  app.get(
    "/message_templates/:kind/:language/preview",
    {
      config: { operation: "message_templates.preview" },
      schema: {
        params: TemplateParams,
        querystring: TemplateEntityQuery,
        response: { 200: TemplatePreviewSchema },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        previewMessageTemplate(
          ctx,
          req.params.kind,
          req.params.language,
          req.query.business_entity_id,
        ),
      ),
  );
};
