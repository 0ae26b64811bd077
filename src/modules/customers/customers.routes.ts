import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { changeBillingDate } from "../../workflows/billing-date.js";
import { mergeCustomers } from "../../workflows/customer-merge.js";
import { CountedPage, IdempotencyHeader, IdParams } from "../schemas.js";
import {
  CustomerAddressInput,
  CustomerBillingInfoInput,
  CustomerCreateInput,
  CustomerInput,
  CustomerListQuery,
  CustomerPatch,
  CustomerSchema,
} from "./customers.schemas.js";
import {
  clearPersonalData,
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  patchCustomer,
  replaceCustomer,
  setCustomerLocked,
  updateAddress,
  updateBillingInfo,
} from "./customers.service.js";

const MergeInput = Type.Object(
  {
    from_customer_id: Type.String({
      maxLength: 64,
      description: "The customer merged: its records move, then it is deleted",
    }),
    to_customer_id: Type.String({ maxLength: 64, description: "The customer that remains" }),
  },
  { additionalProperties: false },
);

const MergeResultSchema = Type.Object({
  customer: CustomerSchema,
  merged_customer_id: Type.String(),
  moved: Type.Object({
    contracts: Type.Integer(),
    documents: Type.Integer({ description: "Invoices and credit notes" }),
    payments: Type.Integer({ description: "Payments, refunds and write-offs" }),
    payment_sources: Type.Integer(),
    contacts: Type.Integer(),
    promotional_credit_currencies: Type.Array(Type.String()),
  }),
});

const BillingDateInput = Type.Object(
  {
    billing_date: Type.Optional(
      Type.Union([Type.Integer(), Type.Null()], {
        description:
          "The day of the month (1–28) the customer's contracts renew on; required with manually_set",
      }),
    ),
    billing_date_mode: Type.Optional(
      Type.Union([Type.Literal("manually_set"), Type.Literal("using_defaults")], {
        description:
          "manually_set (default): set billing_date; using_defaults: clear it (contracts keep the day they renew on now)",
      }),
    ),
  },
  { additionalProperties: false },
);

const BillingDateResultSchema = Type.Object({
  customer: CustomerSchema,
  contracts: Type.Array(
    Type.Object({
      contract_id: Type.String(),
      current_period_start: Type.String({
        format: "date",
        description: "The current billing period's first day (the customer's calendar)",
      }),
      current_period_end: Type.String({
        format: "date",
        description: "The day after the current billing period (end exclusive)",
      }),
      anchor: Type.Union([Type.String({ format: "date" }), Type.Null()], {
        description:
          "The first renewal on the new day: the days from current_period_end to it are a prorated period; null when the contract renews on that day already",
      }),
    }),
    { description: "The customer's running contracts (not the ended ones)" },
  ),
});

export const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/customers/merge",
    {
      config: { operation: "customers.merge" },
      schema: {
        headers: IdempotencyHeader,
        body: MergeInput,
        response: { 200: MergeResultSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await mergeCustomers(ctx, req.body),
      })),
  );

  app.post(
    "/customers",
    {
      config: { operation: "customers.create" },
      schema: {
        headers: IdempotencyHeader,
        body: CustomerCreateInput,
        response: { 201: CustomerSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createCustomer(ctx, req.body),
      })),
  );

  app.get(
    "/customers",
    {
      config: { operation: "customers.list" },
      schema: {
        querystring: CustomerListQuery,
        response: {
          200: CountedPage(CustomerSchema, "how many customers match the filters"),
        },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        listCustomers(ctx, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          externalId: req.query.external_id,
          email: req.query.email,
          search: req.query.q,
          sort: req.query.sort,
          order: req.query.order,
          includeTotal: req.query.include_total,
        }),
      ),
  );

  app.get(
    "/customers/:id",
    {
      config: { operation: "customers.get" },
      schema: { params: IdParams, response: { 200: CustomerSchema } },
    },
    (req) => runRead(req, (ctx) => getCustomer(ctx, req.params.id)),
  );

  app.put(
    "/customers/:id",
    {
      config: { operation: "customers.replace" },
      schema: { params: IdParams, body: CustomerInput, response: { 200: CustomerSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await replaceCustomer(ctx, req.params.id, req.body),
      })),
  );

  app.patch(
    "/customers/:id",
    {
      config: { operation: "customers.update" },
      schema: { params: IdParams, body: CustomerPatch, response: { 200: CustomerSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await patchCustomer(ctx, req.params.id, req.body),
      })),
  );

  app.delete(
    "/customers/:id",
    { config: { operation: "customers.delete" }, schema: { params: IdParams } },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await deleteCustomer(ctx, req.params.id);
        return { status: 204, body: undefined };
      }),
  );

  app.post(
    "/customers/:id/clear_personal_data",
    {
      config: { operation: "customers.clear_personal_data" },
      schema: { headers: IdempotencyHeader, params: IdParams, response: { 200: CustomerSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await clearPersonalData(ctx, req.params.id),
      })),
  );

  app.post(
    "/customers/:id/update_billing_info",
    {
      config: { operation: "customers.update_billing_info" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: CustomerBillingInfoInput,
        response: { 200: CustomerSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateBillingInfo(ctx, req.params.id, req.body),
      })),
  );

  app.post(
    "/customers/:id/update_address",
    {
      config: { operation: "customers.update_address" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: CustomerAddressInput,
        response: { 200: CustomerSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateAddress(ctx, req.params.id, req.body.address),
      })),
  );

  app.post(
    "/customers/:id/change_billing_date",
    {
      config: { operation: "customers.change_billing_date" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: BillingDateInput,
        response: { 200: BillingDateResultSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await changeBillingDate(ctx, req.params.id, req.body),
      })),
  );

  for (const [action, locked] of [
    ["lock", true],
    ["unlock", false],
  ] as const) {
    app.post(
      `/customers/:id/${action}`,
      {
        config: { operation: `customers.${action}` },
        schema: { headers: IdempotencyHeader, params: IdParams, response: { 200: CustomerSchema } },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 200,
          body: await setCustomerLocked(ctx, req.params.id, locked),
        })),
    );
  }
};
