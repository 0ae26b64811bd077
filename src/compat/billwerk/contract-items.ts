/**
 * Billwerk component subscriptions, rated items and the combined subscriptions views over
 * the contracts module.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import type { Ctx } from "../../modules/context.js";
import {
  addRatedItem,
  type ComponentSubscription,
  type Contract,
  getContract,
  listComponentSubscriptions,
  listContracts,
  listDiscountSubscriptions,
  type RatedItem,
  subscribeComponent,
} from "../../modules/contracts/index.js";
import { getCustomer } from "../../modules/customers/index.js";
import { LIFECYCLE } from "./contracts.js";
import {
  BwDateTime,
  BwListQuery,
  bwOptionalInstant,
  bwTimestamp,
  decimalFromNumber,
  paging,
} from "./wire.js";

const toBwComponentSubscription = (s: ComponentSubscription, customerId: string) => ({
  Id: s.id,
  ContractId: s.contract_id,
  CustomerId: customerId,
  ComponentId: s.component_id,
  Quantity: Number(s.quantity),
  StartDate: bwTimestamp(s.start_date),
  EndDate: bwTimestamp(s.end_date),
  Memo: s.memo,
});

const toBwRatedItem = (r: RatedItem) => ({
  Id: r.id,
  ContractId: r.contract_id,
  Description: r.description,
  Quantity: Number(r.quantity),
  PricePerUnit: Number(r.price_per_unit),
  PeriodStart: bwTimestamp(r.period_start),
  PeriodEnd: bwTimestamp(r.period_end),
  TransferredAt: bwTimestamp(r.created_at),
});

const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });

/**
 * What a contract runs on now: its plan variant and the component and discount subscriptions
 * in force.
 */
async function subscriptionsOf(ctx: Ctx, contract: Contract) {
  const now = ctx.clock.now().epochMilliseconds;
  const inForce = (start: string, end: string | null) =>
    Date.parse(start) <= now && (end === null || Date.parse(end) > now);
  const components = (await listComponentSubscriptions(ctx, contract.id)).filter((s) =>
    inForce(s.start_date, s.end_date),
  );
  const discounts = (await listDiscountSubscriptions(ctx, contract.id)).filter((s) =>
    inForce(s.start_date, s.effective_end_date),
  );
  return [
    ...(contract.current_phase?.plan_variant_id
      ? [
          {
            Type: "PlanVariant",
            ContractId: contract.id,
            PlanVariantId: contract.current_phase.plan_variant_id,
            Quantity: Number(contract.current_phase.quantity),
            StartDate: bwTimestamp(contract.current_phase.start_date),
          },
        ]
      : []),
    ...components.map((s) => ({
      Type: "Component",
      ...toBwComponentSubscription(s, contract.customer_id),
    })),
    ...discounts.map((s) => ({
      Type: "Discount",
      Id: s.id,
      ContractId: s.contract_id,
      DiscountId: s.discount_id,
      CouponId: s.coupon_id,
      StartDate: bwTimestamp(s.start_date),
      EndDate: bwTimestamp(s.effective_end_date),
    })),
  ];
}

export const billwerkContractItemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/Contracts/:id/ComponentSubscriptions",
    { config: { operation: "component_subscriptions.list" }, schema: { params: Params } },
    (req) =>
      runRead(req, async (ctx) => {
        const contract = await getContract(ctx, req.params.id);
        return (await listComponentSubscriptions(ctx, contract.id)).map((s) =>
          toBwComponentSubscription(s, contract.customer_id),
        );
      }),
  );

  app.post(
    "/Contracts/:id/ComponentSubscriptions",
    {
      config: { operation: "component_subscriptions.create" },
      schema: {
        params: Params,
        body: Type.Object({
          ComponentId: Type.String({ maxLength: 64 }),
          Quantity: Type.Number({ minimum: 0, maximum: 1e12 }),
          StartDate: Type.Optional(BwDateTime),
          EndDate: Type.Optional(BwDateTime),
          Memo: Type.Optional(Type.String({ maxLength: 500 })),
        }),
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        const contract = await getContract(ctx, req.params.id);
        const created = await subscribeComponent(ctx, contract.id, {
          component_id: req.body.ComponentId,
          quantity: decimalFromNumber(req.body.Quantity),
          start_date: bwOptionalInstant(req.body.StartDate, "StartDate"),
          end_date: bwOptionalInstant(req.body.EndDate, "EndDate"),
          ...(req.body.Memo ? { memo: req.body.Memo } : {}),
        });
        return { status: 201, body: toBwComponentSubscription(created, contract.customer_id) };
      }),
  );

  // the published 2.1.0 client posts rated items to the singular /Contract/{id}/ratedItems
  for (const path of ["/Contracts/:id/ratedItems", "/Contract/:id/ratedItems"]) {
    app.post(
      path,
      {
        config: { operation: "rated_items.create" },
        schema: {
          params: Params,
          body: Type.Object({
            Description: Type.String({ minLength: 1, maxLength: 500 }),
            Quantity: Type.Number({ minimum: 0, maximum: 1e12 }),
            PricePerUnit: Type.Number({ minimum: 0, maximum: 1e12 }),
            PeriodStart: Type.Optional(BwDateTime),
            PeriodEnd: Type.Optional(BwDateTime),
            TaxPolicyId: Type.Optional(Type.String({ maxLength: 64 })),
          }),
        },
      },
      (req, reply) =>
        runMutation(req, reply, async (ctx) => ({
          status: 201,
          body: toBwRatedItem(
            await addRatedItem(ctx, req.params.id, {
              description: req.body.Description,
              quantity: decimalFromNumber(req.body.Quantity),
              price_per_unit: decimalFromNumber(req.body.PricePerUnit),
              period_start: bwOptionalInstant(req.body.PeriodStart, "PeriodStart"),
              period_end: bwOptionalInstant(req.body.PeriodEnd, "PeriodEnd"),
            }),
          ),
        })),
    );
  }

  app.get(
    "/Contracts/:id/Subscriptions",
    { config: { operation: "contracts.get" }, schema: { params: Params } },
    (req) =>
      runRead(req, async (ctx) => subscriptionsOf(ctx, await getContract(ctx, req.params.id))),
  );

  app.get(
    "/Subscriptions",
    { config: { operation: "contracts.list" }, schema: { querystring: BwListQuery } },
    (req) =>
      runRead(req, async (ctx) => {
        const contracts = (await listContracts(ctx, paging(req.query))).data;
        return Promise.all(
          contracts.map(async (c) => {
            const customer = await getCustomer(ctx, c.customer_id);
            return {
              Id: c.id,
              ContractId: c.id,
              CustomerId: c.customer_id,
              CustomerName: customer.display_name,
              EmailAddress: customer.email,
              PlanVariantId: c.current_phase?.plan_variant_id ?? null,
              Quantity: c.current_phase ? Number(c.current_phase.quantity) : null,
              StartDate: bwTimestamp(c.start_date),
              LifecycleStatus: LIFECYCLE[c.status],
              Currency: c.currency,
            };
          }),
        );
      }),
  );
};
