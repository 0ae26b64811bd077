import { Type } from "typebox";
import { Nullable } from "./payments.schemas.js";

/** The kinds of src/domain/payments/gateway.ts (GATEWAY_KINDS). */
const Gateway = Type.Union(
  [
    Type.Literal("test"),
    Type.Literal("stripe"),
    Type.Literal("mollie"),
    Type.Literal("gocardless"),
  ],
  {
    description:
      "test: the built-in test gateway; stripe: Stripe (credentials secret_key, optionally webhook_secret); gocardless: GoCardless (access_token, optionally webhook_secret); mollie: Mollie (api_key, optionally public_url); docs/payments.md",
  },
);

const Credentials = Type.Record(
  Type.String({ pattern: "^[a-z][a-z0-9_]{0,63}$" }),
  Type.String({ minLength: 1, maxLength: 4096 }),
  {
    maxProperties: 20,
    description:
      "The account's secrets at the gateway (API keys, webhook secrets), as names and values. Stored encrypted; never answered, logged or audited. Needs ACCRUE_SECRET_KEY.",
  },
);

const Status = Type.Union([Type.Literal("active"), Type.Literal("disabled")], {
  description: "disabled: takes no new payment sources, and charges through it fail",
});

/** POST body of connecting a gateway account. */
export const GatewayAccountInput = Type.Object(
  {
    gateway: Gateway,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    business_entity_id: Type.Optional(
      Type.String({ maxLength: 64, description: "Default: the tenant's default entity" }),
    ),
    status: Type.Optional({ ...Status, default: "active" }),
    default: Type.Optional(
      Type.Boolean({
        default: false,
        description: "New payment sources of the entity's customers go to this account",
      }),
    ),
    credentials: Type.Optional(Credentials),
  },
  { additionalProperties: false },
);

/** PATCH body of a gateway account: what is given changes. */
export const GatewayAccountPatch = Type.Object(
  {
    name: Type.Optional(GatewayAccountInput.properties.name),
    status: Type.Optional(Status),
    default: Type.Optional(Type.Boolean()),
    credentials: Type.Optional({
      ...Credentials,
      description: "Replaces every credential of the account",
    }),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const GatewayAccountListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(
      Type.String({ maxLength: 64, description: "next_cursor of the previous page" }),
    ),
    business_entity_id: Type.Optional(Type.String({ maxLength: 64 })),
    include_deleted: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);

export const GatewayAccountSchema = Type.Object({
  id: Type.String(),
  business_entity_id: Type.String(),
  gateway: Gateway,
  name: Type.String(),
  status: Type.Union([Status, Type.Literal("deleted")]),
  default: Type.Boolean(),
  has_credentials: Type.Boolean({
    description: "Whether credentials are stored; they themselves are never answered",
  }),
  created_at: Type.String({ format: "date-time" }),
  updated_at: Type.String({ format: "date-time" }),
  deleted_at: Nullable(Type.String({ format: "date-time" })),
});

/** POST body naming the gateway account to switch or copy to. */
export const GatewayAccountTarget = Type.Object(
  { gateway_account_id: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);

/** Which gateway account a customer's new payment sources go to, and why. */
export const CustomerGatewaySchema = Type.Object({
  customer_id: Type.String(),
  gateway_account_id: Nullable(
    Type.String({ description: "null: the built-in test gateway (no account configured)" }),
  ),
  gateway: Gateway,
  chosen_by: Type.Union(
    [Type.Literal("customer"), Type.Literal("business_entity"), Type.Literal("built_in")],
    {
      description:
        "customer: the customer was switched to it; business_entity: the default account of the customer's entity; built_in: neither exists",
    },
  ),
});
