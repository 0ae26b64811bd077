/**
 * Paying and payment methods in the customer portal, under /portal/api with the self-service
 * token (registered by portal.routes.ts). Every route acts on the token's customer only: an
 * invoice or payment source of another customer is not found.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { ErrorBody } from "../../http/errors.js";
import { type Result, runMutation, runRead } from "../../http/execute.js";
import { portalReturnCookie, type ReturnPage } from "../../http/portal-return.js";
import { systemClock } from "../../lib/clock.js";
import { logCancelRefused } from "../../workflows/payment-expiry.js";
import {
  portalAddPaymentSource,
  portalConfirmPayment,
  portalMakePrimary,
  portalPay,
  portalPaymentSources,
  portalPayments,
  portalRemovePaymentSource,
  portalStartSourceSetup,
} from "../../workflows/portal-payments.js";
import { PaymentSourceCompleteBody } from "../hosted-pages/index.js";
import type { Payment } from "../payments/index.js";
import { IdempotencyHeader } from "../schemas.js";

const contractOf = (req: FastifyRequest): string => {
  const actor = req.principal?.actor;
  if (actor?.type !== "self_service") throw new Error("portal route without a portal principal");
  return actor.id;
};

const PayBody = Type.Object(
  {
    invoice_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: "The open invoice to pay; absent: everything the customer owes",
      }),
    ),
    currency: Type.Optional(
      Type.String({
        pattern: "^[A-Z]{3}$",
        description:
          "Without invoice_id: the currency to pay in, when the customer owes in several",
      }),
    ),
  },
  { additionalProperties: false },
);

const SourceParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

/**
 * A 422 refusal of what the payment came to, answered while the unit of work commits the
 * payment as it is: stored as a refusal, so that a retry with the same Idempotency-Key
 * answers the same 422.
 */
function refusedWith(
  code: "portal_payment_failed" | "payment_authentication_expired",
  message: string,
  payment: Payment,
  requestId: string,
): Result<ErrorBody> {
  const refusal = { code, message, details: { payment_id: payment.id, failure: payment.failure } };
  return {
    status: 422,
    body: { error: { ...refusal, request_id: requestId } },
    replayBody: { kind: "unprocessable", ...refusal } as unknown as ErrorBody,
  };
}

/**
 * The answer to a charge: 201 with the payment, or — when the gateway declined it — 422
 * `portal_payment_failed` with the gateway's message. The failed payment is kept either way.
 */
function charged(payment: Payment, requestId: string): Result<Payment | ErrorBody> {
  if (payment.status !== "failed") return { status: 201, body: payment };
  const message = `the payment failed: ${payment.failure?.message ?? payment.status}`;
  return refusedWith("portal_payment_failed", message, payment, requestId);
}

/**
 * The answer to a confirmation: 200 with where to send the customer (or the payment settled),
 * or — when the payment waited past the tenant's `authentication_expiry_hours` and was
 * expired, by the worker or by this confirmation — 422 `payment_authentication_expired`.
 */
function confirmed(
  answer: { payment: Payment; redirect_url: string | null },
  requestId: string,
): Result<typeof answer | ErrorBody> {
  const { payment } = answer;
  if (payment.status !== "failed" || payment.failure?.code !== "authentication_expired") {
    return { status: 200, body: answer };
  }
  const message =
    "the payment waited too long for the bank's confirmation and was cancelled; nothing was taken";
  return refusedWith("payment_authentication_expired", message, payment, requestId);
}

export const portalPaymentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** Lets the return page the customer is sent towards lead back to this portal link. */
  const rememberPortal = (req: FastifyRequest, reply: FastifyReply, page: ReturnPage) => {
    const cookie = portalReturnCookie(req.headers.authorization, page, app.publicUrl);
    if (cookie) reply.header("set-cookie", cookie);
  };

  app.get("/payments", { config: { operation: "portal.payments" } }, (req) =>
    runRead(req, (ctx) => portalPayments(ctx, contractOf(req))),
  );

  app.post(
    "/pay",
    {
      config: { operation: "portal.pay" },
      schema: { headers: IdempotencyHeader, body: Type.Optional(PayBody) },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) =>
        charged(await portalPay(ctx, contractOf(req), req.body ?? {}), req.id),
      ),
  );

  app.post(
    "/payments/:id/confirm",
    {
      config: { operation: "portal.payment_confirm" },
      schema: { headers: IdempotencyHeader, params: SourceParams },
    },
    (req, reply) => {
      rememberPortal(req, reply, "payment");
      return runMutation(req, reply, async (ctx) =>
        confirmed(
          await portalConfirmPayment(ctx, contractOf(req), req.params.id, {
            publicUrl: app.publicUrl,
            now: new Date(systemClock.now().epochMilliseconds),
            onCancelRefused: (refusal) => logCancelRefused(req.log, refusal),
          }),
          req.id,
        ),
      );
    },
  );

  app.get("/payment_sources", { config: { operation: "portal.payment_sources" } }, (req) =>
    runRead(req, (ctx) => portalPaymentSources(ctx, contractOf(req))),
  );

  app.post(
    "/payment_sources",
    {
      config: { operation: "portal.payment_source_add" },
      schema: { headers: IdempotencyHeader, body: PaymentSourceCompleteBody },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await portalAddPaymentSource(ctx, contractOf(req), req.body),
      })),
  );

  app.post(
    "/payment_sources/setup",
    {
      config: { operation: "portal.payment_source_setup" },
      schema: { headers: IdempotencyHeader },
    },
    (req, reply) => {
      rememberPortal(req, reply, "payment_method");
      return runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await portalStartSourceSetup(ctx, contractOf(req), {
          publicUrl: app.publicUrl,
          now: new Date(systemClock.now().epochMilliseconds),
        }),
      }));
    },
  );

  app.post(
    "/payment_sources/:id/primary",
    {
      config: { operation: "portal.payment_source_primary" },
      schema: { headers: IdempotencyHeader, params: SourceParams },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await portalMakePrimary(ctx, contractOf(req), req.params.id),
      })),
  );

  app.delete(
    "/payment_sources/:id",
    {
      config: { operation: "portal.payment_source_remove" },
      schema: { headers: IdempotencyHeader, params: SourceParams },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await portalRemovePaymentSource(ctx, contractOf(req), req.params.id),
      })),
  );
};
