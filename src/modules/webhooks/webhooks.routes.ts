import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { EventSchema } from "../events/index.js";
import { CountedPage, IdempotencyHeader, IdParams, Page, PageQuery } from "../schemas.js";
import {
  CreatedWebhookEndpointSchema,
  CreateWebhookEndpointBody,
  DeliveryQuery,
  EventQuery,
  RotatedWebhookEndpointSchema,
  UpdateWebhookEndpointBody,
  WebhookDeliverySchema,
  WebhookDeliveryWithAttemptsSchema,
  WebhookEndpointSchema,
} from "./webhooks.schemas.js";
import {
  checkEndpointUrlAhead,
  createEndpoint,
  deleteEndpoint,
  getDelivery,
  getEndpoint,
  getEvent,
  listDeliveries,
  listEndpoints,
  listEvents,
  redeliverDelivery,
  redeliverEvent,
  rotateSecret,
  updateEndpoint,
  type WebhookEndpoint,
} from "./webhooks.service.js";

/** /v1/webhook_endpoints, /v1/webhook_deliveries and /v1/events. */
export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // --- endpoints ---------------------------------------------------------------------
  app.post(
    "/webhook_endpoints",
    {
      config: { operation: "webhook_endpoints.create" },
      schema: {
        headers: IdempotencyHeader,
        body: CreateWebhookEndpointBody,
        response: { 201: CreatedWebhookEndpointSchema },
      },
    },
    async (req, reply) => {
      const checked = await checkEndpointUrlAhead(req.body.url, app.webhookDestinations);
      return runMutation<WebhookEndpoint & { secret: string | null }>(req, reply, async (ctx) => {
        const created = await createEndpoint(ctx, { ...req.body, url: checked() });
        return { status: 201, body: created, replayBody: { ...created, secret: null } };
      });
    },
  );

  app.get(
    "/webhook_endpoints",
    {
      config: { operation: "webhook_endpoints.list" },
      schema: { querystring: PageQuery, response: { 200: Page(WebhookEndpointSchema) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listEndpoints(ctx, { limit: req.query.limit ?? 20, cursor: req.query.cursor }),
      ),
  );

  app.get(
    "/webhook_endpoints/:id",
    {
      config: { operation: "webhook_endpoints.get" },
      schema: { params: IdParams, response: { 200: WebhookEndpointSchema } },
    },
    (req) => runRead(req, (ctx) => getEndpoint(ctx, req.params.id)),
  );

  app.patch(
    "/webhook_endpoints/:id",
    {
      config: { operation: "webhook_endpoints.update" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: UpdateWebhookEndpointBody,
        response: { 200: WebhookEndpointSchema },
      },
    },
    async (req, reply) => {
      const checked =
        req.body.url === undefined
          ? () => undefined
          : await checkEndpointUrlAhead(req.body.url, app.webhookDestinations);
      return runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateEndpoint(ctx, req.params.id, { ...req.body, url: checked() }),
      }));
    },
  );

  app.delete(
    "/webhook_endpoints/:id",
    {
      config: { operation: "webhook_endpoints.delete" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: WebhookEndpointSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await deleteEndpoint(ctx, req.params.id),
      })),
  );

  app.post(
    "/webhook_endpoints/:id/rotate_secret",
    {
      config: { operation: "webhook_endpoints.rotate_secret" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: RotatedWebhookEndpointSchema },
      },
    },
    (req, reply) =>
      runMutation<WebhookEndpoint & { secret: string | null; previous_secret_expires_at: string }>(
        req,
        reply,
        async (ctx) => {
          const rotated = await rotateSecret(ctx, req.params.id);
          return { status: 200, body: rotated, replayBody: { ...rotated, secret: null } };
        },
      ),
  );

  // --- deliveries --------------------------------------------------------------------
  app.get(
    "/webhook_deliveries",
    {
      config: { operation: "webhook_deliveries.list" },
      schema: {
        querystring: DeliveryQuery,
        response: {
          200: CountedPage(WebhookDeliverySchema, "how many deliveries match the filters"),
        },
      },
    },
    (req) =>
      runRead(req, (ctx) => listDeliveries(ctx, { ...req.query, limit: req.query.limit ?? 20 })),
  );

  app.get(
    "/webhook_deliveries/:id",
    {
      config: { operation: "webhook_deliveries.get" },
      schema: { params: IdParams, response: { 200: WebhookDeliveryWithAttemptsSchema } },
    },
    (req) => runRead(req, (ctx) => getDelivery(ctx, req.params.id)),
  );

  app.post(
    "/webhook_deliveries/:id/redeliver",
    {
      config: { operation: "webhook_deliveries.redeliver" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 202: WebhookDeliverySchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 202,
        body: await redeliverDelivery(ctx, req.params.id),
      })),
  );

  // --- events ------------------------------------------------------------------------
  app.get(
    "/events",
    {
      config: { operation: "events.list" },
      schema: { querystring: EventQuery, response: { 200: Page(EventSchema) } },
    },
    (req) => runRead(req, (ctx) => listEvents(ctx, { ...req.query, limit: req.query.limit ?? 20 })),
  );

  app.get(
    "/events/:id",
    {
      config: { operation: "events.get" },
      schema: { params: IdParams, response: { 200: EventSchema } },
    },
    (req) => runRead(req, (ctx) => getEvent(ctx, req.params.id)),
  );

  app.post(
    "/events/:id/redeliver",
    {
      config: { operation: "events.redeliver" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 202: Page(WebhookDeliverySchema) },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 202,
        body: await redeliverEvent(ctx, req.params.id),
      })),
  );
};
