import { Type } from "typebox";
import { Amount, Nullable } from "./payments.schemas.js";

const Role = Type.Union([Type.Literal("primary"), Type.Literal("backup"), Type.Literal("none")], {
  description:
    "primary: charged first; backup: charged when the primary fails; none: charged only when named",
});

const CardInput = Type.Object(
  {
    number: Type.String({
      minLength: 12,
      maxLength: 23,
      description: "The card number; only its brand and last four digits are kept",
    }),
    exp_month: Type.Integer({ minimum: 1, maximum: 12 }),
    exp_year: Type.Integer({ minimum: 2000, maximum: 2199 }),
    cvc: Type.Optional(
      Type.String({ pattern: "^[0-9]{3,4}$", description: "Checked, never kept" }),
    ),
  },
  { additionalProperties: false },
);

const BankAccountInput = Type.Object(
  {
    iban: Type.String({ minLength: 15, maxLength: 42 }),
    account_holder_name: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const ProviderToken = Type.String({
  minLength: 4,
  maxLength: 255,
  pattern: "^[A-Za-z0-9_]+$",
  description:
    "The payment provider's own token of the card or bank account: for a Stripe account the id of a PaymentMethod (pm_…, card or sepa_debit) created by Stripe.js or Elements; for a GoCardless account a mandate id (MD…) or a customer id (CU…, its newest usable mandate) from GoCardless's payment pages; for a Mollie account a customer id (cst_…, its newest valid mandate) or, once the customer has its Mollie customer at the account, a mandate id (mdt_…). The source's type is the payment method's (GoCardless: bank_account; Mollie: card or bank_account).",
});

/**
 * POST body of adding a payment source: a card or a bank account (direct debit mandate), as
 * details for the test gateway, or as the provider's token for a provider's account.
 */
export const PaymentSourceInput = Type.Object(
  {
    type: Type.Union(
      [Type.Literal("card"), Type.Literal("bank_account"), Type.Literal("provider_token")],
      {
        description:
          "card, bank_account: details the test gateway tokenizes; provider_token: the provider's token (Stripe, GoCardless and Mollie accounts take only this)",
      },
    ),
    card: Type.Optional(CardInput),
    bank_account: Type.Optional(BankAccountInput),
    provider_token: Type.Optional(ProviderToken),
    role: Type.Optional({
      ...Role,
      description: "Default: primary when the customer has no primary source, else none",
    }),
  },
  { additionalProperties: false },
);

/** POST body of replacing a customer's primary payment method. */
export const UpdatePaymentMethodInput = Type.Object(
  {
    type: PaymentSourceInput.properties.type,
    card: PaymentSourceInput.properties.card,
    bank_account: PaymentSourceInput.properties.bank_account,
    provider_token: PaymentSourceInput.properties.provider_token,
  },
  { additionalProperties: false },
);

/** POST body of assigning a payment role. */
export const AssignRoleInput = Type.Object(
  { payment_source_id: Type.String({ maxLength: 64 }), role: Role },
  { additionalProperties: false },
);

export const PaymentSourceParams = Type.Object({
  id: Type.String({ maxLength: 64 }),
  payment_source_id: Type.String({ maxLength: 64 }),
});

export const PaymentSourceListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(
    Type.String({ maxLength: 64, description: "next_cursor of the previous page" }),
  ),
  include_deleted: Type.Optional(Type.Boolean({ default: false })),
});

export const PaymentSourceSchema = Type.Object({
  id: Type.String(),
  customer_id: Type.String(),
  type: Type.Union([Type.Literal("card"), Type.Literal("bank_account")]),
  gateway: Type.Union(
    [
      Type.Literal("test"),
      Type.Literal("stripe"),
      Type.Literal("mollie"),
      Type.Literal("gocardless"),
    ],
    { description: "The kind of gateway holding the source" },
  ),
  gateway_account_id: Nullable(
    Type.String({
      description: "The gateway account holding the source; null: the built-in test gateway",
    }),
  ),
  role: Role,
  status: Type.Union([Type.Literal("valid"), Type.Literal("expired"), Type.Literal("deleted")], {
    description: "expired: a card past its expiry month (as of the tenant's clock)",
  }),
  card: Nullable(
    Type.Object({
      brand: Type.String(),
      last4: Type.String(),
      exp_month: Type.Integer(),
      exp_year: Type.Integer(),
    }),
  ),
  bank_account: Nullable(
    Type.Object({
      country: Type.String(),
      last4: Type.String(),
      account_holder_name: Type.String(),
    }),
  ),
  created_at: Type.String({ format: "date-time" }),
  updated_at: Type.String({ format: "date-time" }),
  deleted_at: Nullable(Type.String({ format: "date-time" })),
});

/** POST body of collecting what a customer owes through a payment source. */
export const CollectPaymentInput = Type.Object(
  {
    currency: Type.Optional(
      Type.String({
        pattern: "^[A-Z]{3}$",
        description: "Default: the one currency the customer owes in",
      }),
    ),
    amount: Type.Optional({
      ...Amount,
      description: "Default: all the customer owes in the currency",
    }),
    payment_source_id: Type.Optional(
      Type.String({
        maxLength: 64,
        description: "Default: the primary source, then the backup if the primary fails",
      }),
    ),
  },
  { additionalProperties: false },
);

/** POST body of collecting an invoice through a payment source. */
export const CollectInvoiceInput = Type.Object(
  {
    amount: Type.Optional({ ...Amount, description: "Default: all the invoice still owes" }),
    payment_source_id: CollectPaymentInput.properties.payment_source_id,
  },
  { additionalProperties: false },
);

/** POST body of authorizing (holding) an amount on a customer's payment source. */
export const AuthorizePaymentInput = Type.Object(
  {
    amount: Amount,
    currency: Type.String({ pattern: "^[A-Z]{3}$" }),
    payment_source_id: CollectPaymentInput.properties.payment_source_id,
  },
  { additionalProperties: false },
);

/** POST body of capturing a held authorization. */
export const CaptureInput = Type.Object(
  {
    invoice_ids: Type.Optional(
      Type.Array(Type.String({ maxLength: 64 }), {
        minItems: 1,
        maxItems: 100,
        uniqueItems: true,
        description: "Pay these invoices in this order; default: every open one, oldest first",
      }),
    ),
  },
  { additionalProperties: false },
);
