/**
 * Huawei Cloud Partner Center-compatible partner APIs under `/v2` (seed 001): Huawei's paths,
 * snake_case wire shapes and `{error_code, error_msg}` envelope, over the same operations,
 * permission codes (the BPC_ITEM_… action codes, any one of which allows a call),
 * transactions and audit as the native `/v1/partners` API. Wire format only: every rule lives
 * in modules/partners.
 *
 * Credentials: an API key (or access token) bound to a partner, as `X-Auth-Token` or
 * `Authorization: Bearer`. `indirect_partner_id` acts for one of the partner's resellers.
 * See docs/compat/huawei.md.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import { Type } from "typebox";
import { type ErrorCode, invalid, notFound } from "../../domain/errors.js";
import { assertInstantInRange } from "../../domain/time/index.js";
import { mapError, setErrorHeaders } from "../../http/errors.js";
import { runMutation, runRead } from "../../http/execute.js";
import {
  actingPartner,
  billSummary,
  checkIdentity,
  getBudget,
  listCustomersOf,
  listResellers,
  type PartnerCustomer,
  registerCustomer,
  setBudget,
} from "../../modules/partners/index.js";
import {
  freezeCustomer,
  getPartnerOrder,
  listPartnerOrders,
  sendVerificationCode,
  unfreezeCustomer,
} from "../../workflows/partners.js";

export const HUAWEI_PREFIX = "/v2";

// ---- wire shapes ------------------------------------------------------------------------------

const Id = Type.String({ maxLength: 64 });
const Indirect = Type.Optional(Type.String({ maxLength: 64 }));
const Offset = Type.Optional(Type.Integer({ minimum: 0, maximum: 40_000_000 }));
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 100 }));
const HuaweiTime = Type.Optional(Type.String({ maxLength: 32 }));

/** Huawei's times: UTC `yyyy-MM-ddTHH:mm:ssZ`. */
const huaweiTime = (iso: string | null) => (iso === null ? null : `${iso.slice(0, 19)}Z`);

function time(value: string | undefined, field: string): Date | undefined {
  if (value === undefined || value === "") return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    throw invalid("invalid_timestamp", `${field} is not a time (yyyy-MM-ddTHH:mm:ssZ)`, {
      field,
    });
  }
  // within the supported range, or date_out_of_range (src/domain/time/bounds.ts)
  assertInstantInRange(Temporal.Instant.fromEpochMilliseconds(d.getTime()), field, value);
  return d;
}

/** A decimal string as the JSON number Huawei sends. */
const num = (s: string) => Number(s);

const toCustomerInfo = (c: PartnerCustomer) => ({
  customer: c.company_name ?? ([c.first_name, c.last_name].filter(Boolean).join(" ") || null),
  account_name: c.account_name,
  customer_id: c.id,
  associated_on: huaweiTime(c.associated_at),
  association_type: "3",
  telephone: c.mobile,
  verified_status: "-1",
  country_code: c.country,
  customer_type: c.company_name ? 1 : 0,
  is_frozen: c.frozen ? 1 : 0,
  account_managers: [],
  xaccount_id: c.xaccount_id,
  xaccount_type: c.xaccount_type,
});

/** Order states as Huawei numbers them. */
const ORDER_STATUS: Record<string, number> = {
  approval_pending: 1,
  in_progress: 6,
  declined: 4,
  succeeded: 5,
};
const STATUS_OF = Object.fromEntries(Object.entries(ORDER_STATUS).map(([k, v]) => [String(v), k]));

const toOrderInfo = (o: Awaited<ReturnType<typeof getPartnerOrder>>) => ({
  order_id: o.id,
  customer_id: o.customer_id,
  source_type: 2,
  status: ORDER_STATUS[o.status] ?? 3,
  order_type: o.type === "signup" ? 1 : 3,
  measure_id: 1,
  create_time: huaweiTime(o.created_at),
  payment_time: o.status === "succeeded" ? huaweiTime(o.updated_at) : null,
  currency: o.currency,
  contract_id: o.contract_id,
});

// ---- errors -----------------------------------------------------------------------------------

/** Accrue's codes that Huawei clients know by their own. */
const CODES: Partial<Record<ErrorCode, [number, string]>> = {
  reseller_not_permitted: [400, "CBC.99000037"],
  permission_denied: [403, "CBC.0151"],
  partner_credentials_required: [403, "CBC.0151"],
};

function huaweiError(error: unknown, requestId: string) {
  const { status, body } = mapError(error, requestId);
  const known = CODES[body.error.code];
  const code =
    known?.[1] ??
    (status >= 500 ? "CBC.0999" : status === 401 || status === 403 ? "CBC.0151" : "CBC.0100");
  return {
    status: known?.[0] ?? (status === 422 ? 400 : status),
    body: {
      error_code: code,
      error_msg: `${body.error.code}: ${body.error.message}`,
      request_id: body.error.request_id,
    },
  };
}

export function huaweiErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const { status, body } = huaweiError(error, req.id);
  setErrorHeaders(reply, status);
  return reply.status(status).send(body);
}

// ---- routes -----------------------------------------------------------------------------------

export const huaweiApi: FastifyPluginAsyncTypebox = async (app) => {
  app.setErrorHandler(huaweiErrorHandler);
  // an unknown endpoint under the prefix: 404 in this surface's error shape
  app.setNotFoundHandler(async (req) => {
    throw notFound("route_not_found", `no route ${req.method} ${req.url.split("?")[0]}`);
  });

  app.post(
    "/partners/sub-customers/users/check-identity",
    {
      config: { operation: "partners.identity_check" },
      schema: {
        body: Type.Object(
          {
            search_type: Type.Union([
              Type.Literal("email"),
              Type.Literal("mobile"),
              Type.Literal("name"),
            ]),
            search_value: Type.String({ minLength: 1, maxLength: 254 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        await actingPartner(ctx, undefined);
        const { available } = await checkIdentity(ctx, req.body);
        return { check_result: available ? "available" : "used_by_user" };
      }),
  );

  app.post(
    "/bases/verificationcode/send",
    {
      config: { operation: "partners.verification_codes.create" },
      schema: {
        body: Type.Object(
          {
            receiver_type: Type.Literal(2, { description: "2: e-mail" }),
            timeout: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
            email: Type.String({ maxLength: 254, pattern: "^[^@\\s]+@[^@\\s]+$" }),
            lang: Type.Optional(Type.Union([Type.Literal("zh-cn"), Type.Literal("en-us")])),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        await sendVerificationCode(
          ctx,
          await actingPartner(ctx, undefined),
          { email: req.body.email, timeout_minutes: req.body.timeout, language: req.body.lang },
          { defaultSender: app.messageSender },
        );
        return { status: 200, body: {} };
      }),
  );

  app.post(
    "/partners/sub-customers",
    {
      config: { operation: "partners.customers.create" },
      schema: {
        body: Type.Object(
          {
            domain_name: Type.Optional(Type.String({ minLength: 5, maxLength: 32 })),
            email: Type.Optional(Type.String({ maxLength: 254, pattern: "^[^@\\s]+@[^@\\s]+$" })),
            verification_code: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
            domain_area: Type.Optional(Type.String({ pattern: "^[A-Z]{2}$" })),
            xaccount_id: Type.String({ minLength: 1, maxLength: 64 }),
            xaccount_type: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.Optional(Type.String({ maxLength: 64 })),
            is_close_market_ms: Type.Optional(
              Type.Union([Type.Literal("true"), Type.Literal("false")]),
            ),
            indirect_partner_id: Indirect,
            include_association_result: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        const b = req.body;
        if (b.password !== undefined) {
          // Accrue keeps no customer logins: a password it would have to store is refused
          throw invalid(
            "password_not_supported",
            "Accrue keeps no customer passwords: leave password out",
            {
              field: "password",
            },
          );
        }
        const c = await registerCustomer(ctx, await actingPartner(ctx, b.indirect_partner_id), {
          account_name: b.domain_name,
          email: b.email,
          verification_code: b.verification_code,
          country: b.domain_area,
          xaccount_id: b.xaccount_id,
          xaccount_type: b.xaccount_type,
        });
        return { status: 200, body: { domain_id: c.id, domain_name: c.account_name } };
      }),
  );

  app.post(
    "/partners/sub-customers/query",
    {
      config: { operation: "partners.customers.list" },
      schema: {
        body: Type.Object(
          {
            account_name: Type.Optional(Type.String({ maxLength: 64 })),
            customer: Type.Optional(Type.String({ maxLength: 200 })),
            offset: Offset,
            limit: Limit,
            label: Type.Optional(Type.String({ maxLength: 200 })),
            association_type: Type.Optional(Type.Union([Type.Literal("1"), Type.Literal("3")])),
            associated_on_begin: HuaweiTime,
            associated_on_end: HuaweiTime,
            indirect_partner_id: Indirect,
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const b = req.body;
        const partner = await actingPartner(ctx, b.indirect_partner_id);
        // every customer Accrue registers for a partner is in the reseller model ("3")
        if (b.association_type === "1") return { customer_infos: [], count: 0 };
        const page = await listCustomersOf(ctx, partner, {
          limit: b.limit ?? 10,
          offset: b.offset,
          accountName: b.account_name || undefined,
          name: b.customer || undefined,
          associatedFrom: time(b.associated_on_begin, "associated_on_begin"),
          associatedTo: time(b.associated_on_end, "associated_on_end"),
          withCount: true,
        });
        return { customer_infos: page.data.map(toCustomerInfo), count: page.count ?? 0 };
      }),
  );

  for (const [action, fn] of [
    ["freeze", freezeCustomer],
    ["unfreeze", unfreezeCustomer],
  ] as const) {
    app.post(
      `/partners/sub-customers/${action}`,
      {
        config: { operation: `partners.customers.${action}` },
        schema: {
          body: Type.Object(
            {
              customer_ids: Type.Array(Id, { minItems: 1, maxItems: 10 }),
              reason: Type.String({ minLength: 1, maxLength: 256 }),
              indirect_partner_id: Indirect,
              ...(action === "unfreeze"
                ? { unfreeze_type: Type.Optional(Type.Literal("ACCOUNT")) }
                : {}),
            },
            { additionalProperties: false },
          ),
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => {
          const partner = await actingPartner(ctx, req.body.indirect_partner_id);
          const failures: { error_code: string; error_msg: string; id: string }[] = [];
          const ids = [...new Set(req.body.customer_ids)];
          let first: unknown;
          for (const id of ids) {
            const error = await ctx.attempt(() => fn(ctx, partner, id, req.body.reason));
            if (error) {
              first ??= error;
              const { body } = huaweiError(error, req.id);
              failures.push({ error_code: body.error_code, error_msg: body.error_msg, id });
            }
          }
          // nothing done: the first failure answers for all (Huawei's total failure)
          if (failures.length === ids.length) throw first;
          return { status: 200, body: failures.length > 0 ? { error_details: failures } : {} };
        }),
    );
  }

  app.post(
    "/partners/indirect-partners/query",
    {
      config: { operation: "partners.resellers.list" },
      schema: {
        body: Type.Object(
          {
            account_name: Type.Optional(Type.String({ maxLength: 64 })),
            associated_on_begin: HuaweiTime,
            associated_on_end: HuaweiTime,
            indirect_partner_id: Indirect,
            offset: Offset,
            limit: Limit,
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const b = req.body;
        const partner = await actingPartner(ctx, undefined);
        const all = await listResellers(ctx, partner, {
          limit: 1000,
          ...(b.account_name ? { name: b.account_name } : {}),
        });
        const from = time(b.associated_on_begin, "associated_on_begin");
        const to = time(b.associated_on_end, "associated_on_end");
        const matching = all.data.filter(
          (p) =>
            (!b.indirect_partner_id || p.id === b.indirect_partner_id) &&
            (!from || new Date(p.created_at) >= from) &&
            (!to || new Date(p.created_at) <= to),
        );
        const offset = b.offset ?? 0;
        return {
          count: matching.length,
          indirect_partners: matching.slice(offset, offset + (b.limit ?? 10)).map((p) => ({
            indirect_partner_id: p.id,
            mobile_phone: p.mobile,
            email: p.email,
            account_name: p.name,
            name: p.name,
            associated_on: huaweiTime(p.created_at),
            account_manager_id: null,
            account_manager_name: p.account_manager,
          })),
        };
      }),
  );

  app.get(
    "/orders/customer-orders",
    {
      config: { operation: "partners.orders.list" },
      schema: {
        querystring: Type.Object(
          {
            order_id: Type.Optional(Id),
            customer_id: Type.Optional(Id),
            create_time_begin: HuaweiTime,
            create_time_end: HuaweiTime,
            service_type_code: Type.Optional(Type.String({ maxLength: 64 })),
            status: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
            order_type: Type.Optional(Type.String({ maxLength: 4 })),
            limit: Limit,
            offset: Offset,
            order_by: Type.Optional(
              Type.Union([Type.Literal("createTime"), Type.Literal("-createTime")]),
            ),
            payment_time_begin: HuaweiTime,
            payment_time_end: HuaweiTime,
            indirect_partner_id: Indirect,
            method: Type.Optional(Type.String({ maxLength: 32 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const q = req.query;
        const partner = await actingPartner(ctx, q.indirect_partner_id);
        const status = q.status === undefined ? undefined : STATUS_OF[String(q.status)];
        if (q.status !== undefined && status === undefined) {
          return { total_count: 0, order_infos: [] };
        }
        const page = await listPartnerOrders(ctx, partner, {
          limit: q.limit ?? 10,
          offset: q.offset,
          order_id: q.order_id,
          customer_id: q.customer_id,
          status,
          created_from: time(q.create_time_begin, "create_time_begin"),
          created_to: time(q.create_time_end, "create_time_end"),
          newest_first: q.order_by === "-createTime",
        });
        return { total_count: page.count, order_infos: page.data.map(toOrderInfo) };
      }),
  );

  app.get(
    "/orders/customer-orders/details/:order_id",
    {
      config: { operation: "partners.orders.get" },
      schema: {
        params: Type.Object({ order_id: Id }),
        querystring: Type.Object(
          { limit: Limit, offset: Offset, indirect_partner_id: Indirect },
          { additionalProperties: false },
        ),
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const partner = await actingPartner(ctx, req.query.indirect_partner_id);
        const order = await getPartnerOrder(ctx, partner, req.params.order_id);
        return {
          total_count: 0,
          order_info: { ...toOrderInfo(order), user_name: null },
          order_line_items: [],
        };
      }),
  );

  app.get(
    "/partners/sub-customers/budget",
    {
      config: { operation: "partners.budgets.get" },
      schema: {
        querystring: Type.Object(
          { customer_id: Id, indirect_partner_id: Indirect },
          { additionalProperties: false },
        ),
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const partner = await actingPartner(ctx, req.query.indirect_partner_id);
        const budget = await getBudget(ctx, partner, req.query.customer_id);
        return {
          budget_amount: num(budget.amount),
          used_amount: num(budget.used_amount),
          measure_id: 1,
          currency: budget.currency,
        };
      }),
  );

  app.post(
    "/partners/sub-customers/budget",
    {
      config: { operation: "partners.budgets.set" },
      schema: {
        body: Type.Object(
          {
            customer_id: Id,
            budget_amount: Type.Number({ exclusiveMinimum: 0, maximum: 2_147_483_647 }),
            cancel_partner_frozen: Type.Optional(
              Type.Union([Type.Literal("0"), Type.Literal("1")]),
            ),
            indirect_partner_id: Indirect,
            budget_type: Type.Optional(
              Type.Union([Type.Literal("MONTHLY"), Type.Literal("PACKAGE")]),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        const b = req.body;
        const amount = String(b.budget_amount);
        if (!/^[0-9]+(\.[0-9]{1,2})?$/.test(amount)) {
          throw invalid("invalid_budget_amount", "budget_amount has at most two decimals", {
            field: "budget_amount",
          });
        }
        const partner = await actingPartner(ctx, b.indirect_partner_id);
        await setBudget(ctx, partner, b.customer_id, {
          amount,
          currency: "USD",
          type: b.budget_type === "PACKAGE" ? "package" : "monthly",
        });
        if (b.cancel_partner_frozen === "1") {
          // lifts a freeze if there is one
          await ctx.attempt(() => unfreezeCustomer(ctx, partner, b.customer_id, "budget set"));
        }
        return { status: 200, body: {} };
      }),
  );

  app.get(
    "/bills/partner-bills/postpaid-bill-summary",
    {
      config: { operation: "partners.bill_summary" },
      schema: {
        querystring: Type.Object(
          {
            bill_cycle: Type.String({ pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$" }),
            indirect_partner_id: Indirect,
          },
          { additionalProperties: false },
        ),
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const partner = await actingPartner(ctx, req.query.indirect_partner_id);
        const summary = await billSummary(ctx, partner, req.query.bill_cycle);
        const usd = summary.currencies.find((c) => c.currency === "USD") ?? summary.currencies[0];
        return {
          bill_cycle: summary.period,
          initial_amount_due: num(usd?.amount_due ?? "0"),
          consume_amount: num(usd?.invoiced_amount ?? "0"),
          refunds: -num(usd?.credited_amount ?? "0"),
          adjustments: 0,
          tax_amount: num(usd?.tax_amount ?? "0"),
          currency: usd?.currency ?? "USD",
        };
      }),
  );
};
