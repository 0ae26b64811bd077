import { Type } from "typebox";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
const Email = Type.String({ maxLength: 254, pattern: "^[^@\\s]+@[^@\\s]+$" });
const Mobile = Type.String({
  maxLength: 32,
  pattern: "^[0-9]{4}-[0-9]+$",
  description: "00XX-XXXXXXXX: the country code with 00, a dash, the number",
});
const Money = Type.String({
  pattern: "^[0-9]{1,15}(\\.[0-9]{1,4})?$",
  description: "A decimal amount in the currency, e.g. 100.00",
});

export const PartnerSchema = Type.Object(
  {
    id: Type.String(),
    parent_id: Nullable(Type.String({ description: "Set on a reseller: its partner" })),
    name: Type.String(),
    email: Nullable(Type.String()),
    mobile: Nullable(Type.String()),
    account_manager: Nullable(Type.String()),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "Partner" },
);

export const CreatePartnerBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Email),
    mobile: Type.Optional(Mobile),
    account_manager: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    parent_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: "Create a reseller under this partner (resellers are one level deep)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const PartnerCustomerSchema = Type.Object(
  {
    id: Type.String({ description: "The customer's id (GET /v1/customers/{id})" }),
    partner_id: Type.String(),
    account_name: Type.String(),
    email: Nullable(Type.String()),
    mobile: Nullable(Type.String()),
    company_name: Nullable(Type.String()),
    first_name: Nullable(Type.String()),
    last_name: Nullable(Type.String()),
    country: Nullable(Type.String()),
    xaccount_id: Nullable(Type.String()),
    xaccount_type: Nullable(Type.String()),
    frozen: Type.Boolean(),
    frozen_at: Nullable(Type.String({ format: "date-time" })),
    frozen_reason: Nullable(Type.String()),
    associated_at: Type.String({ format: "date-time" }),
  },
  { $id: "PartnerCustomer" },
);

export const IdentityCheckBody = Type.Object(
  {
    search_type: Type.Union([Type.Literal("email"), Type.Literal("mobile"), Type.Literal("name")]),
    search_value: Type.String({ minLength: 1, maxLength: 254 }),
  },
  { additionalProperties: false },
);

export const VerificationCodeBody = Type.Object(
  {
    email: Email,
    timeout_minutes: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 60, default: 5, description: "Validity (minutes)" }),
    ),
    language: Type.Optional(Type.String({ pattern: "^[a-z]{2}(-[a-z]{2})?$" })),
  },
  { additionalProperties: false },
);

export const VerificationCodeSchema = Type.Object({
  id: Type.String(),
  partner_id: Type.String(),
  email: Type.String(),
  expires_at: Type.String({ format: "date-time" }),
});

export const RegisterBody = Type.Object(
  {
    account_name: Type.Optional(
      Type.String({
        minLength: 5,
        maxLength: 32,
        description:
          "5–32 letters, digits, _ or -, not starting with op_ or shadow_; random when absent",
      }),
    ),
    email: Type.Optional(Email),
    verification_code: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 16,
        description: "The code sent to email (POST …/verification_codes); needed with email",
      }),
    ),
    mobile: Type.Optional(Mobile),
    company_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    first_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    last_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    country: Type.Optional(
      Type.String({ pattern: "^[A-Z]{2}$", description: "ISO 3166-1 alpha-2" }),
    ),
    xaccount_id: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "The partner's own user id" }),
    ),
    xaccount_type: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const CustomerListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 64 })),
    account_name: Type.Optional(Type.String({ maxLength: 64, description: "Part of the name" })),
    name: Type.Optional(
      Type.String({ maxLength: 200, description: "Part of the company or person name" }),
    ),
    frozen: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const FreezeBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const BudgetBody = Type.Object(
  {
    amount: Money,
    currency: Type.String({ pattern: "^[A-Z]{3}$" }),
    type: Type.Optional(
      Type.Union([Type.Literal("monthly"), Type.Literal("package")], {
        description: "monthly: per calendar month (UTC); package: since the budget was set",
      }),
    ),
    alert_threshold_percent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 80 })),
  },
  { additionalProperties: false },
);

export const BudgetSchema = Type.Object(
  {
    customer_id: Type.String(),
    type: Type.Union([Type.Literal("monthly"), Type.Literal("package")]),
    currency: Type.String(),
    amount: Type.String(),
    used_amount: Type.String(),
    remaining_amount: Type.String(),
    alert_threshold_percent: Type.Integer(),
    period: Nullable(Type.String()),
    updated_at: Type.String({ format: "date-time" }),
  },
  { $id: "CustomerBudget" },
);

export const OrderListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 64 })),
    customer_id: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(
      Type.Union([
        Type.Literal("in_progress"),
        Type.Literal("approval_pending"),
        Type.Literal("succeeded"),
        Type.Literal("declined"),
      ]),
    ),
    created_from: Type.Optional(Type.String({ format: "date-time" })),
    created_to: Type.Optional(Type.String({ format: "date-time" })),
    include_total: Type.Optional(
      Type.Boolean({
        description: "Also answer total_count: how many orders match the filters",
      }),
    ),
  },
  { additionalProperties: false },
);

export const PartnerOrderSchema = Type.Object(
  {
    id: Type.String(),
    customer_id: Type.String(),
    contract_id: Type.String(),
    type: Type.Union([Type.Literal("signup"), Type.Literal("change")]),
    status: Type.String(),
    plan_variant_id: Nullable(Type.String()),
    quantity: Nullable(Type.String()),
    currency: Nullable(Type.String()),
    created_at: Type.String({ format: "date-time" }),
    updated_at: Type.String({ format: "date-time" }),
  },
  { $id: "PartnerOrder" },
);

export const BillSummarySchema = Type.Object({
  partner_id: Type.String(),
  period: Type.String(),
  currencies: Type.Array(
    Type.Object({
      currency: Type.String(),
      invoiced_amount: Type.String(),
      credited_amount: Type.String(),
      tax_amount: Type.String(),
      amount_due: Type.String(),
      invoice_count: Type.Integer(),
      credit_note_count: Type.Integer(),
      customer_count: Type.Integer(),
    }),
  ),
});
