import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader, IdParams } from "../schemas.js";
import {
  PromotionalCreditsBody,
  PromotionalCreditsChangeSchema,
  PromotionalCreditsQuery,
  PromotionalCreditsSchema,
} from "./credits.schemas.js";
import {
  addPromotionalCredits,
  deductPromotionalCredits,
  listPromotionalCredits,
  setPromotionalCredits,
} from "./credits.service.js";

const CHANGES = {
  add: addPromotionalCredits,
  deduct: deductPromotionalCredits,
  set: setPromotionalCredits,
} as const;

export const creditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/customers/:id/promotional_credits",
    {
      config: { operation: "promotional_credits.list" },
      schema: {
        params: IdParams,
        querystring: PromotionalCreditsQuery,
        response: { 200: PromotionalCreditsSchema },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        listPromotionalCredits(ctx, req.params.id, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          currency: req.query.currency,
        }),
      ),
  );

  for (const [action, apply] of Object.entries(CHANGES) as [
    keyof typeof CHANGES,
    (typeof CHANGES)[keyof typeof CHANGES],
  ][]) {
    app.post(
      `/customers/:id/promotional_credits/${action}`,
      {
        config: { operation: `promotional_credits.${action}` },
        schema: {
          headers: IdempotencyHeader,
          params: IdParams,
          body: PromotionalCreditsBody,
          response: { 200: PromotionalCreditsChangeSchema },
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 200,
          body: await apply(ctx, req.params.id, req.body),
        })),
    );
  }
};
