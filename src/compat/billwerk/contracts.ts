/**
 * Billwerk `Orders` (signup: create, commit, approve, decline) and `Contracts` (list, read,
 * by customer, end) over the contracts module.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Temporal } from "temporal-polyfill";
import { type Static, Type } from "typebox";
import { isAccrueError, unprocessable } from "../../domain/errors.js";
import { money, toDecimalString } from "../../domain/money/index.js";
import { runEstimate, runMutation, runRead } from "../../http/execute.js";
import { getPlanVariant } from "../../modules/catalog/index.js";
import type { Ctx } from "../../modules/context.js";
import {
  type Contract,
  createChangeOrder,
  createSelfServiceToken,
  createSignupOrder,
  endContract,
  findContract,
  getContract,
  getOrder,
  listContracts,
  type Order,
} from "../../modules/contracts/index.js";
import { getCustomer } from "../../modules/customers/index.js";
import { type BillingPreview, listInvoices } from "../../modules/invoicing/index.js";
import { dueOf } from "../../modules/payments/index.js";
import {
  approveOrder,
  cancellationPreview,
  commitOrder,
  declineOrder,
  priceOrder,
  signupWithNewCustomer,
} from "../../workflows/orders.js";
import { fromBwCustomer, toBwCustomer } from "./customers.js";
import {
  BwDateTime,
  BwListQuery,
  bwInstant,
  bwOptionalInstant,
  bwTimestamp,
  decimalFromNumber,
  paging,
} from "./wire.js";

const ORDER_STATUS = {
  in_progress: "InProgress",
  approval_pending: "ApprovalPending",
  succeeded: "Succeeded",
  declined: "Declined",
} as const;

/**
 * Billwerk's lifecycle statuses. A contract whose start lies ahead has no Billwerk status of
 * its own; it is reported as Draft (not yet running). The copy a move to another business
 * entity leaves behind has none either; it is reported as Ended.
 */
export const LIFECYCLE = {
  future: "Draft",
  in_trial: "InTrial",
  trial_expired: "TrialExpired",
  active: "Active",
  temporarily_inactive: "TemporarilyInactive",
  ended: "Ended",
  // a copy left behind in the source business entity: it runs no more
  transferred: "Ended",
} as const;

const PHASE_TYPE = { trial: "Trial", normal: "Normal", inactive: "Inactive" } as const;

/** The order's own fields, flat as the published client reads them. */
const orderFields = (o: Order) => ({
  Id: o.id,
  Status: ORDER_STATUS[o.status],
  OrderType: o.type === "signup" ? "Signup" : "Upgrade",
  CustomerId: o.customer_id,
  ContractId: o.contract_id,
  PlanVariantId: o.plan_variant_id,
  Quantity: o.quantity === null ? null : Number(o.quantity),
  ComponentSubscriptions: o.components.map((c) => ({
    ComponentId: c.component_id,
    Quantity: Number(c.quantity),
    ...(c.memo === undefined ? {} : { Memo: c.memo }),
  })),
  CouponCode: o.coupon_code,
  TriggerInterimBilling: o.trigger_interim_billing,
  StartDate: bwTimestamp(o.start_date),
  ChangeDate: bwTimestamp(o.change_date),
  CreatedAt: bwTimestamp(o.created_at),
});

/**
 * The order's price (priceOrder), or null when committing it now would be refused: the order
 * is kept all the same, as it was before it was priced, and the refusal comes at its commit.
 */
const priceIfPossible = (ctx: Ctx, order: Order) =>
  priceOrder(ctx, order).catch((error: unknown) => {
    if (isAccrueError(error)) return null;
    throw error;
  });

/** A billing preview's lines as Billwerk's order `LineItems`. */
const lineItems = (p: BillingPreview) =>
  p.lines.map((l) => ({
    Description: l.description,
    Quantity: Number(l.quantity),
    PricePerUnit: Number(l.unit_price),
    PeriodStart: bwTimestamp(l.period_start),
    PeriodEnd: bwTimestamp(l.period_end),
    TotalNet: p.price_basis === "net" ? Number(l.amount) : null,
    TotalGross: p.price_basis === "gross" ? Number(l.amount) : null,
    VatPercentage: Number(l.tax_rate),
  }));

/**
 * Billwerk's order: its own fields, the `Cart` it was placed with, the plan and currency,
 * and — while it is in progress — what committing it now would bill (`Total` is Billwerk's
 * net total, `TotalNet` the same under Accrue's name); null once it left that state.
 */
export async function toBwOrder(ctx: Ctx, o: Order, price: BillingPreview | null) {
  const variant = o.plan_variant_id ? await getPlanVariant(ctx, o.plan_variant_id) : null;
  const contract =
    variant === null && o.type === "change"
      ? await getContract(ctx, o.contract_id).catch(() => null)
      : null;
  const own = orderFields(o);
  return {
    ...own,
    PlanId: variant?.plan_id ?? null,
    Cart: {
      PlanVariantId: own.PlanVariantId,
      Quantity: own.Quantity,
      ComponentSubscriptions: own.ComponentSubscriptions,
      CouponCode: own.CouponCode,
    },
    AllowWithoutPaymentData: variant?.allow_without_payment_data ?? null,
    Currency: price?.currency ?? variant?.currency ?? contract?.currency ?? null,
    Total: price ? Number(price.total_net) : null,
    TotalNet: price ? Number(price.total_net) : null,
    TotalVat: price ? Number(price.total_tax) : null,
    TotalGross: price ? Number(price.total_gross) : null,
    LineItems: price ? lineItems(price) : [],
  };
}

/**
 * Billwerk's contract: the native contract with its plan, billing dates and balance.
 * `NextBillingDate` is when billing next settles the contract; `LastBillingDate` when it
 * last did; `BilledUntil` the end of the latest plan-fee period invoiced (the customer's
 * midnight), or an imported contract's billed-until if later; `Balance` minus what the
 * contract's issued invoices still owe.
 */
export async function toBwContracts(ctx: Ctx, contracts: readonly Contract[]) {
  const plans = new Map<string, string | null>();
  const planOf = async (variantId: string | null) => {
    if (variantId === null) return null;
    if (!plans.has(variantId)) {
      plans.set(
        variantId,
        (await getPlanVariant(ctx, variantId).catch(() => null))?.plan_id ?? null,
      );
    }
    return plans.get(variantId)!;
  };
  const zones = new Map<string, string>();
  const zoneOf = async (customerId: string) => {
    if (!zones.has(customerId))
      zones.set(customerId, (await getCustomer(ctx, customerId)).time_zone);
    return zones.get(customerId)!;
  };
  const out = [];
  for (const c of contracts) {
    const phase = async (p: Contract["phases"][number]) => ({
      Type: PHASE_TYPE[p.type],
      StartDate: bwTimestamp(p.start_date),
      PlanVariantId: p.plan_variant_id,
      PlanId: await planOf(p.plan_variant_id),
      Quantity: Number(p.quantity),
    });
    const variantId = c.current_phase?.plan_variant_id ?? c.phases[0]?.plan_variant_id ?? null;
    const row = await findContract(ctx.db, ctx.tenantId, c.id);
    const { billedUntil, owed } = await billingFacts(ctx, c, await zoneOf(c.customer_id));
    const imported = row?.billed_until
      ? Temporal.Instant.from(row.billed_until.toISOString())
      : null;
    const until =
      imported && (!billedUntil || Temporal.Instant.compare(imported, billedUntil) > 0)
        ? imported
        : billedUntil;
    const phases = [];
    for (const p of c.phases) phases.push(await phase(p));
    out.push({
      Id: c.id,
      CustomerId: c.customer_id,
      PlanGroupId: c.plan_group_id,
      PlanId: await planOf(variantId),
      PlanVariantId: variantId,
      LifecycleStatus: LIFECYCLE[c.status],
      StartDate: bwTimestamp(c.start_date),
      EndDate: bwTimestamp(c.end_date),
      BilledUntil: bwTimestamp(until?.toString()),
      LastBillingDate: bwTimestamp(row?.last_billed_at ?? null),
      NextBillingDate: bwTimestamp(row?.next_billing_at ?? null),
      Phases: phases,
      CurrentPhase: c.current_phase ? await phase(c.current_phase) : null,
      Balance: Number(toDecimalString(money(-owed, c.currency))),
      Currency: c.currency,
      // Accrue has no separate payment reference code: the contract's id serves
      ReferenceCode: c.id,
      IsDeletable: false,
    });
  }
  return out;
}

export const toBwContract = async (ctx: Ctx, c: Contract) => (await toBwContracts(ctx, [c]))[0]!;

/** The end of the latest plan-fee period invoiced, and what the issued invoices still owe. */
async function billingFacts(ctx: Ctx, c: Contract, timeZone: string) {
  const invoices = (
    await listInvoices(ctx, { limit: 500, contractId: c.id, issued: true, kind: "invoice" })
  ).data.filter((i) => i.status !== "void");
  let latest: string | null = null;
  let owed = 0n;
  for (const i of invoices) {
    for (const l of i.lines) {
      if (l.kind !== "recurring_fee" || l.period_end === null || l.amount.startsWith("-")) continue;
      if (latest === null || l.period_end > latest) latest = l.period_end;
    }
    if (i.status === "finalized") owed += await dueOf(ctx, i);
  }
  const billedUntil =
    latest === null
      ? null
      : Temporal.PlainDate.from(latest).toZonedDateTime({ timeZone }).toInstant();
  return { billedUntil, owed };
}

const OrderDTO = Type.Object({
  CustomerId: Type.Optional(Type.String({ maxLength: 64 })),
  Customer: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  CustomerChange: Type.Optional(Type.Unknown()),
  ContractId: Type.Optional(Type.String({ maxLength: 64 })),
  Cart: Type.Optional(
    Type.Object({
      PlanVariantId: Type.Optional(Type.String({ maxLength: 64 })),
      Quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999 })),
      ComponentSubscriptions: Type.Optional(
        Type.Array(
          Type.Object({
            ComponentId: Type.String({ maxLength: 64 }),
            Quantity: Type.Number({ minimum: 0, maximum: 999_999_999_999 }),
            Memo: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
            StartDate: Type.Optional(Type.Unknown()),
            EndDate: Type.Optional(Type.Unknown()),
          }),
          { maxItems: 50 },
        ),
      ),
      CouponCode: Type.Optional(
        Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
      ),
      EndComponentSubscriptions: Type.Optional(Type.Unknown()),
      DiscountSubscriptions: Type.Optional(Type.Unknown()),
    }),
  ),
  StartDate: Type.Optional(Type.Union([BwDateTime, Type.Null()])),
  ChangeDate: Type.Optional(Type.Union([BwDateTime, Type.Null()])),
  TriggerInterimBilling: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
});

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

type Cart = NonNullable<Static<typeof OrderDTO>["Cart"]>;

/**
 * The cart's component quantities and coupon. Per-item dates, `EndComponentSubscriptions`
 * and `DiscountSubscriptions` are refused by name rather than ignored: every item changes at
 * the order's start or change date, a quantity of 0 ends a component, and discounts come
 * with a `CouponCode` (or natively, on the contract).
 */
function fromCart(cart: Cart | undefined) {
  for (const field of ["EndComponentSubscriptions", "DiscountSubscriptions"] as const) {
    if (cart?.[field] !== undefined) {
      throw unprocessable("cart_field_not_supported", `Cart.${field} is not supported`, {
        field: `Cart.${field}`,
        hint: "order ComponentSubscriptions with Quantity 0 to end one; discounts come with CouponCode",
      });
    }
  }
  const components = (cart?.ComponentSubscriptions ?? []).map((c, i) => {
    for (const field of ["StartDate", "EndDate"] as const) {
      if (c[field] !== undefined && c[field] !== null) {
        throw unprocessable(
          "cart_field_not_supported",
          `Cart.ComponentSubscriptions.${i}.${field} is not supported: components change at the order's date`,
          { field: `Cart.ComponentSubscriptions.${i}.${field}` },
        );
      }
    }
    return {
      component_id: c.ComponentId,
      quantity: decimalFromNumber(c.Quantity),
      ...(typeof c.Memo === "string" ? { memo: c.Memo } : {}),
    };
  });
  return { components, coupon_code: cart?.CouponCode ?? undefined };
}

async function placeOrder(ctx: Ctx, dto: Static<typeof OrderDTO>) {
  const cart = fromCart(dto.Cart);
  if (dto.ContractId) {
    const order = await createChangeOrder(ctx, {
      contract_id: dto.ContractId,
      plan_variant_id: dto.Cart?.PlanVariantId,
      quantity: dto.Cart?.Quantity === undefined ? undefined : String(dto.Cart.Quantity),
      change_date: bwOptionalInstant(dto.ChangeDate, "ChangeDate"),
      trigger_interim_billing: dto.TriggerInterimBilling ?? undefined,
      ...cart,
    });
    return { order, newCustomer: false };
  }
  if (dto.CustomerChange !== undefined) {
    throw unprocessable("customer_change_on_signup", "CustomerChange is not allowed on a signup", {
      field: "CustomerChange",
    });
  }
  if ((dto.CustomerId === undefined) === (dto.Customer === undefined)) {
    throw unprocessable("customer_required", "a signup names either CustomerId or Customer", {
      field: "CustomerId",
    });
  }
  if (!dto.Cart?.PlanVariantId) {
    throw unprocessable("plan_variant_required", "a signup needs Cart.PlanVariantId", {
      field: "Cart.PlanVariantId",
    });
  }
  const signup = {
    plan_variant_id: dto.Cart.PlanVariantId,
    quantity: dto.Cart.Quantity === undefined ? undefined : String(dto.Cart.Quantity),
    start_date: bwOptionalInstant(dto.StartDate, "StartDate"),
    trigger_interim_billing: dto.TriggerInterimBilling ?? undefined,
    ...cart,
  };
  if (dto.CustomerId !== undefined) {
    return { order: await createSignupOrder(ctx, { ...signup, customer_id: dto.CustomerId }) };
  }
  return signupWithNewCustomer(ctx, {
    customer: fromBwCustomer(dto.Customer!, "full"),
    order: signup,
  });
}

export const billwerkContractRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/Orders",
    { config: { operation: "orders.create" }, schema: { body: OrderDTO } },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        const placed = await placeOrder(ctx, req.body);
        const { order } = placed;
        const customer =
          "customer" in placed
            ? toBwCustomer(await getCustomer(ctx, order.customer_id))
            : undefined;
        const body = await toBwOrder(ctx, order, await priceIfPossible(ctx, order));
        return { status: 201, body: { ...body, ...(customer ? { Customer: customer } : {}) } };
      }),
  );

  /**
   * An order priced without keeping it: placed and carried out in a savepoint that is rolled
   * back. The answer is the order as `POST /Orders` would answer it, without what only a kept
   * order has (its `Id`, `Status`, `CreatedAt`, and the ids allocated for a new contract or
   * customer).
   */
  app.post(
    "/Orders/preview",
    { config: { operation: "orders.preview" }, schema: { body: OrderDTO } },
    (req) =>
      runEstimate(req, async (ctx) => {
        const placed = await placeOrder(ctx, req.body);
        const { order } = placed;
        const body = await toBwOrder(ctx, order, await priceOrder(ctx, order));
        return {
          ...body,
          Id: null,
          Status: null,
          CreatedAt: null,
          CustomerId: "customer" in placed ? null : body.CustomerId,
          ContractId: order.type === "signup" ? null : body.ContractId,
        };
      }),
  );

  app.post(
    "/Orders/:id/commit",
    {
      config: { operation: "orders.commit" },
      schema: {
        params: IdParams,
        // OrderCommitDTO; provider-specific bearer data is not taken
        body: Type.Optional(
          Type.Object({
            PaymentMethod: Type.Optional(
              Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
            ),
          }),
        ),
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        const order = await commitOrder(ctx, req.params.id, {
          payment_method: req.body?.PaymentMethod ?? undefined,
        });
        // the commit answers the resulting contract; an order awaiting approval has none yet
        const body =
          order.status === "succeeded"
            ? await toBwContract(ctx, await getContract(ctx, order.contract_id))
            : await toBwOrder(ctx, order, null);
        return { status: 200, body: body as Record<string, unknown> };
      }),
  );

  for (const [action, fn] of [
    ["approve", approveOrder],
    ["decline", declineOrder],
  ] as const) {
    app.post(
      `/Orders/:id/${action}`,
      { config: { operation: `orders.${action}` }, schema: { params: IdParams } },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 200,
          body: await toBwOrder(ctx, await fn(ctx, req.params.id), null),
        })),
    );
  }

  app.get(
    "/Orders/:id",
    { config: { operation: "orders.get" }, schema: { params: IdParams } },
    // an order in progress is priced in a savepoint that is rolled back
    (req) =>
      runEstimate(req, async (ctx) => {
        const order = await getOrder(ctx, req.params.id);
        return toBwOrder(ctx, order, await priceIfPossible(ctx, order));
      }),
  );

  app.get(
    "/Contracts",
    { config: { operation: "contracts.list" }, schema: { querystring: BwListQuery } },
    (req) =>
      runRead(req, async (ctx) =>
        toBwContracts(ctx, (await listContracts(ctx, paging(req.query))).data),
      ),
  );

  app.get(
    "/Contracts/:id",
    { config: { operation: "contracts.get" }, schema: { params: IdParams } },
    (req) => runRead(req, async (ctx) => toBwContract(ctx, await getContract(ctx, req.params.id))),
  );

  app.get(
    "/Customers/:id/Contracts",
    {
      config: { operation: "contracts.list" },
      schema: { params: IdParams, querystring: BwListQuery },
    },
    (req) =>
      runRead(req, async (ctx) => {
        await getCustomer(ctx, req.params.id);
        const page = await listContracts(ctx, { ...paging(req.query), customerId: req.params.id });
        return toBwContracts(ctx, page.data);
      }),
  );

  // the published 2.1.0 client writes the singular /Contract/{id}/end; both paths end the contract
  for (const path of ["/Contracts/:id/end", "/Contract/:id/end"]) {
    app.post(
      path,
      {
        config: { operation: "contracts.end" },
        schema: {
          params: IdParams,
          body: Type.Object({ EndDate: BwDateTime }),
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 200,
          body: await toBwContract(
            ctx,
            await endContract(ctx, req.params.id, {
              end_date: bwInstant(req.body.EndDate, "EndDate"),
            }),
          ),
        })),
    );
  }

  app.get(
    "/Contracts/:id/SelfServiceToken",
    {
      config: { operation: "contracts.self_service_token" },
      schema: {
        params: IdParams,
        querystring: Type.Object({ tokenValidity: Type.Optional(Type.Integer({ minimum: 0 })) }),
      },
    },
    (req, reply) =>
      runMutation<{
        Expiry: string | null;
        Token: string | null;
        Purpose: string;
        Url: string | null;
      }>(req, reply, async (ctx) => {
        const created = await createSelfServiceToken(ctx, {
          contractId: req.params.id,
          validityMinutes: req.query.tokenValidity,
          publicUrl: app.publicUrl,
        });
        const body = {
          Expiry: bwTimestamp(created.expires_at),
          Token: created.token,
          Purpose: "CustomerPortal",
          Url: created.url,
        };
        // the token is shown once: a replay answers without it
        return { status: 200, body, replayBody: { ...body, Token: null, Url: null } };
      }),
  );

  app.get(
    "/Contracts/:id/cancellationPreview",
    { config: { operation: "contracts.cancellation_preview" }, schema: { params: IdParams } },
    (req) =>
      runRead(req, async (ctx) => {
        const preview = await cancellationPreview(ctx, req.params.id);
        const customer = await getCustomer(ctx, preview.contract_after.customer_id);
        // the last moment a cancellation reaches EndDate: the end of the last notice day
        const endOfDay = Temporal.PlainDate.from(preview.last_notice_date)
          .add({ days: 1 })
          .toZonedDateTime({ timeZone: customer.time_zone })
          .toInstant()
          .subtract({ milliseconds: 1 });
        // a contract already ending: any moment before its end still "reaches" it
        const beforeEnd = Temporal.Instant.from(preview.end_date).subtract({ milliseconds: 1 });
        const lastMoment =
          preview.already_ending && Temporal.Instant.compare(beforeEnd, endOfDay) < 0
            ? beforeEnd
            : endOfDay;
        return {
          NextPossibleCancellationDate: bwTimestamp(lastMoment.toString()),
          EndDate: bwTimestamp(preview.end_date),
          ContractAfter: await toBwContract(ctx, preview.contract_after),
          Invoice: {
            ContractId: preview.contract_after.id,
            CustomerId: customer.id,
            ExternalCustomerId: customer.external_id,
            RecipientName: customer.display_name,
            Currency: preview.invoice.currency,
            ReverseCharge: preview.invoice.reverse_charge,
            ItemList: preview.invoice.lines.map((l) => ({
              Description: l.description,
              PeriodStart: bwTimestamp(l.period_start),
              PeriodEnd: bwTimestamp(l.period_end),
              Quantity: Number(l.quantity),
              PricePerUnit: Number(l.unit_price),
              TotalNet: Number(l.amount),
              VatPercentage: Number(l.tax_rate),
            })),
            TotalNet: Number(preview.invoice.total_net),
            TotalVat: Number(preview.invoice.total_tax),
            TotalGross: Number(preview.invoice.total_gross),
            VatDescriptors: preview.invoice.tax_rows.map((r) => ({
              VatPercentage: Number(r.rate),
              TotalNet: Number(r.net),
              TotalVat: Number(r.tax),
            })),
          },
        };
      }),
  );
};
