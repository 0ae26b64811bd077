import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runRead } from "../../http/execute.js";
import { systemClock } from "../../lib/clock.js";
import { storeOf } from "../../workflows/unit-of-work.js";
import { Page } from "../schemas.js";
import {
  GatewayEventBatchSchema,
  GatewayEventHeaders,
  GatewayEventListQuery,
  GatewayEventParams,
  GatewayEventSchema,
} from "./gateway-events.schemas.js";
import { listGatewayEvents, receiveGatewayEvent } from "./gateway-events.service.js";

const ErrorRef = Type.Ref("Error");

/**
 * The events of a gateway account's payment gateway: `/v1/gateways/{account_id}/events`.
 * Receiving needs the body exactly as it arrived (the signature is over its bytes), so in
 * this plugin alone every body is kept as raw bytes; JSON parsing elsewhere is untouched.
 */
export const gatewayEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  app.post(
    "/gateways/:account_id/events",
    {
      config: { operation: "gateway_events.receive" },
      schema: {
        description:
          "The URL to configure at the gateway as its webhook endpoint. The body is the gateway's event as it sends it, verified with the account's webhook_secret: Stripe's `Stripe-Signature`, GoCardless's `Webhook-Signature`, the test gateway's `Accrue-Test-Signature`; Mollie's notice (`id=tr_…`, unsigned) is verified by reading the payment back from Mollie with the account's API key (docs/payments.md). One event is answered as recorded; a batch (GoCardless's events, the events a Mollie payment stands for) as `{data: [...]}`. A repeated event is answered as recorded the first time; a refused one is recorded as rejected and answered 400 (`invalid_signature`, `malformed_gateway_event`), 422 (`webhook_secret_not_configured`) or 503 (`gateway_unreachable`: Mollie could not be asked; the provider delivers again). Rate limited per account and client address (ACCRUE_GATEWAY_EVENT_RATE_LIMIT): 429 `gateway_events_rate_limited` with Retry-After, nothing recorded.",
        params: GatewayEventParams,
        headers: GatewayEventHeaders,
        response: {
          200: Type.Union([GatewayEventSchema, GatewayEventBatchSchema]),
          "4XX": ErrorRef,
          "5XX": ErrorRef,
        },
      },
    },
    async (req) => {
      const { events, batch, refused } = await receiveGatewayEvent(storeOf(app.db), {
        accountId: req.params.account_id,
        rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        headers: req.headers,
        receivedAt: systemClock.now().epochMilliseconds,
        requestId: req.id,
      });
      if (refused) throw refused;
      return batch ? { data: events } : events[0]!;
    },
  );

  app.get(
    "/gateways/:account_id/events",
    {
      config: { operation: "gateway_events.list" },
      schema: {
        params: GatewayEventParams,
        querystring: GatewayEventListQuery,
        response: { 200: Page(GatewayEventSchema) },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        listGatewayEvents(ctx, req.params.account_id, {
          ...req.query,
          limit: req.query.limit ?? 20,
        }),
      ),
  );
};
