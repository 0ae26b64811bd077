/**
 * The Chargebee-compatible surface under `/api/v2`: Chargebee's paths, form-encoded bodies
 * with bracketed keys, HTTP Basic authentication with an API key as the user name, answers
 * wrapped by resource, lists with `limit`/`offset`, money in minor units, Unix timestamps and
 * Chargebee's error shape. Each call is translated into native API requests run in process
 * (see native.ts), so permissions, idempotency, transactions, audit and the business entity
 * transfer rules are the native API's own. See docs/compat/chargebee.md.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { mapError, setErrorHeaders } from "../../http/errors.js";
import {
  chargebeeEventRoutes,
  chargebeeHierarchyRoutes,
  chargebeePaymentSourceRoutes,
  chargebeePromotionalCreditRoutes,
  chargebeeTimeMachineRoutes,
  chargebeeTransferRoutes,
} from "./accounts.js";
import { chargebeeCatalogRoutes } from "./catalog.js";
import { chargebeeCreditNoteRoutes } from "./credit-notes.js";
import { chargebeeCustomerRoutes } from "./customers.js";
import { chargebeeEstimateRoutes } from "./estimates.js";
import { decodeParams, FormError, parseForm } from "./form.js";
import { chargebeeGiftRoutes } from "./gifts.js";
import { chargebeeHostedPageRoutes, chargebeePortalSessionRoutes } from "./hosted-pages.js";
import { chargebeeInvoiceRoutes } from "./invoices.js";
import { fromNative } from "./native.js";
import { chargebeeOrderRoutes } from "./orders.js";
import { chargebeeQuoteRoutes } from "./quotes.js";
import { chargebeeSubscriptionTermRoutes } from "./subscription-terms.js";
import { chargebeeSubscriptionRoutes } from "./subscriptions.js";
import { chargebeeTransactionRoutes } from "./transactions.js";
import { chargebeeUnbilledChargeRoutes } from "./unbilled-charges.js";
import { chargebeeUsageRoutes } from "./usages.js";
import { CbError } from "./wire.js";

/** Where the Chargebee surface is mounted (Chargebee's clients append it to the site's host). */
export const CHARGEBEE_PREFIX = "/api/v2";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The Chargebee operation a route of the Chargebee surface serves (`customer.create`). */
    chargebee?: string;
  }
}

export function chargebeeErrorHandler(
  error: FastifyError,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  let cb: CbError;
  if (error instanceof CbError) cb = error;
  else if (error instanceof FormError) {
    cb = new CbError(400, "param_wrong_value", error.message, "invalid_request", error.param);
  } else {
    const { status, body, unexpected } = mapError(error, req.id);
    if (unexpected) req.log.error({ err: error }, "unhandled error");
    cb = fromNative(status, body);
  }
  setErrorHeaders(reply, cb.status);
  return reply.status(cb.status).send(cb.body(req.id));
}

export async function chargebeeApi(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(chargebeeErrorHandler);
  app.setNotFoundHandler((req, reply) => {
    const cb = new CbError(
      404,
      "resource_not_found",
      `no such operation: ${req.method} ${req.url.split("?")[0]}`,
      "invalid_request",
    );
    return reply.status(404).send(cb.body(req.id));
  });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_req, body, done) => {
      try {
        done(null, decodeParams(parseForm(body as string)));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
  // Chargebee's clients send `Content-Type: application/x-www-form-urlencoded` on a bodiless
  // POST too, and bracketed query keys on reads
  app.addHook("preValidation", async (req) => {
    if (req.method === "GET") req.query = decodeParams(req.query as Record<string, unknown>);
    else if (req.body === undefined || req.body === null) req.body = {};
  });
  await app.register(chargebeeCustomerRoutes);
  await app.register(chargebeePaymentSourceRoutes);
  await app.register(chargebeeHierarchyRoutes);
  await app.register(chargebeePromotionalCreditRoutes);
  await app.register(chargebeeTransferRoutes);
  await app.register(chargebeeEventRoutes);
  await app.register(chargebeeTimeMachineRoutes);
  await app.register(chargebeeOrderRoutes);
  await app.register(chargebeeSubscriptionRoutes);
  await app.register(chargebeeSubscriptionTermRoutes);
  await app.register(chargebeeEstimateRoutes);
  await app.register(chargebeeUsageRoutes);
  await app.register(chargebeeUnbilledChargeRoutes);
  await app.register(chargebeeCatalogRoutes);
  await app.register(chargebeeInvoiceRoutes);
  await app.register(chargebeeTransactionRoutes);
  await app.register(chargebeeCreditNoteRoutes);
  await app.register(chargebeeQuoteRoutes);
  await app.register(chargebeeGiftRoutes);
  await app.register(chargebeeHostedPageRoutes);
  await app.register(chargebeePortalSessionRoutes);
}
