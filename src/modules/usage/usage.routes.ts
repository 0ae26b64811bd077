import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader, IdParams, Page, PageQuery } from "../schemas.js";
import { deleteUsage, ingestBatch, listUsage, MAX_BATCH, postUsage } from "./usage.service.js";

const Quantity = Type.String({ pattern: "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,8})?$" });

const usageFields = {
  component_id: Type.String({ maxLength: 64 }),
  quantity: Quantity,
  due_date: Type.Optional(
    Type.String({ format: "date-time", maxLength: 64, description: "Default: the tenant's now" }),
  ),
  memo: Type.Optional(Type.String({ maxLength: 500 })),
  key: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: "De-duplication key, unique per contract: a repeated key is not stored twice",
    }),
  ),
};

export const UsageSchema = Type.Object(
  {
    id: Type.String(),
    contract_id: Type.String(),
    component_id: Type.String(),
    quantity: Type.String(),
    due_date: Type.String({ format: "date-time" }),
    memo: Type.Union([Type.String(), Type.Null()]),
    key: Type.Union([Type.String(), Type.Null()]),
    billed: Type.Boolean(),
    invoice_id: Type.Union([Type.String(), Type.Null()]),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "Usage" },
);

const UsageParams = Type.Object({
  id: Type.String({ maxLength: 64 }),
  usage_id: Type.String({ maxLength: 64 }),
});

export const usageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/contracts/:id/usage",
    {
      config: { operation: "usage.create" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object(usageFields, { additionalProperties: false }),
        response: { 200: UsageSchema, 201: UsageSchema },
      },
    },
    // one statement writes the event with its audit record (postUsage)
    (req, reply) =>
      runMutation(
        req,
        reply,
        async (ctx) => {
          const { record, duplicate } = await postUsage(ctx, req.params.id, req.body);
          return { status: duplicate ? 200 : 201, body: record };
        },
        { oneStatement: true },
      ),
  );

  app.get(
    "/contracts/:id/usage",
    {
      config: { operation: "usage.list" },
      schema: { params: IdParams, querystring: PageQuery, response: { 200: Page(UsageSchema) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listUsage(ctx, req.params.id, { limit: req.query.limit ?? 20, cursor: req.query.cursor }),
      ),
  );

  app.delete(
    "/contracts/:id/usage/:usage_id",
    { config: { operation: "usage.delete" }, schema: { params: UsageParams } },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await deleteUsage(ctx, req.params.id, req.params.usage_id);
        return { status: 204, body: undefined };
      }),
  );

  app.post(
    "/usage/batch",
    {
      config: { operation: "usage.ingest" },
      schema: {
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            events: Type.Array(
              Type.Object(
                { contract_id: Type.String({ maxLength: 64 }), ...usageFields },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: MAX_BATCH },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            accepted: Type.Integer({ description: "Events stored" }),
            duplicates: Type.Integer({
              description: "Events skipped: their key was stored already",
            }),
          }),
        },
      },
    },
    // one statement writes the events with their audit records (ingestBatch)
    (req, reply) =>
      runMutation(
        req,
        reply,
        async (ctx) => ({ status: 200, body: await ingestBatch(ctx, req.body.events) }),
        { oneStatement: true },
      ),
  );
};
