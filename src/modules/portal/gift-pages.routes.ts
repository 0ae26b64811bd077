/**
 * The gift pages' part of the portal's hosted page API under /portal/api/hosted_page, called
 * with the page's token (admitted in app.ts like the other hosted page routes): completing a
 * gift checkout page (the gifter buys the gift) and a gift claim page (the recipient claims
 * it), and what a gift checkout would invoice. Opening, reading and leaving a page are the
 * hosted page routes'.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { runEstimate, runMutation } from "../../http/execute.js";
import {
  completeClaimGift,
  completeGiftCheckout,
  giftCheckoutPreview,
} from "../../workflows/gifts.js";
import { GiftCheckoutCompleteBody } from "../gifts/index.js";
import { HostedPageSchema } from "../hosted-pages/index.js";
import { PreviewSchema } from "../invoicing/index.js";
import { IdempotencyHeader } from "../schemas.js";

const pageOf = (req: FastifyRequest): string => {
  const actor = req.principal?.actor;
  if (actor?.type !== "hosted_page") throw new Error("hosted page route without its principal");
  return actor.id;
};

const done = { response: { 200: HostedPageSchema } };

export const portalGiftPageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/checkout_gift",
    {
      config: { operation: "portal.hosted_page_checkout_gift" },
      schema: {
        headers: IdempotencyHeader,
        body: Type.Optional(GiftCheckoutCompleteBody),
        ...done,
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await completeGiftCheckout(ctx, pageOf(req), req.body ?? {}),
      })),
  );
  app.get(
    "/gift_preview",
    {
      config: { operation: "portal.hosted_page_gift_preview" },
      schema: { response: { 200: PreviewSchema } },
    },
    (req) => runEstimate(req, (ctx) => giftCheckoutPreview(ctx, pageOf(req))),
  );
  app.post(
    "/claim_gift",
    {
      config: { operation: "portal.hosted_page_claim_gift" },
      schema: { headers: IdempotencyHeader, ...done },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await completeClaimGift(ctx, pageOf(req)),
      })),
  );
};
