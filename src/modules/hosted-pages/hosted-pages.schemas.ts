/**
 * The hosted pages module's wire shapes. A checkout page takes what the order or the invoice
 * it stands for takes (a signup order's, a change order's or an invoice of charges' fields);
 * the other pages name the customer or the quote they concern.
 */
import { Type } from "typebox";
import { CustomerCreateInput } from "../customers/index.js";
import { UpdatePaymentMethodInput } from "../payments/index.js";
import {
  AcceptQuoteBody,
  ChangeQuoteBody,
  OneTimeQuoteBody,
  SubscriptionQuoteBody,
} from "../quotes/index.js";
import { PageQuery } from "../schemas.js";

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String({ format: "date-time" });

/** The longest a hosted page stays open: 7 days. */
export const MAX_PAGE_VALIDITY_MINUTES = 10_080;
/** How long a hosted page stays open when the request names no validity: a day. */
export const DEFAULT_PAGE_VALIDITY_MINUTES = 1_440;

const validity = {
  validity_minutes: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PAGE_VALIDITY_MINUTES,
      description: `How long the page can be completed, on the tenant's clock; default ${DEFAULT_PAGE_VALIDITY_MINUTES} (a day), at most ${MAX_PAGE_VALIDITY_MINUTES} (7 days)`,
    }),
  ),
};

export const HostedPageType = Type.Union([
  Type.Literal("checkout_new"),
  Type.Literal("checkout_existing"),
  Type.Literal("checkout_one_time"),
  Type.Literal("manage_payment_sources"),
  Type.Literal("update_payment_method"),
  Type.Literal("collect_now"),
  Type.Literal("accept_quote"),
  Type.Literal("extend_subscription"),
  Type.Literal("pre_cancel"),
  Type.Literal("view_voucher"),
  Type.Literal("checkout_gift"),
  Type.Literal("claim_gift"),
]);

export const HostedPageState = Type.Union(
  [
    Type.Literal("created"),
    Type.Literal("requested"),
    Type.Literal("succeeded"),
    Type.Literal("cancelled"),
    Type.Literal("acknowledged"),
  ],
  {
    description:
      "created → requested (the customer opened it) → succeeded (completed) or cancelled; acknowledged: succeeded, and the merchant took its content over",
  },
);

/** A checkout of a new subscription, for a stored customer or one created when it completes. */
export const CheckoutNewBody = Type.Object(
  {
    customer_id: Type.Optional(
      Type.String({ maxLength: 64, description: "A stored customer; or give `customer`" }),
    ),
    customer: Type.Optional({
      ...CustomerCreateInput,
      description: "A customer created when the checkout completes; or give `customer_id`",
    }),
    subscription: Type.Omit(SubscriptionQuoteBody, ["valid_until", "customer_id"], {
      additionalProperties: false,
    }),
    ...validity,
  },
  { additionalProperties: false },
);

/** A checkout of a change of a contract: a change order's fields. */
export const CheckoutExistingBody = Type.Object(
  { ...Type.Omit(ChangeQuoteBody, ["valid_until"]).properties, ...validity },
  { additionalProperties: false },
);

/** A checkout of one-time charges: an invoice of hand-entered charges' fields. */
export const CheckoutOneTimeBody = Type.Object(
  { ...Type.Omit(OneTimeQuoteBody, ["valid_until"]).properties, ...validity },
  { additionalProperties: false },
);

/** A page about a customer's payment sources. */
export const CustomerPageBody = Type.Object(
  { customer_id: Type.String({ maxLength: 64 }), ...validity },
  { additionalProperties: false },
);

/** A page on which a customer pays its open invoices (in one currency). */
export const CollectPageBody = Type.Object(
  {
    customer_id: Type.String({ maxLength: 64 }),
    currency: Type.Optional(
      Type.String({
        pattern: "^[A-Z]{3}$",
        description: "Default: the one currency the customer owes in",
      }),
    ),
    ...validity,
  },
  { additionalProperties: false },
);

export const AcceptQuotePageBody = Type.Object(
  { quote_id: Type.String({ maxLength: 64 }), ...validity },
  { additionalProperties: false },
);

/** A page on which the customer extends a contract's current term. */
export const ExtendSubscriptionPageBody = Type.Object(
  {
    contract_id: Type.String({ maxLength: 64 }),
    billing_cycles: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 120,
        description:
          "The current term's end moves later by this many of the plan variant's billing periods; or give term_end",
      }),
    ),
    term_end: Type.Optional(
      Type.String({
        format: "date-time",
        maxLength: 64,
        description: "The new end of the current term; or give billing_cycles",
      }),
    ),
    ...validity,
  },
  { additionalProperties: false },
);

/** A page shown before a cancellation: what is offered to stay, and how it cancels. */
export const PreCancelPageBody = Type.Object(
  {
    contract_id: Type.String({ maxLength: 64 }),
    end_of_term: Type.Optional(
      Type.Boolean({
        description:
          "true (default): cancelling ends the contract as a regular cancellation does (at the end of the notice period or term); false: it ends now",
      }),
    ),
    offer: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: "What the page offers the customer to stay (shown on the page)",
      }),
    ),
    ...validity,
  },
  { additionalProperties: false },
);

/** A page showing the offline payment voucher of an issued invoice that is still owed. */
export const ViewVoucherPageBody = Type.Object(
  {
    invoice_id: Type.String({ maxLength: 64 }),
    due_date: Type.Optional(
      Type.String({
        format: "date",
        description: "Pay by this day; default the invoice's due date (or the page's last day)",
      }),
    ),
    ...validity,
  },
  { additionalProperties: false },
);

/** An event recorded on a page. */
export const HostedPageEventBody = Type.Object(
  {
    event_name: Type.String({
      pattern: "^[a-z][a-z0-9_]{0,63}$",
      description: "What happened, e.g. cancellation_page_loaded",
    }),
    occurred_at: Type.Optional(
      Type.String({ format: "date-time", description: "Default: the tenant's now" }),
    ),
    data: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), {
        maxProperties: 20,
        description: "What the merchant keeps with it",
      }),
    ),
  },
  { additionalProperties: false },
);

export const HostedPageListQuery = Type.Object(
  {
    ...PageQuery.properties,
    customer_id: Type.Optional(Type.String({ maxLength: 64 })),
    state: Type.Optional(HostedPageState),
  },
  { additionalProperties: false },
);

export const HostedPageSchema = Type.Object({
  id: Type.String(),
  type: HostedPageType,
  state: HostedPageState,
  url: Nullable(
    Type.String({
      description:
        "The portal page the customer completes it on; in the answer that created the page only (its token is never stored)",
    }),
  ),
  customer_id: Nullable(
    Type.String({ description: "Null until a checkout's new customer is created" }),
  ),
  contract_id: Nullable(Type.String()),
  quote_id: Nullable(Type.String()),
  invoice_id: Nullable(Type.String({ description: "A voucher page's invoice" })),
  voucher: Type.Union(
    [
      Type.Object({
        reference: Type.String({
          description: "The payment reference the customer quotes (an ISO 11649 RF reference)",
        }),
        invoice_id: Type.String(),
        invoice_number: Nullable(Type.String()),
        amount: Type.String({ description: "What the invoice owed when the page was created" }),
        currency: Type.String(),
        due_date: Type.String({ format: "date" }),
      }),
      Type.Null(),
    ],
    { description: "A view_voucher page's offline payment voucher; null for other types" },
  ),
  events: Type.Array(
    Type.Object({
      event_name: Type.String(),
      occurred_at: Timestamp,
      data: Type.Record(Type.String(), Type.Unknown()),
      recorded_at: Timestamp,
    }),
    { description: "The events recorded on the page, in the order they were recorded" },
  ),
  input: Type.Record(Type.String(), Type.Unknown(), {
    description: "What the page was created with",
  }),
  content: Type.Union(
    [
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          "What completing it produced: customer_id, contract_id, order_id, invoice_id, payment_source_id, payment_ids, as the type has them",
      }),
      Type.Null(),
    ],
    { description: "Null until it succeeded" },
  ),
  expires_at: { ...Timestamp, description: "On the tenant's clock" },
  expired: Type.Boolean({
    description: "Not completed, and the tenant's now is past expires_at: it cannot be completed",
  }),
  requested_at: Nullable(Timestamp),
  succeeded_at: Nullable(Timestamp),
  cancelled_at: Nullable(Timestamp),
  acknowledged_at: Nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
});

// ---- the portal's side: what the customer sends to complete a page ----------------------------

/** Completing a checkout page: a payment source to add first, and how the customer pays. */
export const CheckoutCompleteBody = Type.Object(
  {
    payment_source: Type.Optional({
      ...UpdatePaymentMethodInput,
      description: "A card or bank account added to the customer before the order is committed",
    }),
    payment_method: AcceptQuoteBody.properties.payment_method,
  },
  { additionalProperties: false },
);

/** Completing a collect page: a new source to pay through; default the customer's primary. */
export const CollectCompleteBody = Type.Object(
  {
    payment_source: Type.Optional({
      ...UpdatePaymentMethodInput,
      description: "A card or bank account added and charged; default: the primary source",
    }),
  },
  { additionalProperties: false },
);

export const PaymentSourceCompleteBody = UpdatePaymentMethodInput;

/** Completing a pre-cancel page: the customer cancels, or stays. */
export const PreCancelCompleteBody = Type.Object(
  {
    decision: Type.Union([Type.Literal("cancel"), Type.Literal("stay")]),
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: "Why the customer leaves" }),
    ),
  },
  { additionalProperties: false },
);
