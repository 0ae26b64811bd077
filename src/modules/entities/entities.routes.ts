import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { createTransfer } from "../../workflows/transfers.js";
import { BusinessEntityInput, BusinessEntityPatch } from "../invoicing/index.js";
import { IdempotencyHeader, IdParams, Page } from "../schemas.js";
import { BusinessEntitySchema, BusinessEntityTransferSchema } from "./entities.schemas.js";
import {
  createBusinessEntity,
  getBusinessEntity,
  listBusinessEntities,
  updateBusinessEntity,
} from "./entities.service.js";
import { getTransfer, listTransfers } from "./transfers.service.js";

/** The shared schemas of these routes, added on the root instance (see INVOICING_SCHEMAS). */
export const ENTITY_SCHEMAS = [BusinessEntitySchema, BusinessEntityTransferSchema] as const;

const TransferBody = Type.Object(
  {
    customer_id: Type.String({ maxLength: 64 }),
    destination_business_entity_id: Type.String({ maxLength: 64 }),
    source_business_entity_id: Type.Optional(
      Type.String({ maxLength: 64, description: "When given, must be the customer's entity" }),
    ),
    reason_code: Type.Optional(Type.Literal("correction")),
  },
  { additionalProperties: false },
);

const TransferListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 64 })),
    resource_type: Type.Optional(
      Type.Union([Type.Literal("customer"), Type.Literal("subscription")]),
    ),
    active_resource_id: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const entityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/business_entities",
    {
      config: { operation: "business_entities.create" },
      schema: {
        headers: IdempotencyHeader,
        body: BusinessEntityInput,
        response: { 201: Type.Ref("BusinessEntity") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createBusinessEntity(ctx, req.body),
      })),
  );

  app.get(
    "/business_entities",
    {
      config: { operation: "business_entities.list" },
      schema: {
        response: { 200: Type.Object({ data: Type.Array(Type.Ref("BusinessEntity")) }) },
      },
    },
    (req) => runRead(req, async (ctx) => ({ data: await listBusinessEntities(ctx) })),
  );

  app.get(
    "/business_entities/:id",
    {
      config: { operation: "business_entities.get" },
      schema: { params: IdParams, response: { 200: Type.Ref("BusinessEntity") } },
    },
    (req) => runRead(req, (ctx) => getBusinessEntity(ctx, req.params.id)),
  );

  app.patch(
    "/business_entities/:id",
    {
      config: { operation: "business_entities.update" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: BusinessEntityPatch,
        response: { 200: Type.Ref("BusinessEntity") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateBusinessEntity(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/business_entity_transfers",
    {
      config: { operation: "business_entity_transfers.create" },
      schema: {
        headers: IdempotencyHeader,
        body: TransferBody,
        response: { 201: Type.Ref("BusinessEntityTransfer") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createTransfer(ctx, req.body),
      })),
  );

  app.get(
    "/business_entity_transfers",
    {
      config: { operation: "business_entity_transfers.list" },
      schema: {
        querystring: TransferListQuery,
        response: { 200: Page(Type.Ref("BusinessEntityTransfer")) },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        listTransfers(ctx, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          resource_type: req.query.resource_type,
          active_resource_id: req.query.active_resource_id,
        }),
      ),
  );

  app.get(
    "/business_entity_transfers/:id",
    {
      config: { operation: "business_entity_transfers.get" },
      schema: { params: IdParams, response: { 200: Type.Ref("BusinessEntityTransfer") } },
    },
    (req) => runRead(req, (ctx) => getTransfer(ctx, req.params.id)),
  );
};
