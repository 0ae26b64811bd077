import { Type } from "typebox";

const DECIMAL = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,8})?$";
export const Price = (description: string) =>
  Type.String({ pattern: DECIMAL, description: `${description}; a decimal string, e.g. "29.90"` });
const Quantity = Type.String({ pattern: DECIMAL, description: 'a decimal string, e.g. "10"' });

export const PeriodSchema = Type.Object(
  {
    unit: Type.Union([
      Type.Literal("day"),
      Type.Literal("week"),
      Type.Literal("month"),
      Type.Literal("year"),
    ]),
    count: Type.Integer({ minimum: 1, maximum: 9999 }),
  },
  { additionalProperties: false },
);
const NullablePeriod = Type.Union([PeriodSchema, Type.Null()]);

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Translations = Type.Record(
  Type.String({ pattern: "^[a-z]{2}(-[A-Z]{2})?$" }),
  Type.String({ maxLength: 200 }),
  {
    maxProperties: 50,
    description: "The name in other languages, by language code",
  },
);
const Text = Type.String({ maxLength: 2000 });
const ExternalId = Type.String({ minLength: 1, maxLength: 200 });

export const PlanGroupInput = Type.Object(
  {
    name: Name,
    name_translations: Type.Optional(Translations),
    currency: Type.String({ pattern: "^[A-Z]{3}$", description: "ISO 4217, e.g. EUR" }),
    price_type: Type.Union([Type.Literal("net"), Type.Literal("gross")], {
      description: "Whether the group's prices include tax (gross) or not (net)",
    }),
    tax_policy_id: Type.Optional(
      Type.Union([Type.String({ maxLength: 64 }), Type.Null()], {
        description: "Tax policy of the group's charges; default: the business entity's",
      }),
    ),
  },
  { additionalProperties: false },
);

export const PlanGroupSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    name_translations: Type.Record(Type.String(), Type.String()),
    currency: Type.String(),
    price_type: Type.Union([Type.Literal("net"), Type.Literal("gross")]),
    tax_policy_id: Type.Union([Type.String(), Type.Null()]),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "PlanGroup" },
);

export const PlanInput = Type.Object(
  {
    plan_group_id: Type.String({ maxLength: 64 }),
    name: Name,
    name_translations: Type.Optional(Translations),
    description: Type.Optional(Text),
    trial_period: Type.Optional(NullablePeriod),
    trial_end_policy: Type.Optional(
      Type.Union([Type.Literal("continue"), Type.Literal("expire")], {
        description: "After the trial: continue into the paid phase, or expire (default continue)",
      }),
    ),
    requires_order_approval: Type.Optional(Type.Boolean()),
    hidden: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PlanSchema = Type.Object(
  {
    id: Type.String(),
    plan_group_id: Type.String(),
    name: Type.String(),
    name_translations: Type.Record(Type.String(), Type.String()),
    description: Type.Union([Type.String(), Type.Null()]),
    trial_period: NullablePeriod,
    trial_end_policy: Type.Union([Type.Literal("continue"), Type.Literal("expire")]),
    requires_order_approval: Type.Boolean(),
    hidden: Type.Boolean(),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "Plan" },
);

const PriceModel = Type.Union(
  [
    Type.Literal("per_unit"),
    Type.Literal("tiered"),
    Type.Literal("volume"),
    Type.Literal("package"),
  ],
  {
    description:
      "per_unit: quantity × price; tiered: each tier's units at its price (graduated); volume: all units at the price of the tier the quantity reaches; package: price per started package of package_size units",
  },
);
const TierSchema = Type.Object(
  { from: Quantity, price: Price("Price per unit from this quantity on") },
  { additionalProperties: false },
);

export const ComponentInput = Type.Object(
  {
    plan_group_id: Type.String({ maxLength: 64 }),
    name: Name,
    name_translations: Type.Optional(Translations),
    external_id: Type.Optional(ExternalId),
    type: Type.Union([Type.Literal("quantity"), Type.Literal("on_off"), Type.Literal("metered")]),
    unit: Type.Optional(Type.String({ maxLength: 50 })),
    price_model: Type.Optional(PriceModel),
    price_per_unit: Type.Optional(Price("Price per unit (per package for package pricing)")),
    tiers: Type.Optional(Type.Array(TierSchema, { maxItems: 50 })),
    package_size: Type.Optional(Quantity),
    fee_period: Type.Optional(PeriodSchema),
    prorate: Type.Optional(Type.Boolean()),
    bill_in_trial: Type.Optional(Type.Boolean()),
    hidden: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ComponentSchema = Type.Object(
  {
    id: Type.String(),
    plan_group_id: Type.String(),
    name: Type.String(),
    name_translations: Type.Record(Type.String(), Type.String()),
    external_id: Type.Union([Type.String(), Type.Null()]),
    type: Type.Union([Type.Literal("quantity"), Type.Literal("on_off"), Type.Literal("metered")]),
    unit: Type.Union([Type.String(), Type.Null()]),
    price_model: PriceModel,
    price_per_unit: Type.String(),
    tiers: Type.Array(TierSchema),
    package_size: Type.Union([Type.String(), Type.Null()]),
    fee_period: PeriodSchema,
    prorate: Type.Boolean(),
    bill_in_trial: Type.Boolean(),
    hidden: Type.Boolean(),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "Component" },
);

const QuotaSchema = Type.Object(
  { component_id: Type.String({ maxLength: 64 }), quantity: Quantity },
  { additionalProperties: false },
);

const variantFields = {
  internal_name: Name,
  external_id: Type.Optional(ExternalId),
  description: Type.Optional(Text),
  recurring_fee: Price("Fee per fee period"),
  setup_fee: Type.Optional(Price("One-off fee on signup")),
  fee_period: PeriodSchema,
  billing_period: Type.Optional(PeriodSchema),
  payment_period_mode: Type.Optional(
    Type.Union([Type.Literal("prepaid"), Type.Literal("postpaid")], {
      description: "prepaid: the fee is billed at the start of its period; postpaid: at its end",
    }),
  ),
  billing_alignment: Type.Optional(
    Type.Union([Type.Literal("anniversary"), Type.Literal("calendar")], {
      description: "Periods from the contract start, or from calendar boundaries",
    }),
  ),
  contract_period: Type.Optional(NullablePeriod),
  later_contract_period: Type.Optional(NullablePeriod),
  notice_period: Type.Optional(NullablePeriod),
  later_notice_period: Type.Optional(NullablePeriod),
  end_after_first_contract_period: Type.Optional(Type.Boolean()),
  allow_self_service: Type.Optional(Type.Boolean()),
  allow_without_payment_data: Type.Optional(Type.Boolean()),
  hidden: Type.Optional(Type.Boolean()),
  quotas: Type.Optional(
    Type.Array(QuotaSchema, {
      maxItems: 50,
      description: "Free quantity per component and billing period",
    }),
  ),
};

export const PlanVariantInput = Type.Object(
  { plan_id: Type.String({ maxLength: 64 }), ...variantFields },
  { additionalProperties: false },
);

export const PlanVariantSchema = Type.Object(
  {
    id: Type.String(),
    plan_id: Type.String(),
    plan_group_id: Type.String(),
    currency: Type.String(),
    external_id: Type.Union([Type.String(), Type.Null()]),
    internal_name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    recurring_fee: Type.String(),
    setup_fee: Type.String(),
    fee_period: PeriodSchema,
    billing_period: PeriodSchema,
    payment_period_mode: Type.Union([Type.Literal("prepaid"), Type.Literal("postpaid")]),
    billing_alignment: Type.Union([Type.Literal("anniversary"), Type.Literal("calendar")]),
    contract_period: NullablePeriod,
    later_contract_period: NullablePeriod,
    notice_period: NullablePeriod,
    later_notice_period: NullablePeriod,
    end_after_first_contract_period: Type.Boolean(),
    allow_self_service: Type.Boolean(),
    allow_without_payment_data: Type.Boolean(),
    hidden: Type.Boolean(),
    quotas: Type.Array(QuotaSchema),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "PlanVariant" },
);

export const CatalogListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 64 })),
    parent_id: Type.Optional(
      Type.String({
        maxLength: 64,
        description: "Only items of this plan group (plans, components) or plan (variants)",
      }),
    ),
  },
  { additionalProperties: false },
);

// ---- updates (PATCH) ----------------------------------------------------------------------
//
// A patch may name any field of the create input, so that a field which cannot change is
// answered with 422 immutable_field naming it (not a schema error). Only descriptive fields
// change; the service refuses the others unless their value stays the same.

const NullableText = Type.Union([Text, Type.Null()]);
const NullableExternalId = Type.Union([ExternalId, Type.Null()]);

export const PlanGroupPatch = Type.Object(
  {
    name: Type.Optional(Name),
    name_translations: Type.Optional(Translations),
    currency: Type.Optional(Type.String({ maxLength: 3 })),
    price_type: Type.Optional(Type.Union([Type.Literal("net"), Type.Literal("gross")])),
    tax_policy_id: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  },
  {
    additionalProperties: false,
    description:
      "Changes name, translations and tax policy (for documents issued from now on); currency and price type are fixed",
  },
);

export const PlanPatch = Type.Object(
  {
    plan_group_id: Type.Optional(Type.String({ maxLength: 64 })),
    name: Type.Optional(Name),
    name_translations: Type.Optional(Translations),
    description: Type.Optional(NullableText),
    trial_period: Type.Optional(NullablePeriod),
    trial_end_policy: Type.Optional(Type.Union([Type.Literal("continue"), Type.Literal("expire")])),
    requires_order_approval: Type.Optional(Type.Boolean()),
    hidden: Type.Optional(
      Type.Boolean({ description: "A hidden plan stays readable; new orders for it are refused" }),
    ),
  },
  {
    additionalProperties: false,
    description:
      "Changes name, translations, description, order approval and hidden; the trial is fixed",
  },
);

export const ComponentPatch = Type.Object(
  {
    ...Type.Partial(ComponentInput).properties,
    external_id: Type.Optional(NullableExternalId),
    unit: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  },
  {
    additionalProperties: false,
    description:
      "Changes name, translations, external id, unit and hidden; type, prices and periods are fixed",
  },
);

export const PlanVariantPatch = Type.Object(
  {
    ...Type.Partial(PlanVariantInput).properties,
    external_id: Type.Optional(NullableExternalId),
    description: Type.Optional(NullableText),
  },
  {
    additionalProperties: false,
    description:
      "Changes internal name, description, external id, self-service, payment-data and hidden flags; fees, periods, terms and quotas are fixed (a price change is a new plan variant)",
  },
);

// ---- discounts and coupons ----------------------------------------------------------------

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

export const DiscountInput = Type.Object(
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

export const CouponInput = Type.Object(
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
