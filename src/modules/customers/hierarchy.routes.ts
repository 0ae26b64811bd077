import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { hierarchyView } from "../../workflows/hierarchy.js";
import { IdempotencyHeader, IdParams } from "../schemas.js";
import {
  HierarchyLinkInput,
  HierarchyLinkSchema,
  HierarchySettingsInput,
  HierarchyViewSchema,
} from "./hierarchy.schemas.js";
import { linkCustomer, unlinkCustomer, updateHierarchySettings } from "./hierarchy.service.js";

/** A customer's place in an account hierarchy: `/v1/customers/{id}/hierarchy`. */
export const customerHierarchyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/customers/:id/hierarchy",
    {
      config: { operation: "customer_hierarchy.get" },
      schema: { params: IdParams, response: { 200: HierarchyViewSchema } },
    },
    (req) => runRead(req, (ctx) => hierarchyView(ctx, req.params.id)),
  );

  app.post(
    "/customers/:id/hierarchy/link",
    {
      config: { operation: "customer_hierarchy.link" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: HierarchyLinkInput,
        response: { 200: HierarchyLinkSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await linkCustomer(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/customers/:id/hierarchy/unlink",
    {
      config: { operation: "customer_hierarchy.unlink" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: HierarchyLinkSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await unlinkCustomer(ctx, req.params.id),
      })),
  );

  app.post(
    "/customers/:id/hierarchy/settings",
    {
      config: { operation: "customer_hierarchy.update_settings" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: HierarchySettingsInput,
        response: { 200: HierarchyLinkSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateHierarchySettings(ctx, req.params.id, req.body),
      })),
  );
};
