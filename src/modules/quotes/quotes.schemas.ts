/**
 * The quotes module's wire shapes. A quote of a subscription takes a signup order's fields, a
 * quote of a change a change order's, a quote of one-time charges an invoice of hand-entered
 * charges' (POST /v1/invoices); each adds `valid_until`.
 */
import { Type } from "typebox";
import { CartComponentSchema } from "../contracts/index.js";
import { ChargeInvoiceBody, ChargeLineBody } from "../invoicing/index.js";
import { CountedPage, SortedPageQuery, utcDays } from "../schemas.js";

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String({ format: "date-time", maxLength: 64 });

const ValidUntil = Type.Optional(
  Type.String({
    format: "date-time",
    maxLength: 64,
    description: "Until when the quote can be accepted; default: 30 days after it is created",
  }),
);

const orderFields = {
  quantity: Type.Optional(
    Type.String({ pattern: "^[1-9][0-9]{0,8}$", description: "Plan quantity" }),
  ),
  components: Type.Optional(
    Type.Array(CartComponentSchema, {
      maxItems: 50,
      description:
        "Quantity-based or on/off components of the plan group: a subscription starts with them; a change sets their quantities at the change date",
    }),
  ),
  coupon_code: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description: "Redeemed when the quote is accepted; its discount is in the quoted amounts",
    }),
  ),
};

/** A quote of a new subscription: a signup order's fields. */
export const SubscriptionQuoteBody = Type.Object(
  {
    customer_id: Type.String({ maxLength: 64 }),
    plan_variant_id: Type.String({ maxLength: 64 }),
    start_date: Type.Optional({
      ...Timestamp,
      description: "When the subscription starts; default: when the quote is priced",
    }),
    ...orderFields,
    valid_until: ValidUntil,
  },
  { additionalProperties: false },
);

/** A quote of a change of a contract: a change order's fields. */
export const ChangeQuoteBody = Type.Object(
  {
    contract_id: Type.String({ maxLength: 64 }),
    plan_variant_id: Type.Optional(
      Type.String({ maxLength: 64, description: "The new plan variant; absent keeps the plan" }),
    ),
    change_date: Type.Optional({
      ...Timestamp,
      description: "When the change takes effect; default: when the quote is priced",
    }),
    ...orderFields,
    valid_until: ValidUntil,
  },
  {
    additionalProperties: false,
    description: "Names a plan_variant_id, components or a coupon_code",
  },
);

const { draft: _draft, ...chargeFields } = ChargeInvoiceBody.properties;

/** A quote of one-time charges: an invoice of hand-entered charges' fields. */
export const OneTimeQuoteBody = Type.Object(
  { ...chargeFields, valid_until: ValidUntil },
  { additionalProperties: false },
);

/**
 * An edit of an open quote: the fields given replace the quote's (a coupon_code of null
 * removes it); the quote is priced again. Only the fields of the quote's type are taken.
 */
export const QuoteUpdateBody = Type.Object(
  {
    plan_variant_id: Type.Optional(Type.String({ maxLength: 64 })),
    quantity: orderFields.quantity,
    start_date: Type.Optional(Timestamp),
    change_date: Type.Optional(Timestamp),
    components: orderFields.components,
    coupon_code: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
    ),
    currency: Type.Optional(Type.String({ pattern: "^[A-Z]{3}$" })),
    price_basis: Type.Optional(Type.Union([Type.Literal("net"), Type.Literal("gross")])),
    lines: Type.Optional(Type.Array(ChargeLineBody, { minItems: 1, maxItems: 100 })),
    valid_until: ValidUntil,
  },
  { additionalProperties: false },
);

export const QuoteLineSchema = Type.Object({
  kind: Type.String(),
  description: Type.String(),
  period_start: Nullable(Type.String({ format: "date" })),
  period_end: Nullable(Type.String({ format: "date", description: "Exclusive" })),
  quantity: Type.String(),
  unit_price: Type.String(),
  amount: Type.String({ description: "In the quote's price basis (net or gross)" }),
  tax_rate: Type.String({ description: "Percent" }),
});

/** A quote with its lines and totals as priced. */
export const QuoteSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.Union([
      Type.Literal("subscription"),
      Type.Literal("change"),
      Type.Literal("one_time"),
    ]),
    status: Type.Union(
      [
        Type.Literal("open"),
        Type.Literal("accepted"),
        Type.Literal("declined"),
        Type.Literal("expired"),
      ],
      { description: "expired: open, and the tenant's now is past valid_until" },
    ),
    customer_id: Type.String(),
    contract_id: Nullable(
      Type.String({
        description:
          "The contract a change quote changes, or the contract an accepted subscription quote created",
      }),
    ),
    input: Type.Record(Type.String(), Type.Unknown(), {
      description: "The fields the quote was created or last edited with",
    }),
    starts_at: Nullable(
      Type.String({
        format: "date-time",
        description: "When the quoted subscription starts or the change takes effect",
      }),
    ),
    currency: Type.String(),
    price_basis: Type.Union([Type.Literal("net"), Type.Literal("gross")]),
    reverse_charge: Type.Boolean(),
    priced_on: Type.String({
      format: "date",
      description: "The customer's day the amounts are billed as of",
    }),
    lines: Type.Array(QuoteLineSchema),
    tax_rows: Type.Array(
      Type.Object({
        rate: Type.String(),
        net: Type.String(),
        tax: Type.String(),
        gross: Type.String(),
      }),
    ),
    total_net: Type.String(),
    total_tax: Type.String(),
    total_gross: Type.String(),
    valid_until: Type.String({ format: "date-time" }),
    order_id: Nullable(Type.String({ description: "The order accepting the quote created" })),
    invoice_id: Nullable(
      Type.String({ description: "The invoice accepting the quote issued, if any yet" }),
    ),
    accepted_at: Nullable(Type.String({ format: "date-time" })),
    declined_at: Nullable(Type.String({ format: "date-time" })),
    created_at: Type.String({ format: "date-time" }),
    updated_at: Type.String({ format: "date-time" }),
  },
  { $id: "Quote" },
);

export const QuoteListQuery = Type.Object(
  {
    ...SortedPageQuery,
    customer_id: Type.Optional(Type.String({ maxLength: 64 })),
    sort: Type.Optional(
      Type.Union([Type.Literal("created"), Type.Literal("valid_until")], {
        description:
          "What the list is ordered by, the id breaking ties: created (default; by id, ids sort by creation) or valid_until (until when the quote can be accepted). Combines with every filter",
      }),
    ),
    status: Type.Optional({
      ...QuoteSchema.properties.status,
      description:
        "Only the quotes in this status, as of the tenant's now (expired: open, past valid_until)",
    }),
    ...utcDays("created", "Created"),
    include_total: Type.Optional(
      Type.Boolean({
        description:
          "Also answer total_count: how many quotes match the filters, counted by one more query (its cost grows with the quotes matched)",
      }),
    ),
  },
  { additionalProperties: false },
);

/** A page of quotes, with how many match when asked. */
export const QuoteListPage = CountedPage(QuoteSchema, "how many quotes match the filters");

export const AcceptQuoteBody = Type.Object(
  {
    payment_method: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'How the customer pays ("Role:Provider"), for a subscription quote whose plan variant does not allow one without payment data',
      }),
    ),
  },
  { additionalProperties: false },
);
