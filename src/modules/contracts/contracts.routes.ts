import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runEstimate, runMutation, runRead } from "../../http/execute.js";
import {
  approveOrder,
  cancellationPreview,
  commitOrder,
  declineOrder,
  estimateOrder,
  placeOrder,
  previewOrder,
} from "../../workflows/orders.js";
import { createPortalLink } from "../../workflows/portal.js";
import { PreviewSchema } from "../invoicing/index.js";
import { CountedPage, IdempotencyHeader, IdParams, SortedPageQuery, utcDays } from "../schemas.js";
import { CartComponentSchema, ContractSchema, OrderSchema } from "./contracts.schemas.js";
import { endContract, getContract, listContracts } from "./contracts.service.js";
import { getOrder, listOrders } from "./orders.service.js";
import {
  activatePortalLink,
  listPortalLinks,
  MAX_TOKEN_VALIDITY_MINUTES,
  revokePortalLinks,
} from "./self-service.js";

const PortalLinkSchema = Type.Object({
  id: Type.String({ description: "Names the link (made from its token's hash, never the token)" }),
  contract_id: Type.String(),
  status: Type.Union([Type.Literal("live"), Type.Literal("expired"), Type.Literal("revoked")]),
  created_at: Type.String({ format: "date-time" }),
  expires_at: Type.String({ format: "date-time" }),
  revoked_at: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});

const Timestamp = Type.String({ format: "date-time", maxLength: 64 });

const OrderInput = Type.Object(
  {
    customer_id: Type.Optional(
      Type.String({ maxLength: 64, description: "A signup for this customer" }),
    ),
    contract_id: Type.Optional(
      Type.String({ maxLength: 64, description: "An up- or downgrade of this contract" }),
    ),
    plan_variant_id: Type.Optional(
      Type.String({
        maxLength: 64,
        description: "Required on a signup; on a change, absent keeps the plan",
      }),
    ),
    quantity: Type.Optional(
      Type.String({
        pattern: "^[1-9][0-9]{0,8}$",
        description:
          "Plan quantity; on a change without plan_variant_id, the new quantity of the plan variant billed at the change date",
      }),
    ),
    start_date: Type.Optional(Timestamp),
    change_date: Type.Optional(Timestamp),
    components: Type.Optional(
      Type.Array(CartComponentSchema, {
        maxItems: 50,
        description:
          "Quantity-based or on/off components of the plan group: a signup starts with them; a change sets their quantities at the change date",
      }),
    ),
    coupon_code: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          "Redeemed when the order succeeds; its discount starts with the contract or at the change date",
      }),
    ),
    trigger_interim_billing: Type.Optional(
      Type.Boolean({
        description:
          "Bill the contract at once when the order succeeds (an interim invoice), not at its next billing date",
      }),
    ),
    commit: Type.Optional(
      Type.Boolean({
        description:
          "Commit the order in the same request (all or nothing): the answer is the committed order",
      }),
    ),
  },
  {
    additionalProperties: false,
    description:
      "Exactly one of customer_id (signup) and contract_id (change); a change names a plan_variant_id, components or a coupon_code",
  },
);

const OrderEstimateSchema = Type.Object({
  invoice: {
    ...PreviewSchema,
    description:
      "What billing invoices for the order at its start or change date (now, if that is past): for an order taking effect now with trigger_interim_billing, the invoice its success issues at once; otherwise what waits for a later billing. A negative total is a credit note.",
  },
  next_billing_at: Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
    description:
      "When billing looks at the contract next once the order succeeded (and its interim invoice was issued); null: never",
  }),
  next_invoice: Type.Union([PreviewSchema, Type.Null()], {
    description: "What billing would invoice at next_billing_at",
  }),
});

const ContractListQuery = Type.Object(
  {
    ...SortedPageQuery,
    customer_id: Type.Optional(Type.String({ maxLength: 64 })),
    sort: Type.Optional(
      Type.Union([Type.Literal("created"), Type.Literal("start"), Type.Literal("customer")], {
        description:
          "What the list is ordered by, the id breaking ties: created (default; by id, ids sort by creation), start (start_date: when the contract starts) or customer (each customer's contracts together, customers by their ids, which sort by creation). Combines with every filter",
      }),
    ),
    status: Type.Optional({
      ...ContractSchema.properties.status,
      description: "Only the contracts in this status, as of the tenant's now",
    }),
    ...utcDays("start", "Starting"),
    include_total: Type.Optional(
      Type.Boolean({
        description:
          "Also answer total_count: how many contracts match the filters, counted by one more query (its cost grows with the contracts matched)",
      }),
    ),
  },
  { additionalProperties: false },
);

const OrderListQuery = Type.Object(
  {
    ...SortedPageQuery,
    customer_id: Type.Optional(Type.String({ maxLength: 64 })),
    sort: Type.Optional(
      Type.Union([Type.Literal("created"), Type.Literal("updated")], {
        description:
          "What the list is ordered by, the id breaking ties: created (default; by id, ids sort by creation) or updated (updated_at: when the order last changed, e.g. committed, approved or declined). Combines with every filter",
      }),
    ),
    status: Type.Optional({
      ...OrderSchema.properties.status,
      description: "Only the orders in this status",
    }),
    ...utcDays("created", "Created"),
    include_total: Type.Optional(
      Type.Boolean({
        description:
          "Also answer total_count: how many orders match the filters, counted by one more query (its cost grows with the orders matched)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const contractRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/orders",
    {
      config: { operation: "orders.create" },
      schema: { headers: IdempotencyHeader, body: OrderInput, response: { 201: OrderSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await placeOrder(ctx, req.body),
      })),
  );
  app.get(
    "/orders/:id/preview",
    {
      config: { operation: "orders.preview" },
      schema: { params: IdParams, response: { 200: PreviewSchema } },
    },
    (req) => runRead(req, (ctx) => previewOrder(ctx, req.params.id)),
  );
  // the order placed and committed in a savepoint that is rolled back: nothing is kept
  app.post(
    "/orders/estimate",
    {
      config: { operation: "orders.estimate" },
      schema: {
        body: Type.Omit(OrderInput, ["commit"], {
          additionalProperties: false,
          description:
            "An order's fields, as POST /v1/orders takes them: exactly one of customer_id (signup) and contract_id (change)",
        }),
        response: { 200: OrderEstimateSchema },
      },
    },
    (req) => runEstimate(req, (ctx) => estimateOrder(ctx, req.body)),
  );
  app.get(
    "/orders",
    {
      config: { operation: "orders.list" },
      schema: {
        querystring: OrderListQuery,
        response: {
          200: CountedPage(OrderSchema, "how many orders match the filters"),
        },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        listOrders(ctx, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          customerId: req.query.customer_id,
          status: req.query.status,
          createdFrom: req.query.created_from,
          createdTo: req.query.created_to,
          sort: req.query.sort,
          order: req.query.order,
          includeTotal: req.query.include_total,
        }),
      ),
  );
  app.get(
    "/orders/:id",
    {
      config: { operation: "orders.get" },
      schema: { params: IdParams, response: { 200: OrderSchema } },
    },
    (req) => runRead(req, (ctx) => getOrder(ctx, req.params.id)),
  );
  app.post(
    "/orders/:id/commit",
    {
      config: { operation: "orders.commit" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            {
              payment_method: Type.Optional(
                Type.String({
                  minLength: 1,
                  maxLength: 100,
                  description:
                    'How the customer pays ("Role:Provider", e.g. "Debit:Stripe"); required for a signup when the plan variant does not allow one without payment data',
                }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        response: { 200: OrderSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await commitOrder(ctx, req.params.id, req.body ?? {}),
      })),
  );
  for (const [action, fn] of [
    ["approve", approveOrder],
    ["decline", declineOrder],
  ] as const) {
    app.post(
      `/orders/:id/${action}`,
      {
        config: { operation: `orders.${action}` },
        schema: { headers: IdempotencyHeader, params: IdParams, response: { 200: OrderSchema } },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 200,
          body: await fn(ctx, req.params.id),
        })),
    );
  }

  app.get(
    "/contracts",
    {
      config: { operation: "contracts.list" },
      schema: {
        querystring: ContractListQuery,
        response: {
          200: CountedPage(ContractSchema, "how many contracts match the filters"),
        },
      },
    },
    (req) =>
      runRead(req, (ctx) =>
        listContracts(ctx, {
          limit: req.query.limit ?? 20,
          cursor: req.query.cursor,
          customerId: req.query.customer_id,
          status: req.query.status,
          startFrom: req.query.start_from,
          startTo: req.query.start_to,
          sort: req.query.sort,
          order: req.query.order,
          includeTotal: req.query.include_total,
        }),
      ),
  );
  app.get(
    "/contracts/:id",
    {
      config: { operation: "contracts.get" },
      schema: { params: IdParams, response: { 200: ContractSchema } },
    },
    (req) => runRead(req, (ctx) => getContract(ctx, req.params.id)),
  );
  app.post(
    "/contracts/:id/end",
    {
      config: { operation: "contracts.end" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Object({ end_date: Timestamp }, { additionalProperties: false }),
        response: { 200: ContractSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await endContract(ctx, req.params.id, req.body),
      })),
  );

  app.get(
    "/contracts/:id/cancellation_preview",
    {
      config: { operation: "contracts.cancellation_preview" },
      schema: {
        params: IdParams,
        response: {
          200: Type.Object({
            last_notice_date: Type.String({
              format: "date",
              description:
                "The last day (customer's calendar) a cancellation still reaches end_date",
            }),
            end_date: Type.String({ format: "date-time" }),
            already_ending: Type.Boolean({
              description:
                "The contract already ends at end_date (an end set before, or the end of a first term that does not renew); a cancellation changes nothing",
            }),
            contract_after: ContractSchema,
            invoice: PreviewSchema,
          }),
        },
      },
    },
    (req) => runRead(req, (ctx) => cancellationPreview(ctx, req.params.id)),
  );

  app.post(
    "/contracts/:id/self_service_token",
    {
      config: { operation: "contracts.self_service_token" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            {
              validity_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
              send_email: Type.Optional(
                Type.Boolean({
                  description:
                    "Mail the link to the customer (billing contacts, else its own address) as a portal_link message",
                }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        response: {
          201: Type.Object({
            token: Type.Union([Type.String(), Type.Null()], {
              description: `Shown once (null on an idempotent replay); valid up to ${MAX_TOKEN_VALIDITY_MINUTES} minutes`,
            }),
            expires_at: Type.String({ format: "date-time" }),
            url: Type.Union([Type.String(), Type.Null()]),
            message_ids: Type.Optional(
              Type.Array(Type.String(), {
                description: "With send_email: the messages queued, one per recipient",
              }),
            ),
          }),
        },
      },
    },
    (req, reply) =>
      runMutation<{
        token: string | null;
        expires_at: string;
        url: string | null;
        message_ids?: string[];
      }>(req, reply, async (ctx) => {
        const created = await createPortalLink(ctx, {
          contractId: req.params.id,
          validityMinutes: req.body?.validity_minutes,
          publicUrl: app.publicUrl,
          sendEmail: req.body?.send_email ?? false,
          defaultSender: app.messageSender,
        });
        return { status: 201, body: created, replayBody: { ...created, token: null, url: null } };
      }),
  );

  app.get(
    "/contracts/:id/portal_links",
    {
      config: { operation: "contracts.portal_links" },
      schema: {
        params: IdParams,
        response: { 200: Type.Object({ data: Type.Array(PortalLinkSchema) }) },
      },
    },
    (req) => runRead(req, async (ctx) => ({ data: await listPortalLinks(ctx, req.params.id) })),
  );

  app.post(
    "/contracts/:id/portal_links/revoke",
    {
      config: { operation: "contracts.revoke_portal_links" },
      schema: {
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(
          Type.Object(
            {
              link_id: Type.Optional(
                Type.String({
                  pattern: "^ssl_[0-9a-f]{24}$",
                  description: "The link to revoke; default: every live link of the contract",
                }),
              ),
            },
            { additionalProperties: false },
          ),
        ),
        response: { 200: Type.Object({ revoked: Type.Array(Type.String()) }) },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await revokePortalLinks(ctx, req.params.id, req.body?.link_id),
      })),
  );

  app.post(
    "/portal_sessions/activate",
    {
      config: { operation: "portal_sessions.activate" },
      schema: {
        headers: IdempotencyHeader,
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200, description: "The link's token" }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            id: Type.String({ description: "The portal link (as its portal_links list names it)" }),
            contract_id: Type.String(),
            customer_id: Type.String(),
            status: Type.Literal("activated"),
            activated_at: Type.String({ format: "date-time" }),
            expires_at: Type.String({ format: "date-time" }),
          }),
        },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await activatePortalLink(ctx, req.body.token),
      })),
  );
};
