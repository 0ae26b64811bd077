import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader, IdParams } from "../schemas.js";
import {
  addRatedItem,
  deleteRatedItem,
  endComponentSubscription,
  listComponentSubscriptions,
  listRatedItems,
  subscribeComponent,
} from "./contract-items.js";
import {
  ComponentSubscriptionSchema,
  DiscountSubscriptionSchema,
  RatedItemSchema,
} from "./contracts.schemas.js";
import {
  addDiscountSubscription,
  endDiscountSubscription,
  listDiscountSubscriptions,
} from "./discount-subscriptions.js";

const Decimal = Type.String({ pattern: "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,8})?$" });
const Timestamp = Type.String({ format: "date-time", maxLength: 64 });

export const contractItemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/contracts/:id/discounts",
    {
      config: { operation: "discount_subscriptions.create" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object(
          {
            discount_id: Type.String({ maxLength: 64 }),
            start_date: Type.Optional(Timestamp),
          },
          { additionalProperties: false },
        ),
        response: { 201: DiscountSubscriptionSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await addDiscountSubscription(ctx, req.params.id, req.body),
      })),
  );

  app.get(
    "/contracts/:id/discounts",
    {
      config: { operation: "discount_subscriptions.list" },
      schema: {
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(DiscountSubscriptionSchema) }) },
      },
    },
    (req) =>
      runRead(req, async (ctx) => ({ data: await listDiscountSubscriptions(ctx, req.params.id) })),
  );

  app.post(
    "/discount_subscriptions/:id/end",
    {
      config: { operation: "discount_subscriptions.end" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object({ end_date: Timestamp }, { additionalProperties: false }),
        response: { 200: DiscountSubscriptionSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await endDiscountSubscription(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/contracts/:id/component_subscriptions",
    {
      config: { operation: "component_subscriptions.create" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object(
          {
            component_id: Type.String({ maxLength: 64 }),
            quantity: Decimal,
            start_date: Type.Optional(Timestamp),
            end_date: Type.Optional(Timestamp),
            memo: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: ComponentSubscriptionSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await subscribeComponent(ctx, req.params.id, req.body),
      })),
  );

  app.get(
    "/contracts/:id/component_subscriptions",
    {
      config: { operation: "component_subscriptions.list" },
      schema: {
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(ComponentSubscriptionSchema) }) },
      },
    },
    (req) =>
      runRead(req, async (ctx) => ({ data: await listComponentSubscriptions(ctx, req.params.id) })),
  );

  app.post(
    "/component_subscriptions/:id/end",
    {
      config: { operation: "component_subscriptions.end" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object({ end_date: Timestamp }, { additionalProperties: false }),
        response: { 200: ComponentSubscriptionSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await endComponentSubscription(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/contracts/:id/rated_items",
    {
      config: { operation: "rated_items.create" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object(
          {
            description: Type.String({ minLength: 1, maxLength: 500 }),
            quantity: Decimal,
            price_per_unit: Decimal,
            period_start: Type.Optional(Timestamp),
            period_end: Type.Optional(Timestamp),
          },
          { additionalProperties: false },
        ),
        response: { 201: RatedItemSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await addRatedItem(ctx, req.params.id, req.body),
      })),
  );

  app.delete(
    "/contracts/:id/rated_items/:rated_item_id",
    {
      config: { operation: "rated_items.delete" },
      schema: {
        headers: IdempotencyHeader,
        params: Type.Object({
          id: Type.String({ maxLength: 64 }),
          rated_item_id: Type.String({ maxLength: 64 }),
        }),
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await deleteRatedItem(ctx, req.params.id, req.params.rated_item_id);
        return { status: 204, body: undefined };
      }),
  );

  app.get(
    "/contracts/:id/rated_items",
    {
      config: { operation: "rated_items.list" },
      schema: {
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(RatedItemSchema) }) },
      },
    },
    (req) => runRead(req, async (ctx) => ({ data: await listRatedItems(ctx, req.params.id) })),
  );
};
