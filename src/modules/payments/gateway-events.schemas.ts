import { Type } from "typebox";
import { Nullable } from "./payments.schemas.js";

const Status = Type.Union(
  [Type.Literal("applied"), Type.Literal("ignored"), Type.Literal("rejected")],
  {
    description:
      "applied: it changed a payment (settled, failed, refunded, disputed, a refund failed, a dispute reversed) or added a payment source the customer saved on the gateway's page; ignored: nothing to change (an unknown type, a charge Accrue does not know, or one already as the event says); rejected: refused before its content was used (a bad signature)",
  },
);

/** An event a payment gateway sent, as recorded. */
export const GatewayEventSchema = Type.Object({
  id: Type.String(),
  gateway_account_id: Type.String(),
  provider_event_id: {
    ...Nullable(Type.String()),
    description: "The gateway's id of the event; null when rejected",
  },
  type: {
    ...Nullable(
      Type.Union([
        Type.Literal("charge.succeeded"),
        Type.Literal("charge.failed"),
        Type.Literal("charge.refunded"),
        Type.Literal("charge.disputed"),
        Type.Literal("charge.refund_failed"),
        Type.Literal("charge.dispute_reversed"),
        Type.Literal("setup.succeeded"),
        Type.Literal("unknown"),
      ]),
    ),
    description: "What the event tells, as Accrue reads it; null when rejected",
  },
  provider_type: {
    ...Nullable(Type.String()),
    description: "The gateway's own type, e.g. payment_intent.succeeded",
  },
  status: Status,
  error_code: {
    ...Nullable(Type.String()),
    description: "Why it was rejected or could not be applied (docs/errors.md)",
  },
  detail: { ...Nullable(Type.String()), description: "What applying it did, or why it was not" },
  charge_reference: {
    ...Nullable(Type.String()),
    description: "The gateway's reference of the charge",
  },
  payment_id: { ...Nullable(Type.String()), description: "The payment the event concerned" },
  received_at: Type.String({ format: "date-time" }),
  payload: Type.Unknown({
    description: "The verified event as the gateway sent it; null when rejected",
  }),
});

/** What a batch of events was recorded as, in the order sent. */
export const GatewayEventBatchSchema = Type.Object({
  data: Type.Array(GatewayEventSchema, {
    description: "Each event of the batch as recorded (GoCardless's events; a Mollie payment's)",
  }),
});

export const GatewayEventParams = Type.Object({ account_id: Type.String({ maxLength: 64 }) });

export const GatewayEventListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(
      Type.String({ maxLength: 64, description: "next_cursor of the previous page" }),
    ),
    status: Type.Optional(Status),
  },
  { additionalProperties: false },
);

/** The signature headers of the gateways Accrue reads events of. */
export const GatewayEventHeaders = Type.Object({
  "stripe-signature": Type.Optional(
    Type.String({ description: "Stripe's signature of the event (Stripe)" }),
  ),
  "webhook-signature": Type.Optional(
    Type.String({
      description: "GoCardless's signature: the hex HMAC-SHA256 of the body (GoCardless)",
    }),
  ),
  "accrue-test-signature": Type.Optional(
    Type.String({
      description:
        "The test gateway's signature: t=<unix seconds>,v1=<hex HMAC-SHA256> (docs/payments.md)",
    }),
  ),
});
