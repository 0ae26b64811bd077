import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { cancelFulfilmentOrder, refundFulfilmentOrder } from "../../workflows/fulfilment.js";
import { IdempotencyHeader, IdParams, Page } from "../schemas.js";
import {
  AssignNumberBody,
  CancelFulfilmentOrderBody,
  CreateFulfilmentOrderBody,
  FulfilmentOrderQuery,
  FulfilmentOrderSchema,
  ImportFulfilmentOrderBody,
  RefundFulfilmentOrderBody,
  ResendFulfilmentOrderBody,
  UpdateFulfilmentOrderBody,
} from "./fulfilment.schemas.js";
import {
  assignOrderNumber,
  createFulfilmentOrder,
  deleteFulfilmentOrder,
  getFulfilmentOrder,
  importFulfilmentOrder,
  listFulfilmentOrders,
  reopenFulfilmentOrder,
  resendFulfilmentOrder,
  updateFulfilmentOrder,
} from "./fulfilment.service.js";

const One = { 200: FulfilmentOrderSchema };

export const fulfilmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/fulfilment_orders",
    {
      config: { operation: "fulfilment_orders.create" },
      schema: {
        description:
          "Creates an order for goods of an issued invoice: the chosen invoice lines (every line with an amount when none is chosen), each with the quantity shipped and its amount. The invoice's live orders never ship more of a line than it bills (422 fulfilment_quantity_exceeds_line). The number is the next of the tenant's sequence unless given (409 fulfilment_order_number_taken).",
        headers: IdempotencyHeader,
        body: CreateFulfilmentOrderBody,
        response: { 201: FulfilmentOrderSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createFulfilmentOrder(ctx, req.body),
      })),
  );

  app.post(
    "/fulfilment_orders/import",
    {
      config: { operation: "fulfilment_orders.import" },
      schema: {
        description:
          "Imports an order another system made for goods of an issued invoice, with its own number, status and dates.",
        headers: IdempotencyHeader,
        body: ImportFulfilmentOrderBody,
        response: { 201: FulfilmentOrderSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await importFulfilmentOrder(ctx, req.body),
      })),
  );

  app.get(
    "/fulfilment_orders",
    {
      config: { operation: "fulfilment_orders.list" },
      schema: {
        querystring: FulfilmentOrderQuery,
        response: { 200: Page(FulfilmentOrderSchema) },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        listFulfilmentOrders(ctx, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          invoiceId: req.query.invoice_id,
          customerId: req.query.customer_id,
          status: req.query.status,
        }),
      ),
  );

  app.get(
    "/fulfilment_orders/:id",
    {
      config: { operation: "fulfilment_orders.get" },
      schema: { params: IdParams, response: One },
    },
    (req) => runRead(req, (ctx) => getFulfilmentOrder(ctx, req.params.id)),
  );

  app.patch(
    "/fulfilment_orders/:id",
    {
      config: { operation: "fulfilment_orders.update" },
      schema: {
        description:
          "Moves an order on (new → processing → complete or shipped → delivered → returned) and changes its tracking id, tracking URL, carrier, shipping address or notes. Any other move is 409 fulfilment_order_transition_not_allowed.",
        headers: IdempotencyHeader,
        params: IdParams,
        body: UpdateFulfilmentOrderBody,
        response: One,
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateFulfilmentOrder(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/fulfilment_orders/:id/assign_order_number",
    {
      config: { operation: "fulfilment_orders.assign_order_number" },
      schema: {
        description:
          "Numbers an order that has no number yet: the given number, or the next of the tenant's sequence.",
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(AssignNumberBody),
        response: One,
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await assignOrderNumber(ctx, req.params.id, req.body?.number),
      })),
  );

  app.post(
    "/fulfilment_orders/:id/cancel",
    {
      config: { operation: "fulfilment_orders.cancel" },
      schema: {
        description:
          "Cancels a new, processing or complete order. With `credit_note: true` a credit note for the order's amount is issued against its invoice (needs invoices:write too); the order can then not be reopened.",
        headers: IdempotencyHeader,
        params: IdParams,
        body: CancelFulfilmentOrderBody,
        response: One,
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await cancelFulfilmentOrder(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/fulfilment_orders/:id/refund",
    {
      config: { operation: "fulfilment_orders.refund" },
      schema: {
        description:
          "Issues a refundable credit note for a delivered or returned order's amount against its invoice (once per order; needs invoices:write too).",
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(RefundFulfilmentOrderBody),
        response: One,
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await refundFulfilmentOrder(ctx, req.params.id, req.body ?? {}),
      })),
  );

  app.post(
    "/fulfilment_orders/:id/reopen",
    {
      config: { operation: "fulfilment_orders.reopen" },
      schema: {
        description:
          "Takes a cancelled order back to new, unless a credit note was issued for its cancellation (409 fulfilment_order_credited).",
        headers: IdempotencyHeader,
        params: IdParams,
        response: One,
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await reopenFulfilmentOrder(ctx, req.params.id),
      })),
  );

  app.delete(
    "/fulfilment_orders/:id",
    {
      config: { operation: "fulfilment_orders.delete" },
      schema: {
        description:
          "Deletes a new or cancelled order; any other is 409 fulfilment_order_not_deletable.",
        headers: IdempotencyHeader,
        params: IdParams,
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await deleteFulfilmentOrder(ctx, req.params.id);
        return { status: 204, body: undefined };
      }),
  );

  app.post(
    "/fulfilment_orders/:id/resend",
    {
      config: { operation: "fulfilment_orders.resend" },
      schema: {
        description:
          "Creates a new order shipping a shipped or delivered order's lines again (lost in transit, damaged), linked by `resent_from`; an order has at most one live resend.",
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(ResendFulfilmentOrderBody),
        response: { 201: FulfilmentOrderSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await resendFulfilmentOrder(ctx, req.params.id, req.body ?? {}),
      })),
  );
};
