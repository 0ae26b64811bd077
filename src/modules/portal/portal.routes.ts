/**
 * The customer portal's API under /portal/api, called by the portal page with the
 * self-service token as `Authorization: Bearer sst_…` (admitted in app.ts). Every route acts
 * on the token's contract only; nothing here takes a contract or customer id from the caller.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import {
  cancel,
  commitPlanChange,
  portalOverview,
  previewCancellation,
  proposePlanChange,
  updateContact,
} from "../../workflows/portal.js";
import { CustomerPatch } from "../customers/index.js";
import { IdempotencyHeader } from "../schemas.js";
import { portalPaymentRoutes } from "./portal-payments.routes.js";

const contractOf = (req: FastifyRequest): string => {
  const actor = req.principal?.actor;
  if (actor?.type !== "self_service") throw new Error("portal route without a portal principal");
  return actor.id;
};

/** The billing address and contact: the customer PATCH's fields a customer may change. */
const ContactPatch = Type.Object(
  {
    company_name: CustomerPatch.properties.company_name,
    first_name: CustomerPatch.properties.first_name,
    last_name: CustomerPatch.properties.last_name,
    email: CustomerPatch.properties.email,
    address: CustomerPatch.properties.address,
  },
  { additionalProperties: false },
);

export const portalApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(portalPaymentRoutes);

  app.get("/overview", { config: { operation: "portal.overview" } }, (req) =>
    runRead(req, (ctx) => portalOverview(ctx, contractOf(req), app.publicUrl)),
  );

  app.patch(
    "/contact",
    {
      config: { operation: "portal.contact_update" },
      schema: { headers: IdempotencyHeader, body: ContactPatch },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateContact(ctx, contractOf(req), req.body),
      })),
  );

  app.post(
    "/plan_changes",
    {
      config: { operation: "portal.plan_change_create" },
      schema: {
        headers: IdempotencyHeader,
        body: Type.Object(
          { plan_variant_id: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await proposePlanChange(ctx, contractOf(req), req.body),
      })),
  );

  app.post(
    "/plan_changes/:id/commit",
    {
      config: { operation: "portal.plan_change_commit" },
      schema: {
        headers: IdempotencyHeader,
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await commitPlanChange(ctx, contractOf(req), req.params.id),
      })),
  );

  app.get("/cancellation", { config: { operation: "portal.cancellation_preview" } }, (req) =>
    runRead(req, (ctx) => previewCancellation(ctx, contractOf(req))),
  );

  app.post(
    "/cancellation",
    { config: { operation: "portal.cancel" }, schema: { headers: IdempotencyHeader } },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await cancel(ctx, contractOf(req)),
      })),
  );
};
