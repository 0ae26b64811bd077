import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runRead } from "../../http/execute.js";
import { getTenant } from "./tenants.service.js";

export const TenantSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    created_at: Type.String({ format: "date-time" }),
    clock: Type.Union([Type.Literal("system"), Type.Literal("test")]),
  },
  { $id: "Tenant" },
);

export const tenantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/tenant",
    { config: { operation: "tenant.get" }, schema: { response: { 200: TenantSchema } } },
    (req) => runRead(req, (ctx) => getTenant(ctx)),
  );
};
