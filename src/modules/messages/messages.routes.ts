import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader, IdParams, Page, PageQuery } from "../schemas.js";
import { MessageSchema } from "./messages.schemas.js";
import { listMessages, resendMessage } from "./messages.service.js";
import {
  MessageTemplateSchema,
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

/** A customer's message log and resending a message. */
export const messageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/customers/:id/messages",
    {
      config: { operation: "messages.list" },
      schema: { params: IdParams, querystring: PageQuery, response: { 200: Page(MessageSchema) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listMessages(ctx, req.params.id, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
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
};

/** A tenant's message templates: `/v1/message_templates`. */
export const messageTemplateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/message_templates",
    {
      config: { operation: "message_templates.list" },
      schema: { response: { 200: Type.Object({ data: Type.Array(MessageTemplateSchema) }) } },
    },
    (req) => runRead(req, (ctx) => listMessageTemplates(ctx)),
  );

  app.put(
    "/message_templates/:kind/:language",
    {
      config: { operation: "message_templates.put" },
      schema: {
        headers: IdempotencyHeader,
        params: TemplateParams,
        body: TemplateInput,
        response: { 200: MessageTemplateSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await putMessageTemplate(ctx, req.params.kind, req.params.language, req.body),
      })),
  );

  app.delete(
    "/message_templates/:kind/:language",
    {
      config: { operation: "message_templates.delete" },
      schema: { headers: IdempotencyHeader, params: TemplateParams },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await deleteMessageTemplate(ctx, req.params.kind, req.params.language);
        return { status: 204, body: undefined };
      }),
  );

  app.get(
    "/message_templates/:kind/:language/preview",
    {
      config: { operation: "message_templates.preview" },
      schema: { params: TemplateParams, response: { 200: TemplatePreviewSchema } },
    },
    (req) =>
      runRead(req, (ctx) => previewMessageTemplate(ctx, req.params.kind, req.params.language)),
  );
};
