import { Type } from "typebox";

/** A schema or null. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

/** An amount as callers send it: a plain decimal in the currency, at most its minor units. */
export const Amount = Type.String({
  pattern: "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?$",
  description: "A decimal amount in the currency, e.g. 12.50",
});

/** A payment, refund or write-off as the API shows it. */
export const PaymentSchema = Type.Object({
  id: Type.String(),
  customer_id: Type.String(),
  kind: Type.Union([
    Type.Literal("payment"),
    Type.Literal("refund"),
    Type.Literal("write_off"),
    Type.Literal("tax_withheld"),
  ]),
  method: Type.Union(
    [
      Type.Literal("offline"),
      Type.Literal("test_card"),
      Type.Literal("test_direct_debit"),
      Type.Literal("card"),
      Type.Literal("direct_debit"),
      Type.Literal("write_off"),
      Type.Literal("tax_withheld"),
    ],
    {
      description:
        "test_card, test_direct_debit: charged by the built-in test gateway; card, direct_debit: charged by a provider's gateway (Stripe)",
    },
  ),
  status: Type.Union(
    [
      Type.Literal("succeeded"),
      Type.Literal("failed"),
      Type.Literal("authorized"),
      Type.Literal("voided"),
      Type.Literal("pending"),
      Type.Literal("requires_action"),
    ],
    {
      description:
        "authorized: an amount a gateway holds until captured or voided; voided: a hold let go; pending: a charge the gateway decides later (a direct debit), paying nothing until a sync reads it succeeded; requires_action: a charge the customer's bank asks the customer to authenticate (3-D Secure), paying nothing and counting as no failure until the customer confirms it in the portal or the gateway reports it settled",
    },
  ),
  amount: Type.String(),
  currency: Type.String(),
  reference: Nullable(Type.String()),
  card_last4: Nullable(Type.String()),
  failure: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
  refunds_payment_id: Nullable(Type.String()),
  payment_method: Nullable(
    Type.String({
      description:
        "How an offline payment was paid, as recorded; chargeback on the refund that took a disputed payment's money back",
    }),
  ),
  payment_source_id: Nullable(
    Type.String({
      description: "The payment source a gateway charged; null when recorded by hand",
    }),
  ),
  authorized_until: Nullable(
    Type.String({
      format: "date-time",
      description: "An authorization's hold: until when the gateway keeps it",
    }),
  ),
  allocations: Type.Array(
    Type.Object({
      invoice_id: Type.String(),
      amount: Type.String({ description: "Negative on a refund: the invoice owes this again" }),
    }),
  ),
  unapplied: Type.String({ description: "What the payment left as the customer's credit" }),
  received_at: Type.String({ format: "date-time" }),
  created_at: Type.String({ format: "date-time" }),
});

/** How money recorded outside Accrue was paid. */
export const PaymentMethod = Type.Union(
  [
    Type.Literal("cash"),
    Type.Literal("check"),
    Type.Literal("bank_transfer"),
    Type.Literal("card"),
    Type.Literal("other"),
  ],
  { description: "How the money was paid (kept on the payment)" },
);

const Reference = Type.String({ minLength: 1, maxLength: 200 });

/** POST body of recording a payment against one invoice. */
export const RecordPaymentBody = Type.Object(
  {
    amount: Type.Optional({
      ...Amount,
      description: "Default: what the invoice still owes; more than that is the customer's credit",
    }),
    payment_method: Type.Optional(PaymentMethod),
    reference: Type.Optional(Reference),
    paid_at: Type.Optional(
      Type.String({ format: "date-time", maxLength: 64, description: "Default: now" }),
    ),
  },
  { additionalProperties: false },
);

/** POST body of applying what existing payments left unapplied to an invoice. */
export const ApplyPaymentsBody = Type.Object(
  {
    payments: Type.Array(
      Type.Object(
        {
          payment_id: Type.String({ maxLength: 64 }),
          amount: Type.Optional({
            ...Amount,
            description:
              "Default: all the payment has unapplied, up to what the invoice still owes",
          }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

/** POST body of taking a payment off an invoice. */
export const RemovePaymentBody = Type.Object(
  { payment_id: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);

/** POST body of recording a refund, made outside Accrue, of money paid on an invoice. */
export const RecordRefundBody = Type.Object(
  {
    amount: Type.Optional({ ...Amount, description: "Default: all that was paid on the invoice" }),
    reference: Type.Optional(Reference),
    payment_method: Type.Optional({
      ...PaymentMethod,
      description: "How the money was given back (kept on the refunds)",
    }),
  },
  { additionalProperties: false },
);

/** POST body of a refund through the gateway that took the money: the gateway's method. */
export const GatewayRefundBody = Type.Omit(RecordRefundBody, ["payment_method"], {
  additionalProperties: false,
});

/** POST body of recording a refund, made outside Accrue, of a credit note's amount. */
export const RecordCreditNoteRefundBody = Type.Object(
  {
    amount: Type.Optional({
      ...Amount,
      description: "Default: all the credit note has left to refund",
    }),
    reference: Type.Optional(Reference),
    payment_method: Type.Optional({
      ...PaymentMethod,
      description: "How the money was given back (kept on the refunds)",
    }),
  },
  { additionalProperties: false },
);

/** POST body of a credit note's refund through the gateway that took the money. */
export const GatewayCreditNoteRefundBody = Type.Omit(
  RecordCreditNoteRefundBody,
  ["payment_method"],
  {
    additionalProperties: false,
  },
);

/** A credit note's refunds after one was recorded: what it credited, refunded and has left. */
export const CreditNoteRefundsSchema = Type.Object({
  credit_note_id: Type.String(),
  invoice_id: Type.String({ description: "The invoice the credit note corrects" }),
  currency: Type.String(),
  total: Type.String({ description: "What the credit note credits (a positive amount)" }),
  refunded: Type.String({ description: "What refunds recorded against it paid out" }),
  refundable: Type.String({
    description:
      "What can still be refunded: the part of the credit note the invoice did not use (it was paid already), less refunds",
  }),
  refunds: Type.Array(PaymentSchema, {
    description: "The refunds written, one per payment on the invoice they return money of",
  }),
});

/** An invoice's payments after a change: what it still owes and the payments the change wrote. */
export const InvoicePaymentsSchema = Type.Object({
  invoice_id: Type.String(),
  currency: Type.String(),
  due: Type.String({ description: "What the invoice still owes" }),
  paid: Type.String({ description: "What payments (net of refunds) have on the invoice" }),
  payments: Type.Array(PaymentSchema, {
    description: "The payments (or refunds) the change applied, took off or wrote",
  }),
});

/** POST body of recording an excess payment: money received, applied to no invoice. */
export const ExcessPaymentBody = Type.Object(
  {
    amount: Amount,
    currency: Type.String({ pattern: "^[A-Z]{3}$" }),
    payment_method: Type.Optional(PaymentMethod),
    reference: Type.Optional(Reference),
    received_at: Type.Optional(
      Type.String({ format: "date-time", maxLength: 64, description: "Default: now" }),
    ),
  },
  { additionalProperties: false },
);

/** POST body of applying credit notes' available credit to an invoice. */
export const ApplyCreditsBody = Type.Object(
  {
    credit_notes: Type.Optional(
      Type.Array(
        Type.Object(
          {
            credit_note_id: Type.String({ maxLength: 64 }),
            amount: Type.Optional({
              ...Amount,
              description:
                "Default: all the credit note has available, up to what the invoice still owes",
            }),
          },
          { additionalProperties: false },
        ),
        {
          minItems: 1,
          maxItems: 100,
          description:
            "Apply these, in this order; default: every credit note with credit available, oldest first",
        },
      ),
    ),
  },
  { additionalProperties: false },
);

/** POST body of taking a credit note's credit off an invoice. */
export const RemoveCreditNoteBody = Type.Object(
  { credit_note_id: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);

/** An invoice's applied credit after a change: what it owes and the credit notes on it. */
export const InvoiceCreditsSchema = Type.Object({
  invoice_id: Type.String(),
  currency: Type.String(),
  due: Type.String({ description: "What the invoice still owes" }),
  credit_notes: Type.Array(
    Type.Object({
      credit_note_id: Type.String(),
      amount: Type.String({ description: "What the credit note has applied to the invoice, net" }),
    }),
    { description: "Credit notes of other invoices whose credit is applied to this one" },
  ),
});

/** POST body of recording tax the customer withheld from an invoice. */
export const RecordTaxWithheldBody = Type.Object(
  {
    amount: Amount,
    reference: Type.Optional(Reference),
    date: Type.Optional(
      Type.String({ format: "date-time", maxLength: 64, description: "Default: now" }),
    ),
  },
  { additionalProperties: false },
);

/** POST body of removing withheld tax from an invoice. */
export const RemoveTaxWithheldBody = Type.Object(
  { tax_withheld_id: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);

/** POST body of giving withheld tax back through a credit note. */
export const TaxWithheldRefundBody = Type.Object(
  { amount: Amount, reference: Type.Optional(Reference) },
  { additionalProperties: false },
);

/** POST body of removing a refund of withheld tax from a credit note. */
export const RemoveTaxWithheldRefundBody = Type.Object(
  { refund_id: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);

/** One invoice's account: what it claims, what settled it, and what it still owes. */
export const InvoiceAccountSchema = Type.Object({
  invoice_id: Type.String(),
  customer_id: Type.String(),
  currency: Type.String(),
  total: Type.String({ description: "The invoice's gross total" }),
  credited: Type.String({ description: "What its issued credit notes credit (a positive amount)" }),
  credits_applied: Type.String({
    description: "Promotional credits applied when the invoice was issued",
  }),
  paid: Type.String({ description: "What payments have on the invoice, net of refunds" }),
  written_off: Type.String(),
  tax_withheld: Type.String({
    description: "Tax the customer withheld from the invoice, net of refunds of it",
  }),
  credit_applied: Type.String({
    description: "Credit of other invoices' credit notes applied to this one",
  }),
  due: Type.String({
    description: "What the invoice still owes (0 for a draft or void invoice)",
  }),
  payments: Type.Array(
    Type.Object({
      ...PaymentSchema.properties,
      applied: Type.String({
        description: "What the payment's allocations net to on this invoice (negative: a refund)",
      }),
    }),
    {
      description:
        "Every payment, refund, write-off and withheld tax applied to the invoice, oldest first",
    },
  ),
  credit_notes_applied: Type.Array(
    Type.Object({
      credit_note_id: Type.String(),
      amount: Type.String({ description: "What the credit note has applied to the invoice, net" }),
    }),
    { description: "Credit notes of other invoices whose credit is applied to this one" },
  ),
});
