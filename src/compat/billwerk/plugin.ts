/**
 * The Billwerk-compatible surface under `/api/v1`: Billwerk's paths (case-insensitive, with
 * or without a trailing slash), PascalCase bodies and error shape, over the same operations,
 * permissions, transactions and audit as the native API. Authentication: a bearer token from
 * `POST /oauth/token` (or an API key), in the Authorization header or `?access_token=`.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { notFound } from "../../domain/errors.js";
import { billwerkCatalogRoutes } from "./catalog.js";
import { billwerkContractItemRoutes } from "./contract-items.js";
import { billwerkContractRoutes } from "./contracts.js";
import { billwerkCustomerRoutes } from "./customers.js";
import { billwerkInvoiceRoutes } from "./invoices.js";
import { billwerkPaymentRoutes } from "./payments.js";
import { billwerkUsageRoutes } from "./usage.js";
import { billwerkWebhookRoutes } from "./webhooks.js";
import { billwerkErrorHandler } from "./wire.js";

/** Where the Billwerk surface is mounted (its clients' base URL ends here). */
export const BILLWERK_PREFIX = "/api/v1";

export const billwerkApi: FastifyPluginAsyncTypebox = async (app) => {
  app.setErrorHandler(billwerkErrorHandler);
  // an unknown endpoint under the prefix: 404 in this surface's error shape
  app.setNotFoundHandler(async (req) => {
    throw notFound("route_not_found", `no route ${req.method} ${req.url.split("?")[0]}`);
  });
  // Billwerk clients send `Content-Type: application/json` on bodiless requests too
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (req, body, done) => {
    if ((body as string).trim() === "") return done(null, undefined);
    parseJson(req, body as string, done);
  });
  await app.register(billwerkCustomerRoutes);
  await app.register(billwerkCatalogRoutes);
  await app.register(billwerkWebhookRoutes);
  await app.register(billwerkContractRoutes);
  await app.register(billwerkUsageRoutes);
  await app.register(billwerkContractItemRoutes);
  await app.register(billwerkInvoiceRoutes);
  await app.register(billwerkPaymentRoutes);
};
