import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader } from "../schemas.js";
import { TenantSchema } from "./tenants.schemas.js";
import { getTenant, updateTenant } from "./tenants.service.js";

export const tenantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/tenant",
    { config: { operation: "tenant.get" }, schema: { response: { 200: TenantSchema } } },
    (req) => runRead(req, (ctx) => getTenant(ctx)),
  );

  app.patch(
    "/tenant",
    {
      config: { operation: "tenant.update" },
      schema: {
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            auto_finalize_invoices: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: TenantSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateTenant(ctx, req.body),
      })),
  );
};
