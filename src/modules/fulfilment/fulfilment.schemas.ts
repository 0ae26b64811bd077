/** Wire shapes of fulfilment orders (TypeBox: validation, types and the OpenAPI document). */
import { Type } from "typebox";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);
const Day = Type.String({ format: "date", description: "YYYY-MM-DD" });
const Instant = Type.String({ format: "date-time", maxLength: 64 });
const Money = Type.String({ description: "Decimal amount in the invoice's currency" });

export const FulfilmentStatusSchema = Type.Union(
  [
    Type.Literal("new"),
    Type.Literal("processing"),
    Type.Literal("complete"),
    Type.Literal("shipped"),
    Type.Literal("delivered"),
    Type.Literal("returned"),
    Type.Literal("cancelled"),
  ],
  { description: "new → processing → complete or shipped → delivered → returned; or cancelled" },
);

const OrderNumber = Type.String({
  pattern: "^[A-Za-z0-9][A-Za-z0-9._/-]{0,49}$",
  description: "Unique in the tenant; letters, digits, '.', '_', '/', '-' (at most 50)",
});

export const ShippingAddressSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    company: Type.Optional(Type.String({ maxLength: 200 })),
    line1: Type.Optional(Type.String({ maxLength: 200 })),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    postal_code: Type.Optional(Type.String({ maxLength: 50 })),
    city: Type.Optional(Type.String({ maxLength: 200 })),
    state: Type.Optional(Type.String({ maxLength: 100 })),
    country: Type.Optional(Type.String({ pattern: "^[A-Z]{2}$" })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);

export const FulfilmentOrderLineSchema = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  invoice_line_id: Type.String({ description: "The invoice line whose goods the line ships" }),
  description: Type.String(),
  quantity: Type.String({ description: "Decimal quantity shipped" }),
  amount: Money,
});

export const FulfilmentOrderSchema = Type.Object({
  id: Type.String(),
  number: Nullable(Type.String({ description: "Null until a number is assigned" })),
  invoice_id: Type.String(),
  customer_id: Type.String(),
  currency: Type.String(),
  status: FulfilmentStatusSchema,
  amount: Type.String({ description: "The sum of the lines' amounts" }),
  lines: Type.Array(FulfilmentOrderLineSchema),
  tracking_id: Nullable(Type.String()),
  tracking_url: Nullable(Type.String()),
  carrier: Nullable(Type.String()),
  shipping_address: Nullable(ShippingAddressSchema),
  notes: Nullable(Type.String()),
  cancellation_reason: Nullable(Type.String()),
  cancellation_credit_note_id: Nullable(
    Type.String({ description: "The credit note issued for the cancelled amount" }),
  ),
  refund_credit_note_id: Nullable(
    Type.String({ description: "The refundable credit note issued for the order" }),
  ),
  resent_from: Nullable(Type.String({ description: "The order this one ships again" })),
  imported: Type.Boolean({ description: "Imported from another system" }),
  order_date: Day,
  shipped_at: Nullable(Type.String({ format: "date-time" })),
  delivered_at: Nullable(Type.String({ format: "date-time" })),
  cancelled_at: Nullable(Type.String({ format: "date-time" })),
  status_updated_at: Type.String({ format: "date-time" }),
  created_at: Type.String({ format: "date-time" }),
  updated_at: Type.String({ format: "date-time" }),
});

const LinesInput = Type.Array(
  Type.Object(
    {
      invoice_line_id: Type.String({ maxLength: 64 }),
      quantity: Type.Optional(
        Type.String({
          pattern: "^[0-9]{1,12}(\\.[0-9]{1,6})?$",
          description: "Quantity to ship; what is left of the invoice line when absent",
        }),
      ),
    },
    { additionalProperties: false },
  ),
  {
    minItems: 1,
    maxItems: 500,
    description: "Invoice lines to ship; every line with an amount when absent",
  },
);

const Details = {
  tracking_id: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  tracking_url: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  carrier: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  shipping_address: Type.Optional(Nullable(ShippingAddressSchema)),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

export const CreateFulfilmentOrderBody = Type.Object(
  {
    invoice_id: Type.String({ maxLength: 64, description: "An issued invoice" }),
    number: Type.Optional(
      Type.Union([OrderNumber, Type.Null()], {
        description:
          "The order's number; default: the next of the tenant's sequence; null: none yet (assign_order_number gives one later)",
      }),
    ),
    lines: Type.Optional(LinesInput),
    order_date: Type.Optional(Day),
    ...Details,
  },
  { additionalProperties: false },
);

export const UpdateFulfilmentOrderBody = Type.Object(
  { status: Type.Optional(FulfilmentStatusSchema), ...Details },
  { additionalProperties: false, minProperties: 1 },
);

export const ImportFulfilmentOrderBody = Type.Object(
  {
    invoice_id: Type.String({ maxLength: 64, description: "An issued invoice" }),
    number: OrderNumber,
    status: FulfilmentStatusSchema,
    order_date: Day,
    lines: Type.Optional(LinesInput),
    shipped_at: Type.Optional(Instant),
    delivered_at: Type.Optional(Instant),
    cancelled_at: Type.Optional(Instant),
    cancellation_reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    ...Details,
  },
  { additionalProperties: false },
);

export const AssignNumberBody = Type.Object(
  { number: Type.Optional(OrderNumber) },
  { additionalProperties: false },
);

export const CancelFulfilmentOrderBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 200 }),
    credit_note: Type.Optional(
      Type.Boolean({
        description:
          "Issue a credit note for the order's amount against its invoice (default false)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const RefundFulfilmentOrderBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: false },
);

export const ResendFulfilmentOrderBody = Type.Object(
  {
    number: Type.Optional(OrderNumber),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const FulfilmentOrderQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 64 })),
    invoice_id: Type.Optional(Type.String({ maxLength: 64 })),
    customer_id: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(FulfilmentStatusSchema),
  },
  { additionalProperties: false },
);
