import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { acceptQuote, createQuote, declineQuote, updateQuote } from "../../workflows/quotes.js";
import { IdempotencyHeader, IdParams } from "../schemas.js";
import {
  AcceptQuoteBody,
  ChangeQuoteBody,
  OneTimeQuoteBody,
  QuoteListPage,
  QuoteListQuery,
  QuoteSchema,
  QuoteUpdateBody,
  SubscriptionQuoteBody,
} from "./quotes.schemas.js";
import { getQuote, listQuotes, quotePdfOf } from "./quotes.service.js";

export const quoteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/quotes/subscription",
    {
      config: { operation: "quotes.create_subscription" },
      schema: {
        headers: IdempotencyHeader,
        body: SubscriptionQuoteBody,
        response: { 201: QuoteSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createQuote(ctx, "subscription", req.body),
      })),
  );
  app.post(
    "/quotes/change",
    {
      config: { operation: "quotes.create_change" },
      schema: { headers: IdempotencyHeader, body: ChangeQuoteBody, response: { 201: QuoteSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createQuote(ctx, "change", req.body),
      })),
  );
  app.post(
    "/quotes/one_time",
    {
      config: { operation: "quotes.create_one_time" },
      schema: {
        headers: IdempotencyHeader,
        body: OneTimeQuoteBody,
        response: { 201: QuoteSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createQuote(ctx, "one_time", req.body),
      })),
  );
  app.get(
    "/quotes",
    {
      config: { operation: "quotes.list" },
      schema: { querystring: QuoteListQuery, response: { 200: QuoteListPage } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listQuotes(ctx, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          customerId: req.query.customer_id,
          status: req.query.status,
          createdFrom: req.query.created_from,
          createdTo: req.query.created_to,
          sort: req.query.sort,
          order: req.query.order,
          includeTotal: req.query.include_total,
        }),
      ),
  );
  app.get(
    "/quotes/:id",
    {
      config: { operation: "quotes.get" },
      schema: { params: IdParams, response: { 200: QuoteSchema } },
    },
    (req) => runRead(req, (ctx) => getQuote(ctx, req.params.id)),
  );
  app.patch(
    "/quotes/:id",
    {
      config: { operation: "quotes.update" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: QuoteUpdateBody,
        response: { 200: QuoteSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateQuote(ctx, req.params.id, req.body),
      })),
  );
  app.get(
    "/quotes/:id/pdf",
    {
      config: { operation: "quotes.pdf" },
      schema: {
        params: IdParams,
        response: {
          200: Type.String({
            contentMediaType: "application/pdf",
            description: "The PDF document",
          }),
        },
      },
    },
    async (req, reply) => {
      const pdf = await runRead(req, (ctx) => quotePdfOf(ctx, req.params.id));
      return sendPdf(reply, pdf.name, pdf.bytes);
    },
  );
  app.post(
    "/quotes/:id/accept",
    {
      config: { operation: "quotes.accept" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(AcceptQuoteBody),
        response: { 200: QuoteSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await acceptQuote(ctx, req.params.id, req.body ?? {}),
      })),
  );
  app.post(
    "/quotes/:id/decline",
    {
      config: { operation: "quotes.decline" },
      schema: { headers: IdempotencyHeader, params: IdParams, response: { 200: QuoteSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await declineQuote(ctx, req.params.id),
      })),
  );
};

function sendPdf(reply: FastifyReply, name: string, bytes: Buffer) {
  return reply
    .type("application/pdf")
    .header("content-disposition", `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`)
    .header("cache-control", "private, no-store")
    .send(bytes);
}
