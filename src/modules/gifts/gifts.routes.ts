/**
 * Gifts on the native API (Chargebee's gifts), their estimate and their hosted pages. What
 * buying and claiming do across modules is src/workflows/gifts.ts.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { runEstimate, runMutation, runRead } from "../../http/execute.js";
import {
  buyGift,
  cancelGift,
  claimGift,
  createClaimGiftPage,
  createGiftCheckoutPage,
  giftEstimate,
  updateGiftDate,
} from "../../workflows/gifts.js";
import { HostedPageSchema } from "../hosted-pages/index.js";
import { PreviewSchema } from "../invoicing/index.js";
import { IdempotencyHeader, IdParams, Page } from "../schemas.js";
import {
  ClaimGiftPageBody,
  GiftCheckoutPageBody,
  GiftClaimBody,
  GiftCreateBody,
  GiftListQuery,
  GiftSchema,
  GiftUpdateBody,
} from "./gifts.schemas.js";
import { getGift, listGifts } from "./gifts.service.js";

export const giftRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const urls = { publicUrl: app.publicUrl };
  app.post(
    "/gifts",
    {
      config: { operation: "gifts.create" },
      schema: { headers: IdempotencyHeader, body: GiftCreateBody, response: { 201: GiftSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: (await buyGift(ctx, req.body)).gift,
      })),
  );
  app.get(
    "/gifts",
    {
      config: { operation: "gifts.list" },
      schema: { querystring: GiftListQuery, response: { 200: Page(GiftSchema) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listGifts(ctx, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          status: req.query.status,
          gifterCustomerId: req.query.gifter_customer_id,
          receiverCustomerId: req.query.receiver_customer_id,
        }),
      ),
  );
  app.get(
    "/gifts/:id",
    {
      config: { operation: "gifts.get" },
      schema: { params: IdParams, response: { 200: GiftSchema } },
    },
    (req) => runRead(req, (ctx) => getGift(ctx, req.params.id)),
  );
  app.post(
    "/gifts/:id/claim",
    {
      config: { operation: "gifts.claim" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: GiftClaimBody,
        response: { 200: GiftSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await claimGift(ctx, req.params.id, req.body ?? {}),
      })),
  );
  app.post(
    "/gifts/:id/cancel",
    {
      config: { operation: "gifts.cancel" },
      schema: { headers: IdempotencyHeader, params: IdParams, response: { 200: GiftSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await cancelGift(ctx, req.params.id),
      })),
  );
  app.post(
    "/gifts/:id/update_gift",
    {
      config: { operation: "gifts.update_gift" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: GiftUpdateBody,
        response: { 200: GiftSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateGiftDate(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/estimates/gift_subscription_for_items",
    {
      config: { operation: "estimates.gift_subscription" },
      schema: { body: GiftCreateBody, response: { 200: PreviewSchema } },
    },
    (req) => runEstimate(req, (ctx) => giftEstimate(ctx, req.body)),
  );

  /** A new page: its URL carries the token, shown once (null on an idempotent replay). */
  const created = async (page: ReturnType<typeof createClaimGiftPage>) => {
    const body = await page;
    return { status: 201, body, replayBody: { ...body, url: null } };
  };
  app.post(
    "/hosted_pages/checkout_gift_for_items",
    {
      config: { operation: "hosted_pages.checkout_gift_for_items" },
      schema: {
        headers: IdempotencyHeader,
        body: GiftCheckoutPageBody,
        response: { 201: HostedPageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, (ctx) => created(createGiftCheckoutPage(ctx, req.body, urls))),
  );
  app.post(
    "/hosted_pages/claim_gift",
    {
      config: { operation: "hosted_pages.claim_gift" },
      schema: {
        headers: IdempotencyHeader,
        body: ClaimGiftPageBody,
        response: { 201: HostedPageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, (ctx) => created(createClaimGiftPage(ctx, req.body, urls))),
  );
};
