import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { ACTIONS } from "../../domain/actions/actions.js";
import { runMutation, runRead } from "../../http/execute.js";
import { CountedPage, IdempotencyHeader, IdParams, SortedPageQuery, utcDays } from "../schemas.js";
import {
  ACTION_BODIES,
  ActionStateSchema,
  DistributorSchema,
  SubscriptionActionSchema,
} from "./actions.schemas.js";
import { cancelAction, getAction, listActions, submitAction } from "./actions.service.js";
import { createDistributor, listDistributors } from "./provisioning.js";

export const actionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const action of ACTIONS) {
    app.post(
      `/subscription_actions/${action}`,
      {
        config: { operation: `subscription_actions.${action}` },
        schema: {
          headers: IdempotencyHeader,
          body: ACTION_BODIES[action],
          response: { 201: SubscriptionActionSchema },
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 201,
          body: await submitAction(ctx, action, req.body as never),
        })),
    );
  }

  app.get(
    "/subscription_actions",
    {
      config: { operation: "subscription_actions.list" },
      schema: {
        querystring: Type.Object(
          {
            ...SortedPageQuery,
            sort: Type.Optional(
              Type.Union([Type.Literal("created"), Type.Literal("scheduled")], {
                description:
                  "What the list is ordered by, the id breaking ties: created (default; by id, ids sort by creation) or scheduled (scheduled_date, when the action is due; actions without one after every date ascending, before them descending). Combines with every filter",
              }),
            ),
            contract_id: Type.Optional(Type.String({ maxLength: 64 })),
            state: Type.Optional(ActionStateSchema),
            behaviour_code: Type.Optional(Type.String({ maxLength: 64 })),
            ...utcDays("created", "Created"),
            include_total: Type.Optional(
              Type.Boolean({
                description:
                  "Also answer total_count: how many actions match the filters, counted by one more query (its cost grows with the actions matched)",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: CountedPage(SubscriptionActionSchema, "how many actions match the filters"),
        },
      },
    },
    (req) =>
      runRead(req, (ctx) => listActions(ctx, { ...req.query, limit: req.query.limit ?? 20 })),
  );

  app.get(
    "/subscription_actions/:id",
    {
      config: { operation: "subscription_actions.get" },
      schema: { params: IdParams, response: { 200: SubscriptionActionSchema } },
    },
    (req) => runRead(req, (ctx) => getAction(ctx, req.params.id)),
  );

  app.post(
    "/subscription_actions/:id/cancel",
    {
      config: { operation: "subscription_actions.cancel" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: SubscriptionActionSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await cancelAction(ctx, req.params.id),
      })),
  );

  app.post(
    "/provisioning_distributors",
    {
      config: { operation: "provisioning_distributors.create" },
      schema: {
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            alternative_code: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: DistributorSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createDistributor(ctx, req.body),
      })),
  );

  app.get(
    "/provisioning_distributors",
    {
      config: { operation: "provisioning_distributors.list" },
      schema: { response: { 200: Type.Object({ data: Type.Array(DistributorSchema) }) } },
    },
    (req) => runRead(req, async (ctx) => ({ data: await listDistributors(ctx) })),
  );
};
