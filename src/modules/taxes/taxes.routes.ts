import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { TaxPolicyBody } from "../invoicing/index.js";
import { IdempotencyHeader, Page, PageQuery } from "../schemas.js";
import { createTaxPolicy, listTaxPolicies } from "./taxes.service.js";

export const taxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/tax_policies",
    {
      config: { operation: "tax_policies.create" },
      schema: {
        headers: IdempotencyHeader,
        body: TaxPolicyBody,
        response: { 201: Type.Ref("TaxPolicy") },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createTaxPolicy(ctx, req.body),
      })),
  );

  app.get(
    "/tax_policies",
    {
      config: { operation: "tax_policies.list" },
      schema: { querystring: PageQuery, response: { 200: Page(Type.Ref("TaxPolicy")) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listTaxPolicies(ctx, { limit: req.query.limit ?? 20, cursor: req.query.cursor }),
      ),
  );
};
