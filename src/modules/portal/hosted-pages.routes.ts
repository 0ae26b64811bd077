/**
 * A hosted page's part of the portal's API under /portal/api/hosted_page, called by the
 * portal page with the page's token as `Authorization: Bearer hpt_…` (admitted in app.ts).
 * Every route acts on the token's page only; nothing here takes a page id from the caller.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import {
  cancelHostedPage,
  completeAcceptQuote,
  completeCheckout,
  completeCollect,
  completePaymentSource,
  openHostedPage,
} from "../../workflows/hosted-pages.js";
import { completeExtend, completePreCancel } from "../../workflows/hosted-pages-retention.js";
import {
  CheckoutCompleteBody,
  CollectCompleteBody,
  getHostedPage,
  HostedPageSchema,
  PaymentSourceCompleteBody,
  PreCancelCompleteBody,
} from "../hosted-pages/index.js";
import { IdempotencyHeader } from "../schemas.js";

const pageOf = (req: FastifyRequest): string => {
  const actor = req.principal?.actor;
  if (actor?.type !== "hosted_page") throw new Error("hosted page route without its principal");
  return actor.id;
};

const done = { response: { 200: HostedPageSchema } };

export const portalHostedPageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get("/", { config: { operation: "portal.hosted_page" }, schema: done }, (req) =>
    runRead(req, (ctx) => getHostedPage(ctx, pageOf(req))),
  );

  app.post(
    "/open",
    { config: { operation: "portal.hosted_page_open" }, schema: { headers: IdempotencyHeader } },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await openHostedPage(ctx, pageOf(req)),
      })),
  );

  app.post(
    "/checkout",
    {
      config: { operation: "portal.hosted_page_checkout" },
      schema: { headers: IdempotencyHeader, body: Type.Optional(CheckoutCompleteBody), ...done },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await completeCheckout(ctx, pageOf(req), req.body ?? {}),
      })),
  );

  app.post(
    "/payment_source",
    {
      config: { operation: "portal.hosted_page_payment_source" },
      schema: { headers: IdempotencyHeader, body: PaymentSourceCompleteBody, ...done },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await completePaymentSource(ctx, pageOf(req), req.body),
      })),
  );

  app.post(
    "/collect",
    {
      config: { operation: "portal.hosted_page_collect" },
      schema: { headers: IdempotencyHeader, body: Type.Optional(CollectCompleteBody), ...done },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await completeCollect(ctx, pageOf(req), req.body ?? {}),
      })),
  );

  app.post(
    "/accept_quote",
    {
      config: { operation: "portal.hosted_page_accept_quote" },
      schema: { headers: IdempotencyHeader, ...done },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await completeAcceptQuote(ctx, pageOf(req)),
      })),
  );

  app.post(
    "/extend",
    {
      config: { operation: "portal.hosted_page_extend" },
      schema: { headers: IdempotencyHeader, ...done },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await completeExtend(ctx, pageOf(req)),
      })),
  );

  app.post(
    "/pre_cancel",
    {
      config: { operation: "portal.hosted_page_pre_cancel" },
      schema: { headers: IdempotencyHeader, body: PreCancelCompleteBody, ...done },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await completePreCancel(ctx, pageOf(req), req.body),
      })),
  );

  app.post(
    "/cancel",
    {
      config: { operation: "portal.hosted_page_cancel" },
      schema: { headers: IdempotencyHeader, ...done },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await cancelHostedPage(ctx, pageOf(req)),
      })),
  );
};
