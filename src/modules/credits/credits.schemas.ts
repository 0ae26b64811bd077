import { Type } from "typebox";
import { PageQuery } from "../schemas.js";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

/** An amount as callers send it: a plain decimal in the currency, at most its minor units. */
const Amount = Type.String({
  pattern: "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?$",
  description: "A decimal amount in the currency, e.g. 12.50",
});

/** POST body of adding, deducting or setting promotional credits. */
export const PromotionalCreditsBody = Type.Object(
  {
    amount: Amount,
    currency: Type.String({ minLength: 3, maxLength: 3, description: "ISO 4217, e.g. EUR" }),
    description: Type.String({
      minLength: 1,
      maxLength: 250,
      description: "Why the credits change, kept on the ledger entry",
    }),
    reference: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "Your own reference (a campaign, a ticket), kept on the ledger entry",
      }),
    ),
  },
  { additionalProperties: false },
);

/** One entry of a customer's promotional credit ledger. */
export const PromotionalCreditEntrySchema = Type.Object({
  id: Type.String(),
  customer_id: Type.String(),
  currency: Type.String(),
  kind: Type.Union(
    [Type.Literal("add"), Type.Literal("deduct"), Type.Literal("set"), Type.Literal("applied")],
    { description: "applied: consumed by the invoice named in `reference` when it was issued" },
  ),
  amount: Type.String({
    description: "Signed: positive when credits were added, negative when deducted or applied",
  }),
  balance_after: Type.String({ description: "The balance in the currency after this entry" }),
  description: Nullable(Type.String()),
  reference: Nullable(
    Type.String({ description: "The invoice id of an applied entry; else the caller's own" }),
  ),
  created_at: Type.String({ format: "date-time" }),
});

/** The answer of adding, deducting or setting promotional credits. */
export const PromotionalCreditsChangeSchema = Type.Object({
  customer_id: Type.String(),
  currency: Type.String(),
  balance: Type.String({ description: "The customer's balance in the currency afterwards" }),
  entry: PromotionalCreditEntrySchema,
});

export const PromotionalCreditsQuery = Type.Object(
  {
    ...PageQuery.properties,
    currency: Type.Optional(
      Type.String({ minLength: 3, maxLength: 3, description: "Only this currency's entries" }),
    ),
  },
  { additionalProperties: false },
);

/** A customer's balances per currency, and a page of its ledger, newest entry first. */
export const PromotionalCreditsSchema = Type.Object({
  customer_id: Type.String(),
  balances: Type.Array(Type.Object({ currency: Type.String(), balance: Type.String() }), {
    description: "Every currency the customer has had credits in, by currency code",
  }),
  data: Type.Array(PromotionalCreditEntrySchema),
  has_more: Type.Boolean(),
  next_cursor: Nullable(Type.String()),
});
