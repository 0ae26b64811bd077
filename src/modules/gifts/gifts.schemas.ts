/**
 * The gifts module's wire shapes (Chargebee's gift: a gifter, a gift receiver, the gifted
 * subscription's items, its date). The items are a signup order's: a plan variant, its
 * quantity, components.
 */
import { Type } from "typebox";
import { CartComponentSchema } from "../contracts/index.js";
import { UpdatePaymentMethodInput } from "../payments/index.js";
import { PageQuery } from "../schemas.js";

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String({ format: "date-time", maxLength: 64 });
const EMAIL = "^[^@\\s]+@[^@\\s]+$";

export const GiftStatus = Type.Union(
  [
    Type.Literal("scheduled"),
    Type.Literal("unclaimed"),
    Type.Literal("claimed"),
    Type.Literal("cancelled"),
    Type.Literal("expired"),
  ],
  {
    description:
      "scheduled (its date not reached) → unclaimed (claimable) → claimed; scheduled or unclaimed → cancelled; unclaimed past its claim expiry date → expired. Read on the tenant's clock.",
  },
);

/** The gifted subscription: a signup order's items. */
export const GiftSubscriptionBody = Type.Object(
  {
    plan_variant_id: Type.String({ maxLength: 64 }),
    quantity: Type.Optional(
      Type.String({ pattern: "^[1-9][0-9]{0,8}$", description: "Plan quantity (default 1)" }),
    ),
    components: Type.Optional(
      Type.Array(CartComponentSchema, {
        maxItems: 50,
        description: "Quantity-based or on/off components (addons) the gifted contract runs with",
      }),
    ),
  },
  { additionalProperties: false },
);

export const GiftCreateBody = Type.Object(
  {
    gifter: Type.Object(
      {
        customer_id: Type.String({ maxLength: 64, description: "The customer who pays" }),
        note: Type.Optional(Type.String({ maxLength: 1000, description: "A personal message" })),
        signature: Type.Optional(Type.String({ maxLength: 200 })),
        payment_source_id: Type.Optional(
          Type.String({
            maxLength: 64,
            description:
              "A payment source of the gifter's charged for the invoice at once; a failed charge refuses the gift",
          }),
        ),
      },
      { additionalProperties: false },
    ),
    gift_receiver: Type.Object(
      {
        customer_id: Type.Optional(
          Type.String({
            maxLength: 64,
            description:
              "A stored customer the gift is for; default: the customer is found or created when the gift is claimed",
          }),
        ),
        email: Type.String({ maxLength: 254, pattern: EMAIL }),
        first_name: Type.Optional(Type.String({ maxLength: 100 })),
        last_name: Type.Optional(Type.String({ maxLength: 100 })),
      },
      { additionalProperties: false },
    ),
    subscription: GiftSubscriptionBody,
    scheduled_at: Type.Optional({
      ...Timestamp,
      description:
        "When the recipient can claim it (the gift notification); default: now. Not before now.",
    }),
    claim_expiry_date: Type.Optional({
      ...Timestamp,
      description: "After it an unclaimed gift expires; default: never",
    }),
  },
  { additionalProperties: false },
);

export const GiftClaimBody = Type.Object(
  {
    customer_id: Type.Optional(
      Type.String({
        maxLength: 64,
        description:
          "The stored customer that claims it; default: the gift's receiver customer, else one created from the receiver's e-mail and name",
      }),
    ),
  },
  { additionalProperties: false },
);

export const GiftUpdateBody = Type.Object(
  {
    scheduled_at: { ...Timestamp, description: "The new date; not before now" },
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const GiftListQuery = Type.Object(
  {
    ...PageQuery.properties,
    status: Type.Optional(GiftStatus),
    gifter_customer_id: Type.Optional(Type.String({ maxLength: 64 })),
    receiver_customer_id: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

const Period = Type.Object({
  unit: Type.Union([
    Type.Literal("day"),
    Type.Literal("week"),
    Type.Literal("month"),
    Type.Literal("year"),
  ]),
  count: Type.Integer(),
});

export const GiftSchema = Type.Object({
  id: Type.String(),
  status: GiftStatus,
  scheduled_at: Timestamp,
  claim_expiry_date: Nullable(Timestamp),
  gifter: Type.Object({
    customer_id: Type.String(),
    invoice_id: Type.String({ description: "The gifter's invoice for the gifted term" }),
    credit_note_id: Nullable(
      Type.String({ description: "The credit note of that invoice, when the gift was cancelled" }),
    ),
    note: Nullable(Type.String()),
    signature: Nullable(Type.String()),
  }),
  gift_receiver: Type.Object({
    customer_id: Nullable(Type.String()),
    email: Type.String(),
    first_name: Nullable(Type.String()),
    last_name: Nullable(Type.String()),
  }),
  subscription: Type.Object({
    plan_variant_id: Type.String(),
    quantity: Type.String(),
    components: Type.Array(CartComponentSchema),
    term: { ...Period, description: "The gifted term: the plan variant's billing period" },
    contract_id: Nullable(
      Type.String({ description: "The recipient's contract, once the gift is claimed" }),
    ),
  }),
  claimed_at: Nullable(Timestamp),
  cancelled_at: Nullable(Timestamp),
  expired_at: Nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
});

// ---- hosted pages of gifts ---------------------------------------------------------------------

const validity = {
  validity_minutes: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 10_080,
      description:
        "How long the page can be completed, on the tenant's clock; default 1440 (a day), at most 10080 (7 days)",
    }),
  ),
};

/** A gift checkout page: a gift's fields; the gifter pays when it completes the page. */
export const GiftCheckoutPageBody = Type.Object(
  {
    ...GiftCreateBody.properties,
    gifter: Type.Omit(GiftCreateBody.properties.gifter, ["payment_source_id"], {
      additionalProperties: false,
    }),
    ...validity,
  },
  { additionalProperties: false },
);

/** A gift claim page: the gift, and optionally the stored customer that claims it. */
export const ClaimGiftPageBody = Type.Object(
  {
    gift_id: Type.String({ maxLength: 64 }),
    customer_id: GiftClaimBody.properties.customer_id,
    ...validity,
  },
  { additionalProperties: false },
);

/** Completing a gift checkout page: a card or bank account added to the gifter and charged. */
export const GiftCheckoutCompleteBody = Type.Object(
  {
    payment_source: Type.Optional({
      ...UpdatePaymentMethodInput,
      description: "A card or bank account added to the gifter and charged for the gift's invoice",
    }),
  },
  { additionalProperties: false },
);
