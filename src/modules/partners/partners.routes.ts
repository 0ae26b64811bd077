import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Temporal } from "temporal-polyfill";
import { Type } from "typebox";
import { invalid } from "../../domain/errors.js";
import { assertInstantInRange } from "../../domain/time/index.js";
import { runMutation, runRead } from "../../http/execute.js";
import {
  freezeCustomer,
  getPartnerOrder,
  listPartnerOrders,
  sendVerificationCode,
  unfreezeCustomer,
} from "../../workflows/partners.js";
import { CountedPage, IdempotencyHeader, IdParams, Page, PageQuery } from "../schemas.js";
import { billSummary, getBudget, setBudget } from "./budgets.js";
import {
  BillSummarySchema,
  BudgetBody,
  BudgetSchema,
  CreatePartnerBody,
  CustomerListQuery,
  FreezeBody,
  IdentityCheckBody,
  OrderListQuery,
  PartnerCustomerSchema,
  PartnerOrderSchema,
  PartnerSchema,
  RegisterBody,
  VerificationCodeBody,
  VerificationCodeSchema,
} from "./partners.schemas.js";
import {
  checkIdentity,
  createPartner,
  getPartner,
  listCustomersOf,
  listPartners,
  listResellers,
  partnerCustomer,
  registerCustomer,
  toPartnerCustomer,
  visiblePartner,
} from "./partners.service.js";

const CustomerParams = Type.Object({
  id: Type.String({ maxLength: 64 }),
  customer_id: Type.String({ maxLength: 64 }),
});
const OrderParams = Type.Object({
  id: Type.String({ maxLength: 64 }),
  order_id: Type.String({ maxLength: 64 }),
});

const date = (value: string | undefined, field: string): Date | undefined => {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw invalid("invalid_timestamp", `${field} is not a timestamp`, { field });
  // within the supported range, or date_out_of_range (src/domain/time/bounds.ts)
  assertInstantInRange(Temporal.Instant.fromEpochMilliseconds(d.getTime()), field, value);
  return d;
};

export const partnerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/partners",
    {
      config: { operation: "partners.create" },
      schema: {
        headers: IdempotencyHeader,
        body: CreatePartnerBody,
        response: { 201: PartnerSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createPartner(ctx, req.body),
      })),
  );

  app.get(
    "/partners",
    {
      config: { operation: "partners.list" },
      schema: { querystring: PageQuery, response: { 200: Page(PartnerSchema) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listPartners(ctx, { limit: req.query.limit ?? 20, cursor: req.query.cursor }),
      ),
  );

  app.get(
    "/partners/:id",
    {
      config: { operation: "partners.get" },
      schema: { params: IdParams, response: { 200: PartnerSchema } },
    },
    (req) => runRead(req, (ctx) => getPartner(ctx, req.params.id)),
  );

  app.get(
    "/partners/:id/resellers",
    {
      config: { operation: "partners.resellers.list" },
      schema: { params: IdParams, querystring: PageQuery, response: { 200: Page(PartnerSchema) } },
    },
    (req) =>
      runRead(req, async (ctx) =>
        listResellers(ctx, await visiblePartner(ctx, req.params.id), {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
        }),
      ),
  );

  app.post(
    "/partners/:id/identity_checks",
    {
      config: { operation: "partners.identity_check" },
      schema: {
        params: IdParams,
        body: IdentityCheckBody,
        response: { 200: Type.Object({ available: Type.Boolean() }) },
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        await visiblePartner(ctx, req.params.id);
        return checkIdentity(ctx, req.body);
      }),
  );

  app.post(
    "/partners/:id/verification_codes",
    {
      config: { operation: "partners.verification_codes.create" },
      schema: {
        params: IdParams,
        headers: IdempotencyHeader,
        body: VerificationCodeBody,
        response: { 201: VerificationCodeSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await sendVerificationCode(ctx, await visiblePartner(ctx, req.params.id), req.body, {
          defaultSender: app.messageSender,
        }),
      })),
  );

  app.post(
    "/partners/:id/customers",
    {
      config: { operation: "partners.customers.create" },
      schema: {
        params: IdParams,
        headers: IdempotencyHeader,
        body: RegisterBody,
        response: { 201: PartnerCustomerSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await registerCustomer(ctx, await visiblePartner(ctx, req.params.id), req.body),
      })),
  );

  app.get(
    "/partners/:id/customers",
    {
      config: { operation: "partners.customers.list" },
      schema: {
        params: IdParams,
        querystring: CustomerListQuery,
        response: { 200: Page(PartnerCustomerSchema) },
      },
    },
    (req) =>
      runRead(req, async (ctx) =>
        listCustomersOf(ctx, await visiblePartner(ctx, req.params.id), {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          accountName: req.query.account_name,
          name: req.query.name,
          frozen: req.query.frozen,
        }),
      ),
  );

  app.get(
    "/partners/:id/customers/:customer_id",
    {
      config: { operation: "partners.customers.get" },
      schema: { params: CustomerParams, response: { 200: PartnerCustomerSchema } },
    },
    (req) =>
      runRead(req, async (ctx) =>
        toPartnerCustomer(
          await partnerCustomer(
            ctx,
            await visiblePartner(ctx, req.params.id),
            req.params.customer_id,
          ),
        ),
      ),
  );

  for (const [action, fn] of [
    ["freeze", freezeCustomer],
    ["unfreeze", unfreezeCustomer],
  ] as const) {
    app.post(
      `/partners/:id/customers/:customer_id/${action}`,
      {
        config: { operation: `partners.customers.${action}` },
        schema: {
          params: CustomerParams,
          headers: IdempotencyHeader,
          body: FreezeBody,
          response: { 200: PartnerCustomerSchema },
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 200,
          body: await fn(
            ctx,
            await visiblePartner(ctx, req.params.id),
            req.params.customer_id,
            req.body.reason,
          ),
        })),
    );
  }

  app.get(
    "/partners/:id/customers/:customer_id/budget",
    {
      config: { operation: "partners.budgets.get" },
      schema: { params: CustomerParams, response: { 200: BudgetSchema } },
    },
    (req) =>
      runRead(req, async (ctx) =>
        getBudget(ctx, await visiblePartner(ctx, req.params.id), req.params.customer_id),
      ),
  );

  app.put(
    "/partners/:id/customers/:customer_id/budget",
    {
      config: { operation: "partners.budgets.set" },
      schema: {
        params: CustomerParams,
        headers: IdempotencyHeader,
        body: BudgetBody,
        response: { 200: BudgetSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await setBudget(
          ctx,
          await visiblePartner(ctx, req.params.id),
          req.params.customer_id,
          req.body,
        ),
      })),
  );

  app.get(
    "/partners/:id/orders",
    {
      config: { operation: "partners.orders.list" },
      schema: {
        params: IdParams,
        querystring: OrderListQuery,
        response: {
          200: CountedPage(PartnerOrderSchema, "how many orders match the filters"),
        },
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const { data, has_more, next_cursor, count } = await listPartnerOrders(
          ctx,
          await visiblePartner(ctx, req.params.id),
          {
            limit: req.query.limit ?? 20,
            cursor: req.query.cursor,
            customer_id: req.query.customer_id,
            status: req.query.status,
            created_from: date(req.query.created_from, "created_from"),
            created_to: date(req.query.created_to, "created_to"),
          },
        );
        return req.query.include_total
          ? { data, has_more, next_cursor, total_count: count }
          : { data, has_more, next_cursor };
      }),
  );

  app.get(
    "/partners/:id/orders/:order_id",
    {
      config: { operation: "partners.orders.get" },
      schema: { params: OrderParams, response: { 200: PartnerOrderSchema } },
    },
    (req) =>
      runRead(req, async (ctx) =>
        getPartnerOrder(ctx, await visiblePartner(ctx, req.params.id), req.params.order_id),
      ),
  );

  app.get(
    "/partners/:id/bill_summary",
    {
      config: { operation: "partners.bill_summary" },
      schema: {
        params: IdParams,
        querystring: Type.Object(
          {
            period: Type.String({
              pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$",
              description: "The month, YYYY-MM (issue dates of the documents)",
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: BillSummarySchema },
      },
    },
    (req) =>
      runRead(req, async (ctx) =>
        billSummary(ctx, await visiblePartner(ctx, req.params.id), req.query.period),
      ),
  );
};
