/** Hosted pages on the native API: created for a customer to complete in the portal. */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { runMutation, runRead } from "../../http/execute.js";
import {
  acknowledgeHostedPage,
  createAcceptQuotePage,
  createCheckoutExisting,
  createCheckoutNew,
  createCheckoutOneTime,
  createCustomerPage,
} from "../../workflows/hosted-pages.js";
import {
  createExtendPage,
  createPreCancelPage,
  createVoucherPage,
  recordHostedPageEvent,
} from "../../workflows/hosted-pages-retention.js";
import { IdempotencyHeader, IdParams, Page } from "../schemas.js";
import {
  AcceptQuotePageBody,
  CheckoutExistingBody,
  CheckoutNewBody,
  CheckoutOneTimeBody,
  CollectPageBody,
  CustomerPageBody,
  ExtendSubscriptionPageBody,
  HostedPageEventBody,
  HostedPageListQuery,
  HostedPageSchema,
  PreCancelPageBody,
  ViewVoucherPageBody,
} from "./hosted-pages.schemas.js";
import { getHostedPage, type HostedPage, listHostedPages } from "./hosted-pages.service.js";

/** A new page: its URL carries the token, shown once (null on an idempotent replay). */
const created = async (page: Promise<HostedPage>) => {
  const body = await page;
  return { status: 201, body, replayBody: { ...body, url: null } };
};

export const hostedPageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const urls = { publicUrl: app.publicUrl };
  app.post(
    "/hosted_pages/checkout_new_for_items",
    {
      config: { operation: "hosted_pages.checkout_new_for_items" },
      schema: {
        headers: IdempotencyHeader,
        body: CheckoutNewBody,
        response: { 201: HostedPageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, (ctx) => created(createCheckoutNew(ctx, req.body, urls))),
  );
  app.post(
    "/hosted_pages/checkout_existing_for_items",
    {
      config: { operation: "hosted_pages.checkout_existing_for_items" },
      schema: {
        headers: IdempotencyHeader,
        body: CheckoutExistingBody,
        response: { 201: HostedPageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, (ctx) => created(createCheckoutExisting(ctx, req.body, urls))),
  );
  app.post(
    "/hosted_pages/checkout_one_time_for_items",
    {
      config: { operation: "hosted_pages.checkout_one_time_for_items" },
      schema: {
        headers: IdempotencyHeader,
        body: CheckoutOneTimeBody,
        response: { 201: HostedPageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, (ctx) => created(createCheckoutOneTime(ctx, req.body, urls))),
  );
  app.post(
    "/hosted_pages/checkout_one_time",
    {
      config: { operation: "hosted_pages.checkout_one_time" },
      schema: {
        headers: IdempotencyHeader,
        body: CheckoutOneTimeBody,
        response: { 201: HostedPageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, (ctx) => created(createCheckoutOneTime(ctx, req.body, urls))),
  );
  // pages a customer opens on their own account: one route shape, three page types
  for (const [type, operation, body] of [
    ["manage_payment_sources", "hosted_pages.manage_payments", CustomerPageBody],
    ["update_payment_method", "hosted_pages.update_payment_method", CustomerPageBody],
    ["collect_now", "hosted_pages.collect_unpaid_invoices", CollectPageBody],
  ] as const) {
    app.post(
      `/hosted_pages/${type}`,
      {
        config: { operation },
        schema: { headers: IdempotencyHeader, body, response: { 201: HostedPageSchema } },
      },
      (req, reply) =>
        runMutation(req, reply, (ctx) => created(createCustomerPage(ctx, type, req.body, urls))),
    );
  }
  app.post(
    "/hosted_pages/accept_quote",
    {
      config: { operation: "hosted_pages.accept_quote" },
      schema: {
        headers: IdempotencyHeader,
        body: AcceptQuotePageBody,
        response: { 201: HostedPageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, (ctx) => created(createAcceptQuotePage(ctx, req.body, urls))),
  );
  app.post(
    "/hosted_pages/extend_subscription",
    {
      config: { operation: "hosted_pages.extend_subscription" },
      schema: {
        headers: IdempotencyHeader,
        body: ExtendSubscriptionPageBody,
        response: { 201: HostedPageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, (ctx) => created(createExtendPage(ctx, req.body, urls))),
  );
  app.post(
    "/hosted_pages/pre_cancel",
    {
      config: { operation: "hosted_pages.pre_cancel" },
      schema: {
        headers: IdempotencyHeader,
        body: PreCancelPageBody,
        response: { 201: HostedPageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, (ctx) => created(createPreCancelPage(ctx, req.body, urls))),
  );
  app.post(
    "/hosted_pages/view_voucher",
    {
      config: { operation: "hosted_pages.view_voucher" },
      schema: {
        headers: IdempotencyHeader,
        body: ViewVoucherPageBody,
        response: { 201: HostedPageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, (ctx) => created(createVoucherPage(ctx, req.body, urls))),
  );
  app.post(
    "/hosted_pages/:id/events",
    {
      config: { operation: "hosted_pages.events" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: HostedPageEventBody,
        response: { 200: HostedPageSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await recordHostedPageEvent(ctx, req.params.id, req.body),
      })),
  );
  app.get(
    "/hosted_pages",
    {
      config: { operation: "hosted_pages.list" },
      schema: { querystring: HostedPageListQuery, response: { 200: Page(HostedPageSchema) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listHostedPages(ctx, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          customerId: req.query.customer_id,
          state: req.query.state,
        }),
      ),
  );
  app.get(
    "/hosted_pages/:id",
    {
      config: { operation: "hosted_pages.get" },
      schema: { params: IdParams, response: { 200: HostedPageSchema } },
    },
    (req) => runRead(req, (ctx) => getHostedPage(ctx, req.params.id)),
  );
  app.post(
    "/hosted_pages/:id/acknowledge",
    {
      config: { operation: "hosted_pages.acknowledge" },
      schema: { headers: IdempotencyHeader, params: IdParams, response: { 200: HostedPageSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await acknowledgeHostedPage(ctx, req.params.id),
      })),
  );
};
