import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { type CatalogResource, registerCatalogResource } from "./catalog.routes.js";
import { PeriodSchema } from "./catalog.schemas.js";
import {
  createCoupon,
  createDiscount,
  getCoupon,
  getDiscount,
  listCoupons,
  listDiscounts,
} from "./discounts.js";

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const AppliesTo = Type.Union(
  [Type.Literal("recurring_fee"), Type.Literal("components"), Type.Literal("all")],
  { description: "What the discount reduces: the plan's recurring fee, the components, or both" },
);
const Duration = Type.Union([Type.Literal("forever"), PeriodSchema], {
  description: 'How long it applies from the discount subscription\'s start: "forever" or a period',
});

export const DiscountSchema = Type.Object(
  {
    id: Type.String(),
    plan_group_id: Type.String(),
    currency: Type.String({ description: "The plan group's currency, which amount is in" }),
    name: Type.String(),
    description: Nullable(Type.String()),
    kind: Type.Union([Type.Literal("percentage"), Type.Literal("fixed_amount")]),
    percent: Nullable(Type.String()),
    amount: Nullable(Type.String({ description: 'Minor units, e.g. "500" for 5.00 EUR' })),
    applies_to: AppliesTo,
    duration: Duration,
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "Discount" },
);

const DiscountInput = Type.Object(
  {
    plan_group_id: Type.String({ maxLength: 64 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    percent: Type.Optional(
      Type.String({
        pattern: "^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,8})?$",
        description: 'Percent off, above 0 and at most 100, e.g. "12.5"',
      }),
    ),
    amount: Type.Optional(
      Type.String({
        pattern: "^[1-9][0-9]{0,15}$",
        description:
          "Fixed amount off the recurring fee per fee period, in minor units of the plan group's currency",
      }),
    ),
    applies_to: Type.Optional(AppliesTo),
    duration: Type.Optional(Duration),
  },
  { additionalProperties: false, description: "Exactly one of percent and amount" },
);

export const CouponSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    discount_id: Type.String(),
    valid_until: Nullable(Type.String({ format: "date-time" })),
    max_redemptions: Type.Union([Type.Integer(), Type.Null()]),
    redemption_count: Type.Integer(),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "Coupon" },
);

const CouponInput = Type.Object(
  {
    code: Type.String({
      pattern: "^[A-Za-z0-9_-]{1,64}$",
      description: "Unique per tenant, compared case-insensitively",
    }),
    discount_id: Type.String({ maxLength: 64 }),
    valid_until: Type.Optional(
      Type.String({ format: "date-time", maxLength: 64, description: "Redeemable before this" }),
    ),
    max_redemptions: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_000_000_000 })),
  },
  { additionalProperties: false },
);

const RESOURCES: CatalogResource[] = [
  {
    path: "/discounts",
    op: "discounts",
    input: DiscountInput,
    output: DiscountSchema,
    create: createDiscount,
    get: getDiscount,
    list: listDiscounts,
    parent: "Only discounts of this plan group",
  },
  {
    path: "/coupons",
    op: "coupons",
    input: CouponInput,
    output: CouponSchema,
    create: createCoupon,
    get: getCoupon,
    list: listCoupons,
    parent: "Only coupons of this discount",
  },
];

export const discountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const r of RESOURCES) registerCatalogResource(app, r);
};
