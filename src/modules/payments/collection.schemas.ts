import { Type } from "typebox";
import {
  MAX_COLLECTION_RETRIES,
  MAX_COLLECTION_RETRY_DAYS,
} from "../../domain/payments/collection.js";
import { Nullable } from "./payments.schemas.js";

const RETRY_DAYS =
  "Automatic collection: days after a failed attempt the next is made, one entry per retry (default [3, 5, 7]; [] makes one attempt only)";

/** The retry schedule of automatic collection, as the dunning policy takes and shows it. */
export const collectionRetryDays = (note = "") =>
  Type.Array(Type.Integer({ minimum: 1, maximum: MAX_COLLECTION_RETRY_DAYS }), {
    maxItems: MAX_COLLECTION_RETRIES,
    description: `${RETRY_DAYS}${note}`,
  });

export const CollectionAttemptSchema = Type.Object({
  attempt: Type.Integer({ description: "1 for the first attempt, counting on" }),
  status: Type.Union(
    [
      Type.Literal("succeeded"),
      Type.Literal("failed"),
      Type.Literal("pending"),
      Type.Literal("requires_action"),
    ],
    {
      description:
        "The outcome of the attempt's last charge; pending: the gateway decides later (a direct debit); requires_action: the customer's bank asks the customer to authenticate the charge (payment.action_required). No other attempt is made until either settles",
    },
  ),
  attempted_at: Type.String({ format: "date-time" }),
  payment_source_id: Type.String({
    description: "The source charged last: the backup when the primary was refused",
  }),
  payment_id: Type.String({ description: "The payment of that charge" }),
  payment_ids: Type.Array(Type.String(), {
    description: "Every payment the attempt recorded, in the order the sources were charged",
  }),
  settled_at: Nullable(
    Type.String({
      format: "date-time",
      description:
        "A pending attempt, or one that required the customer's action: when the worker found its payment settled",
    }),
  ),
  next_attempt_at: Nullable(
    Type.String({
      format: "date-time",
      description: "A failed attempt with a retry left: when the next attempt is due",
    }),
  ),
});

export const InvoiceCollectionSchema = Type.Object({
  invoice_id: Type.String(),
  customer_id: Type.String(),
  auto_collection: Type.Union([Type.Literal("on"), Type.Literal("off")], {
    description: "The customer's setting now: off, the worker makes no attempt",
  }),
  status: Type.Union(
    [
      Type.Literal("not_attempted"),
      Type.Literal("pending"),
      Type.Literal("requires_action"),
      Type.Literal("succeeded"),
      Type.Literal("retrying"),
      Type.Literal("exhausted"),
    ],
    {
      description:
        "From the latest attempt: not_attempted (none yet), pending, requires_action (waiting for the customer to authenticate the charge), succeeded, retrying (failed; the next is due at next_attempt_at) or exhausted (failed with no retry left: collection stopped, dunning goes on)",
    },
  ),
  next_attempt_at: Nullable(Type.String({ format: "date-time" })),
  attempts: Type.Array(CollectionAttemptSchema),
});
