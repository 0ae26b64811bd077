/** Billwerk `PlanGroups`, `Plans` and `PlanVariants` (read) over the catalog module. */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { money, toDecimalString } from "../../domain/money/index.js";
import { runRead } from "../../http/execute.js";
import type { PeriodValue } from "../../modules/catalog/index.js";
import * as catalog from "../../modules/catalog/index.js";
import { BwListQuery, bwTimestamp, paging } from "./wire.js";

const localized = (text: string | null, translations: Record<string, string> = {}) =>
  text === null ? null : { _c: text, ...translations };

const UNITS = { day: "Day", week: "Week", month: "Month", year: "Year" } as const;
const bwPeriod = (p: PeriodValue | null) => (p ? { Unit: UNITS[p.unit], Quantity: p.count } : null);

/**
 * Billwerk writes prices as JSON numbers. A decimal string of up to 15 significant digits
 * (the catalog allows 12 + 8, and real prices have far fewer) survives the trip exactly.
 */
const bwNumber = (decimal: string) => Number(decimal);

export const toBwPlanGroup = (g: catalog.PlanGroup) => ({
  Id: g.id,
  Name: localized(g.name, g.name_translations),
  Currency: g.currency,
  PriceTaxType: g.price_type === "gross" ? "Gross" : "Net",
  TaxPolicyId: g.tax_policy_id,
  CreatedAt: bwTimestamp(g.created_at),
});

export const toBwPlan = (p: catalog.Plan) => ({
  Id: p.id,
  PlanGroupId: p.plan_group_id,
  Name: localized(p.name, p.name_translations),
  PlanDescription: localized(p.description),
  TrialPeriod: bwPeriod(p.trial_period),
  TrialEndPolicy: !p.trial_period
    ? "NoTrial"
    : p.trial_end_policy === "continue"
      ? "ContinueAfterTrial"
      : "EndAfterTrial",
  IsQuantityBased: false,
  Hidden: p.hidden,
  IsDeletable: false,
  RequiresOrderApproval: p.requires_order_approval,
  CustomFields: {},
});

export const toBwPlanVariant = (v: catalog.PlanVariant) => ({
  Id: v.id,
  PlanId: v.plan_id,
  PlanGroupId: v.plan_group_id,
  InternalName: v.internal_name,
  Description: localized(v.description),
  ExternalId: v.external_id,
  AllowSelfService: v.allow_self_service,
  AllowWithoutPaymentData: v.allow_without_payment_data,
  Hidden: v.hidden,
  IsDeletable: false,
  ContractPeriod: bwPeriod(v.contract_period),
  LaterContractPeriod: bwPeriod(v.later_contract_period),
  CancellationPeriod: bwPeriod(v.notice_period),
  LaterCancellationPeriod: bwPeriod(v.later_notice_period),
  BillingPeriod: bwPeriod(v.billing_period),
  FeePeriod: bwPeriod(v.fee_period),
  PaymentPeriodMode: v.payment_period_mode === "postpaid" ? "PostPaid" : "PrePaid",
  BillingDateAlignment: v.billing_alignment === "calendar" ? "Calendar" : "Anniversary",
  EndAfterFirstContractPeriod: v.end_after_first_contract_period,
  RecurringFee: bwNumber(v.recurring_fee),
  SetupFee: bwNumber(v.setup_fee),
  Currency: v.currency,
  Quota: v.quotas.map((q) => ({ ComponentId: q.component_id, Quota: bwNumber(q.quantity) })),
});

const COMPONENT_TYPES = { quantity: "QuantityBased", on_off: "OnOff", metered: "Metered" } as const;

/**
 * A component. A tiered price is a `PriceScale` (`IsCumulative` true: graduated, each tier's
 * units at its price; false: volume, every unit at the price of the tier reached); `From` is
 * Accrue's exclusive lower bound (docs/catalog.md). A package price keeps `PricePerUnit` per
 * started package of `PackageSize` units.
 */
export const toBwComponent = (c: catalog.Component) => ({
  Id: c.id,
  PlanGroupId: c.plan_group_id,
  Name: localized(c.name, c.name_translations),
  ExternalId: c.external_id,
  ComponentType: COMPONENT_TYPES[c.type],
  Unit: c.unit === null ? null : localized(c.unit),
  PricePerUnit: bwNumber(c.price_per_unit),
  PriceScale:
    c.price_model === "tiered" || c.price_model === "volume"
      ? {
          IsCumulative: c.price_model === "tiered",
          Items: c.tiers.map((t) => ({
            From: bwNumber(t.from),
            Value: bwNumber(t.price),
            IsBucketPrice: false,
          })),
        }
      : null,
  PackageSize: c.package_size === null ? null : bwNumber(c.package_size),
  FeePeriod: bwPeriod(c.fee_period),
  Prorate: c.prorate,
  BillInTrial: c.bill_in_trial,
  Hidden: c.hidden,
  CreatedAt: bwTimestamp(c.created_at),
});

/** A discount: a percentage or a fixed amount off, for a time or for ever. */
export const toBwDiscount = (d: catalog.Discount) => ({
  Id: d.id,
  PlanGroupId: d.plan_group_id,
  Name: localized(d.name),
  Description: localized(d.description),
  Type: d.kind === "percentage" ? "Percentage" : "FixedAmount",
  Percentage: d.percent === null ? null : bwNumber(d.percent),
  // minor units → the currency's decimal amount
  Amount: d.amount === null ? null : bwNumber(toDecimalString(money(BigInt(d.amount), d.currency))),
  Currency: d.currency,
  Target: { recurring_fee: "RecurringFee", components: "Components", all: "All" }[d.applies_to],
  Duration: d.duration === "forever" ? null : bwPeriod(d.duration),
  CreatedAt: bwTimestamp(d.created_at),
});

/** A coupon: a code that grants its discount with an order. */
export const toBwCoupon = (c: catalog.Coupon) => ({
  Id: c.id,
  Code: c.code,
  DiscountId: c.discount_id,
  ValidUntil: bwTimestamp(c.valid_until),
  MaxRedemptions: c.max_redemptions,
  RedemptionCount: c.redemption_count,
  CreatedAt: bwTimestamp(c.created_at),
});

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const billwerkCatalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const resources = [
    ["/PlanGroups", "plan_groups", catalog.listPlanGroups, catalog.getPlanGroup, toBwPlanGroup],
    ["/Plans", "plans", catalog.listPlans, catalog.getPlan, toBwPlan],
    [
      "/PlanVariants",
      "plan_variants",
      catalog.listPlanVariants,
      catalog.getPlanVariant,
      toBwPlanVariant,
    ],
    ["/Components", "components", catalog.listComponents, catalog.getComponent, toBwComponent],
  ] as const;
  // discounts and coupons page by the `from` cursor only
  const cursorOnly = [
    ["/Discounts", "discounts", catalog.listDiscounts, catalog.getDiscount, toBwDiscount],
    ["/Coupons", "coupons", catalog.listCoupons, catalog.getCoupon, toBwCoupon],
  ] as const;
  for (const [path, op, list, get, map] of cursorOnly) {
    app.get(
      path,
      { config: { operation: `${op}.list` }, schema: { querystring: BwListQuery } },
      (req) =>
        runRead(req, async (ctx) => {
          const { limit, cursor } = paging(req.query);
          return (await list(ctx, { limit, cursor })).data.map((x) => map(x as never));
        }),
    );
    app.get(
      `${path}/:id`,
      { config: { operation: `${op}.get` }, schema: { params: IdParams } },
      (req) => runRead(req, async (ctx) => map((await get(ctx, req.params.id)) as never)),
    );
  }
  for (const [path, op, list, get, map] of resources) {
    app.get(
      path,
      { config: { operation: `${op}.list` }, schema: { querystring: BwListQuery } },
      (req) =>
        runRead(req, async (ctx) =>
          (await list(ctx, paging(req.query))).data.map((x) => map(x as never)),
        ),
    );
    app.get(
      `${path}/:id`,
      { config: { operation: `${op}.get` }, schema: { params: IdParams } },
      (req) => runRead(req, async (ctx) => map((await get(ctx, req.params.id)) as never)),
    );
  }
};
