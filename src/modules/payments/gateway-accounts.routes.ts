import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader, IdParams, Page } from "../schemas.js";
import {
  GatewayAccountInput,
  GatewayAccountListQuery,
  GatewayAccountPatch,
  GatewayAccountSchema,
} from "./gateway-accounts.schemas.js";
import {
  createGatewayAccount,
  deleteGatewayAccount,
  getGatewayAccount,
  listGatewayAccounts,
  updateGatewayAccountFields,
} from "./gateway-accounts.service.js";

/** A tenant's payment gateway accounts: `/v1/gateway_accounts`. */
export const gatewayAccountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/gateway_accounts",
    {
      config: { operation: "gateway_accounts.create" },
      schema: {
        headers: IdempotencyHeader,
        body: GatewayAccountInput,
        response: { 201: GatewayAccountSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createGatewayAccount(ctx, req.body),
      })),
  );

  app.get(
    "/gateway_accounts",
    {
      config: { operation: "gateway_accounts.list" },
      schema: {
        querystring: GatewayAccountListQuery,
        response: { 200: Page(GatewayAccountSchema) },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        listGatewayAccounts(ctx, { ...req.query, limit: req.query.limit ?? 20 }),
      ),
  );

  app.get(
    "/gateway_accounts/:id",
    {
      config: { operation: "gateway_accounts.get" },
      schema: { params: IdParams, response: { 200: GatewayAccountSchema } },
    },
    (req) => runRead(req, (ctx) => getGatewayAccount(ctx, req.params.id)),
  );

  app.patch(
    "/gateway_accounts/:id",
    {
      config: { operation: "gateway_accounts.update" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: GatewayAccountPatch,
        response: { 200: GatewayAccountSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateGatewayAccountFields(ctx, req.params.id, req.body),
      })),
  );

  app.delete(
    "/gateway_accounts/:id",
    {
      config: { operation: "gateway_accounts.delete" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: GatewayAccountSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await deleteGatewayAccount(ctx, req.params.id),
      })),
  );
};
