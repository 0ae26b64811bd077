import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader, IdParams, Page } from "../schemas.js";
import { CustomerGatewaySchema, GatewayAccountTarget } from "./gateway-accounts.schemas.js";
import {
  AssignRoleInput,
  AuthorizePaymentInput,
  CaptureInput,
  CollectInvoiceInput,
  CollectPaymentInput,
  PaymentSourceInput,
  PaymentSourceListQuery,
  PaymentSourceParams,
  PaymentSourceSchema,
  UpdatePaymentMethodInput,
} from "./payment-sources.schemas.js";
import {
  addPaymentSource,
  assignPaymentRole,
  authorizePayment,
  captureAuthorization,
  collectCustomerPayment,
  collectInvoicePayment,
  copyCardToGatewayAccount,
  deletePaymentSource,
  getCustomerGateway,
  getPaymentSource,
  getPaymentSourceById,
  listPaymentSources,
  switchCustomerGateway,
  switchSourceGatewayAccount,
  syncPayment,
  updatePaymentMethod,
  voidAuthorization,
} from "./payment-sources.service.js";
import { ExcessPaymentBody, PaymentSchema } from "./payments.schemas.js";
import { recordExcessPayment } from "./payments.service.js";

/**
 * A customer's payment sources and collecting through them: `/v1/customers/{id}/payment_sources`,
 * `assign_payment_role`, `update_payment_method`, `collect_payment`, `record_excess_payment`,
 * the gateway accounts holding them (`switch_gateway_account`, `copy_card`,
 * `/v1/customers/{id}/gateway_account`), and `/v1/invoices/{id}/collect_payment`.
 */
export const paymentSourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/customers/:id/payment_sources",
    {
      config: { operation: "payment_sources.list" },
      schema: {
        params: IdParams,
        querystring: PaymentSourceListQuery,
        response: { 200: Page(PaymentSourceSchema) },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        listPaymentSources(ctx, req.params.id, { ...req.query, limit: req.query.limit ?? 20 }),
      ),
  );

  app.get(
    "/customers/:id/payment_sources/:payment_source_id",
    {
      config: { operation: "payment_sources.get" },
      schema: { params: PaymentSourceParams, response: { 200: PaymentSourceSchema } },
    },
    (req) =>
      runRead(req, (ctx) => getPaymentSource(ctx, req.params.id, req.params.payment_source_id)),
  );

  app.get(
    "/payment_sources/:id",
    {
      config: { operation: "payment_sources.retrieve" },
      schema: { params: IdParams, response: { 200: PaymentSourceSchema } },
    },
    (req) => runRead(req, (ctx) => getPaymentSourceById(ctx, req.params.id)),
  );

  app.post(
    "/customers/:id/payment_sources",
    {
      config: { operation: "payment_sources.create" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: PaymentSourceInput,
        response: { 201: PaymentSourceSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await addPaymentSource(ctx, req.params.id, req.body),
      })),
  );

  app.delete(
    "/customers/:id/payment_sources/:payment_source_id",
    {
      config: { operation: "payment_sources.delete" },
      schema: {
        headers: IdempotencyHeader,
        params: PaymentSourceParams,
        response: { 200: PaymentSourceSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await deletePaymentSource(ctx, req.params.id, req.params.payment_source_id),
      })),
  );

  for (const [action, operation, run, status] of [
    [
      "switch_gateway_account",
      "payment_sources.switch_gateway_account",
      switchSourceGatewayAccount,
      200,
    ],
    ["copy_card", "payment_sources.copy_card", copyCardToGatewayAccount, 201],
  ] as const) {
    app.post(
      `/customers/:id/payment_sources/:payment_source_id/${action}`,
      {
        config: { operation },
        schema: {
          headers: IdempotencyHeader,
          params: PaymentSourceParams,
          body: GatewayAccountTarget,
          response: { [status]: PaymentSourceSchema },
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status,
          body: await run(ctx, req.params.id, req.params.payment_source_id, req.body),
        })),
    );
  }

  app.get(
    "/customers/:id/gateway_account",
    {
      config: { operation: "customers.get_gateway_account" },
      schema: { params: IdParams, response: { 200: CustomerGatewaySchema } },
    },
    (req) => runRead(req, (ctx) => getCustomerGateway(ctx, req.params.id)),
  );

  app.post(
    "/customers/:id/switch_gateway_account",
    {
      config: { operation: "customers.switch_gateway_account" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: GatewayAccountTarget,
        response: { 200: CustomerGatewaySchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await switchCustomerGateway(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/customers/:id/assign_payment_role",
    {
      config: { operation: "payment_sources.assign_role" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: AssignRoleInput,
        response: { 200: PaymentSourceSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await assignPaymentRole(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/customers/:id/update_payment_method",
    {
      config: { operation: "customers.update_payment_method" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: UpdatePaymentMethodInput,
        response: { 200: PaymentSourceSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updatePaymentMethod(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/customers/:id/collect_payment",
    {
      config: { operation: "customers.collect_payment" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(CollectPaymentInput),
        response: { 201: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await collectCustomerPayment(ctx, req.params.id, req.body ?? {}),
      })),
  );

  app.post(
    "/customers/:id/record_excess_payment",
    {
      config: { operation: "customers.record_excess_payment" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: ExcessPaymentBody,
        response: { 201: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await recordExcessPayment(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/invoices/:id/collect_payment",
    {
      config: { operation: "invoices.collect_payment" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(CollectInvoiceInput),
        response: { 201: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await collectInvoicePayment(ctx, req.params.id, req.body ?? {}),
      })),
  );

  app.post(
    "/customers/:id/authorize_payment",
    {
      config: { operation: "payments.authorize" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: AuthorizePaymentInput,
        response: { 201: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await authorizePayment(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/payments/:id/capture",
    {
      config: { operation: "payments.capture" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(CaptureInput),
        response: { 200: PaymentSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await captureAuthorization(ctx, req.params.id, req.body ?? {}),
      })),
  );

  for (const [action, operation, run] of [
    ["void", "payments.void_authorization", voidAuthorization],
    ["sync", "payments.sync", syncPayment],
  ] as const) {
    app.post(
      `/payments/:id/${action}`,
      {
        config: { operation },
        schema: { headers: IdempotencyHeader, params: IdParams, response: { 200: PaymentSchema } },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 200,
          body: await run(ctx, req.params.id),
        })),
    );
  }
};
