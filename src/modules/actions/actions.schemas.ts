/** Wire shapes of subscription actions on the native API. */
import { Type } from "typebox";

const Timestamp = Type.String({ format: "date-time", maxLength: 64 });
const Id = Type.String({ maxLength: 64 });
const Text = Type.String({ minLength: 1, maxLength: 200 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

/** The user-defined fields an action takes: eight strings, four numbers, four dates. */
export const udfFields = (date: ReturnType<typeof Type.String>) => ({
  ...Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [
      `udf_string_${n}`,
      Type.Optional(Type.String({ maxLength: 500 })),
    ]),
  ),
  ...Object.fromEntries([1, 2, 3, 4].map((n) => [`udf_float_${n}`, Type.Optional(Type.Number())])),
  ...Object.fromEntries([1, 2, 3, 4].map((n) => [`udf_date_${n}`, Type.Optional(date)])),
});
const udfInput = udfFields(Timestamp);

const udfOutput = {
  ...Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`udf_string_${n}`, Nullable(Type.String())]),
  ),
  ...Object.fromEntries([1, 2, 3, 4].map((n) => [`udf_float_${n}`, Nullable(Type.Number())])),
  ...Object.fromEntries(
    [1, 2, 3, 4].map((n) => [`udf_date_${n}`, Nullable(Type.String({ format: "date-time" }))]),
  ),
};

/** What every action takes. */
const common = {
  contract_id: Type.Optional(
    Type.String({ maxLength: 64, description: "The subscription (contract) acted on" }),
  ),
  customer_id: Type.Optional(
    Type.String({
      maxLength: 64,
      description: "Instead of contract_id: the customer, when it owns exactly one contract",
    }),
  ),
  transaction_reference_number: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: "Unique across the tenant's actions: a repeat is refused and changes nothing",
    }),
  ),
  classification: Type.Optional(Text),
  performed_by_user: Type.Optional(Text),
  performed_by_unit: Type.Optional(Text),
  performed_by_business_unit: Type.Optional(Text),
  performed_on: Type.Optional(Timestamp),
  billing_effective_date: Type.Optional(Timestamp),
  billable_period_start_date: Type.Optional({
    ...Timestamp,
    description: "The date from which the change is billed; default: when the action executes",
  }),
  scheduled_date: Type.Optional({
    ...Timestamp,
    description: "Execute when the tenant's clock reaches this date rather than now",
  }),
  ...udfInput,
};

const DistributorIds = Type.Array(Id, { maxItems: 50, uniqueItems: true });

export const ACTION_BODIES = {
  activate: Type.Object(common, { additionalProperties: false }),
  deactivate: Type.Object(common, { additionalProperties: false }),
  rest: Type.Object(common, { additionalProperties: false }),
  end_resting: Type.Object(common, { additionalProperties: false }),
  terminate: Type.Object(common, { additionalProperties: false }),
  extend_grace_period: Type.Object(
    {
      ...common,
      end_grace_period_on: Type.Optional({
        ...Timestamp,
        description: "The grace period's new end (give this or the number of days)",
      }),
      end_grace_period_after_specific_days: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 3650,
          description: "The grace period ends this many days after the action executes",
        }),
      ),
    },
    { additionalProperties: false },
  ),
  amend_services: Type.Object(
    {
      ...common,
      services_to_add: Type.Optional(
        Type.Array(
          Type.Object(
            {
              component_id: Id,
              quantity: Type.Optional(
                Type.String({ pattern: "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,8})?$" }),
              ),
              distributor_ids: Type.Optional(DistributorIds),
            },
            { additionalProperties: false },
          ),
          { maxItems: 50 },
        ),
      ),
      services_to_remove: Type.Optional(
        Type.Array(
          Type.Object(
            {
              component_id: Id,
              distributor_ids: Type.Optional({
                ...DistributorIds,
                description: "Absent: every distributor, and the service leaves the subscription",
              }),
            },
            { additionalProperties: false },
          ),
          { maxItems: 50 },
        ),
      ),
      installed_items_to_add: Type.Optional(
        Type.Array(
          Type.Object(
            {
              serial_number: Text,
              product: Type.Optional(Text),
              alternative_code: Type.Optional(Text),
              distributor_ids: Type.Optional(DistributorIds),
            },
            { additionalProperties: false },
          ),
          { maxItems: 50 },
        ),
      ),
      installed_items_to_remove: Type.Optional(
        Type.Array(Type.Object({ serial_number: Text }, { additionalProperties: false }), {
          maxItems: 50,
        }),
      ),
    },
    { additionalProperties: false },
  ),
} as const;

export const SubscriptionStateSchema = Type.Union([
  Type.Literal("draft"),
  Type.Literal("effective"),
  Type.Literal("not_effective"),
  Type.Literal("in_resting"),
  Type.Literal("cancelled"),
]);

export const ActionStateSchema = Type.Union([
  Type.Literal("executed"),
  Type.Literal("scheduled"),
  Type.Literal("cancelled"),
  Type.Literal("rejected"),
]);

export const SubscriptionActionSchema = Type.Object(
  {
    id: Type.String(),
    number: Type.String({ description: "Sequential per tenant" }),
    contract_id: Type.String(),
    action: Type.Union([
      Type.Literal("activate"),
      Type.Literal("deactivate"),
      Type.Literal("rest"),
      Type.Literal("end_resting"),
      Type.Literal("terminate"),
      Type.Literal("extend_grace_period"),
      Type.Literal("amend_services"),
    ]),
    behaviour_code: Type.String(),
    state: ActionStateSchema,
    transaction_reference_number: Nullable(Type.String()),
    classification: Nullable(Type.String()),
    submitted_by: Type.Object({ type: Type.String(), id: Type.String() }),
    performed_by_user: Nullable(Type.String()),
    performed_by_unit: Nullable(Type.String()),
    performed_by_business_unit: Nullable(Type.String()),
    performed_on: Nullable(Type.String({ format: "date-time" })),
    billing_effective_date: Nullable(Type.String({ format: "date-time" })),
    billable_period_start_date: Nullable(Type.String({ format: "date-time" })),
    scheduled_date: Nullable(Type.String({ format: "date-time" })),
    submitted_on: Type.String({ format: "date-time" }),
    executed_on: Nullable(Type.String({ format: "date-time" })),
    cancelled_on: Nullable(Type.String({ format: "date-time" })),
    rejection: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
    parameters: Type.Record(Type.String(), Type.Unknown(), {
      description: "The action's own parameters, as submitted",
    }),
    effects: Type.Array(Type.Unknown(), { description: "What executing it changed" }),
    subscription_state: Nullable(SubscriptionStateSchema),
    ...udfOutput,
    created_at: Type.String({ format: "date-time" }),
    updated_at: Type.String({ format: "date-time" }),
  },
  { title: "SubscriptionAction" },
);

export const DistributorSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  alternative_code: Nullable(Type.String()),
  created_at: Type.String({ format: "date-time" }),
});
