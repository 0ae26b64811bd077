import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { ACTIONS } from "../../domain/actions/actions.js";
import { conflict } from "../../domain/errors.js";
import { runMutation, runRead } from "../../http/execute.js";
import { newId } from "../../lib/ids.js";
import { IdempotencyHeader, IdParams, Page, PageQuery } from "../schemas.js";
import {
  ACTION_BODIES,
  ActionStateSchema,
  DistributorSchema,
  SubscriptionActionSchema,
} from "./actions.schemas.js";
import { cancelAction, getAction, listActions, submitAction } from "./actions.service.js";

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
            ...PageQuery.properties,
            contract_id: Type.Optional(Type.String({ maxLength: 64 })),
            state: Type.Optional(ActionStateSchema),
            behaviour_code: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(SubscriptionActionSchema) },
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
      runMutation(req, reply, async (ctx) => {
        const taken = await ctx.db
          .selectFrom("provisioning_distributors")
          .select("id")
          .where("tenant_id", "=", ctx.tenantId)
          .where((eb) =>
            eb.or([
              eb("name", "=", req.body.name),
              ...(req.body.alternative_code
                ? [eb("alternative_code", "=", req.body.alternative_code)]
                : []),
            ]),
          )
          .executeTakeFirst();
        if (taken) {
          throw conflict("distributor_exists", "a distributor with this name or code exists", {
            id: taken.id,
          });
        }
        const now = new Date(ctx.clock.now().epochMilliseconds);
        const row = await ctx.db
          .insertInto("provisioning_distributors")
          .values({
            id: newId("distributor"),
            tenant_id: ctx.tenantId,
            name: req.body.name,
            alternative_code: req.body.alternative_code ?? null,
            created_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const body = {
          id: row.id,
          name: row.name,
          alternative_code: row.alternative_code,
          created_at: row.created_at.toISOString(),
        };
        ctx.audit({ targetType: "provisioning_distributor", targetId: row.id, after: body });
        await ctx.emit({
          type: "provisioning_distributor.created",
          subjectType: "provisioning_distributor",
          subjectId: row.id,
          payload: body,
        });
        return { status: 201, body };
      }),
  );

  app.get(
    "/provisioning_distributors",
    {
      config: { operation: "provisioning_distributors.list" },
      schema: { response: { 200: Type.Object({ data: Type.Array(DistributorSchema) }) } },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const rows = await ctx.db
          .selectFrom("provisioning_distributors")
          .selectAll()
          .where("tenant_id", "=", ctx.tenantId)
          .orderBy("id")
          .execute();
        return {
          data: rows.map((r) => ({
            id: r.id,
            name: r.name,
            alternative_code: r.alternative_code,
            created_at: r.created_at.toISOString(),
          })),
        };
      }),
  );
};
