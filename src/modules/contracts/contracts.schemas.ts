/** The contracts module's wire shapes: orders, contracts and what a contract carries. */
import { Type } from "typebox";
import { DiscountSchema } from "../catalog/index.js";

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** A component of an order's cart: its quantity from the start or change date on. */
export const CartComponentSchema = Type.Object(
  {
    component_id: Type.String({ maxLength: 64 }),
    quantity: Type.String({
      pattern: "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,8})?$",
      description: "The component's quantity from the start (signup) or change date on; 0 ends it",
    }),
    memo: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** An order: a signup or a change of a contract. */
export const OrderSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.Union([Type.Literal("signup"), Type.Literal("change")]),
    status: Type.Union([
      Type.Literal("in_progress"),
      Type.Literal("approval_pending"),
      Type.Literal("succeeded"),
      Type.Literal("declined"),
    ]),
    customer_id: Type.String(),
    contract_id: Type.String({
      description: "Allocated at creation; the contract exists once the order succeeds",
    }),
    plan_variant_id: Nullable(
      Type.String({ description: "The ordered plan variant; null on a component-only change" }),
    ),
    quantity: Nullable(
      Type.String({
        description:
          "Plan quantity; on a change without a plan variant, the new quantity of the variant billed at the change date (null: the quantity stays)",
      }),
    ),
    components: Type.Array(CartComponentSchema),
    coupon_code: Nullable(Type.String()),
    trigger_interim_billing: Type.Boolean({
      description: "When the order succeeds, the contract is billed at once (an interim invoice)",
    }),
    payment_method: Nullable(
      Type.String({ description: 'Named at commit ("Role:Provider"); null when none was' }),
    ),
    start_date: Nullable(Type.String({ format: "date-time" })),
    change_date: Nullable(Type.String({ format: "date-time" })),
    created_at: Type.String({ format: "date-time" }),
    updated_at: Type.String({ format: "date-time" }),
  },
  { $id: "Order" },
);

/** One phase of a contract's timeline. */
export const PhaseSchema = Type.Object({
  type: Type.Union([Type.Literal("trial"), Type.Literal("normal"), Type.Literal("inactive")]),
  start_date: Type.String({ format: "date-time" }),
  plan_variant_id: Nullable(Type.String()),
  quantity: Type.String(),
});

/** A contract with its phases; its status as of the tenant's now. */
export const ContractSchema = Type.Object(
  {
    id: Type.String(),
    customer_id: Type.String(),
    plan_group_id: Type.String(),
    currency: Type.String(),
    status: Type.Union(
      [
        Type.Literal("future"),
        Type.Literal("in_trial"),
        Type.Literal("trial_expired"),
        Type.Literal("active"),
        Type.Literal("temporarily_inactive"),
        Type.Literal("ended"),
        Type.Literal("transferred"),
      ],
      {
        description:
          "Derived from the phase covering the tenant's now; transferred: the copy a move to another business entity left behind",
      },
    ),
    start_date: Type.String({ format: "date-time" }),
    end_date: Nullable(Type.String({ format: "date-time" })),
    current_phase: Type.Union([PhaseSchema, Type.Null()]),
    phases: Type.Array(PhaseSchema),
    business_entity_id: Type.String({ description: "The business entity that bills it" }),
    active_id: Nullable(
      Type.String({ description: "On a transferred copy: the id of the contract that moved" }),
    ),
    settlement: Type.Object(
      {
        status: Type.Union([Type.Literal("ok"), Type.Literal("retrying"), Type.Literal("parked")], {
          description:
            "ok: the last settlement succeeded (or none failed); retrying: it failed and billing tries again later, waiting longer after each failure; parked: billing stopped trying after repeated failures until a retry (POST /v1/contracts/{id}/settlement/retry)",
        }),
        failed_attempts: Type.Integer({ description: "Settlements that failed in a row" }),
        last_error: Nullable(Type.String({ description: "The last failed settlement's error" })),
        last_failed_at: Nullable(Type.String({ format: "date-time" })),
        parked_at: Nullable(Type.String({ format: "date-time" })),
      },
      { description: "How billing the contract goes: failed settlements and parking" },
    ),
    created_at: Type.String({ format: "date-time" }),
    updated_at: Type.String({ format: "date-time" }),
  },
  { $id: "Contract" },
);

/** A component a contract subscribes to over a time span. */
export const ComponentSubscriptionSchema = Type.Object(
  {
    id: Type.String(),
    contract_id: Type.String(),
    component_id: Type.String(),
    quantity: Type.String(),
    start_date: Type.String({ format: "date-time" }),
    end_date: Nullable(Type.String({ format: "date-time" })),
    memo: Nullable(Type.String()),
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "ComponentSubscription" },
);

/** A one-off charge of a contract with its service period. */
export const RatedItemSchema = Type.Object(
  {
    id: Type.String(),
    contract_id: Type.String(),
    description: Type.String(),
    quantity: Type.String(),
    price_per_unit: Type.String(),
    period_start: Type.String({ format: "date-time" }),
    period_end: Type.String({ format: "date-time" }),
    billed: Type.Boolean(),
    invoice_id: Nullable(Type.String()),
    created_at: Type.String({ format: "date-time" }),
    due_at: Nullable(
      Type.String({
        format: "date-time",
        description:
          "Billed with the first settlement from this instant (a charge at the term end); null: with the next settlement",
      }),
    ),
  },
  { $id: "RatedItem" },
);

/** A discount granted to a contract, with its discount. */
export const DiscountSubscriptionSchema = Type.Object(
  {
    id: Type.String(),
    contract_id: Type.String(),
    discount_id: Type.String(),
    coupon_id: Nullable(Type.String({ description: "The coupon that granted it, if any" })),
    order_id: Nullable(Type.String({ description: "The order that redeemed the coupon, if any" })),
    start_date: Type.String({ format: "date-time" }),
    end_date: Nullable(Type.String({ format: "date-time", description: "An explicit end" })),
    duration_end_date: Nullable(
      Type.String({
        format: "date-time",
        description: "Start + the discount's duration (customer's time zone); null: for ever",
      }),
    ),
    effective_end_date: Nullable(
      Type.String({ format: "date-time", description: "The earlier of the two ends" }),
    ),
    discount: DiscountSchema,
    created_at: Type.String({ format: "date-time" }),
  },
  { $id: "DiscountSubscription" },
);
