import { Type } from "typebox";
import { MAX_FILTER_ENTRIES } from "../../domain/events.js";
import { NewestFirstPageQuery, PageQuery, utcDays } from "../schemas.js";
import { MAX_URL_LENGTH } from "./address.js";

const Timestamp = Type.String({ format: "date-time" });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

const EventTypes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: MAX_FILTER_ENTRIES,
  description:
    'Event types this endpoint receives: a type ("customer.created"), every type of a resource ("customer.*") or every type ("*"). See docs/webhooks.md.',
});

export const WebhookEndpointSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    description: Type.String(),
    event_types: Type.Array(Type.String()),
    format: Type.String({
      description: 'Payload format: "native"; compatibility layers have their own',
    }),
    enabled: Type.Boolean(),
    disabled_reason: Type.Union([
      Type.Literal("manual"),
      Type.Literal("sustained_failure"),
      Type.Null(),
    ]),
    disabled_at: NullableTimestamp,
    failing_since: Type.Union([Timestamp, Type.Null()], {
      description: "First failed attempt since the last successful one; null while healthy",
    }),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: "WebhookEndpoint" },
);

const SecretField = Type.Union([Type.String(), Type.Null()], {
  description:
    "The signing secret (whsec_…), Standard Webhooks format. Shown once; store it now. An idempotent replay answers null: the secret is never shown again.",
});

export const CreatedWebhookEndpointSchema = Type.Object({
  ...WebhookEndpointSchema.properties,
  secret: SecretField,
});

export const RotatedWebhookEndpointSchema = Type.Object({
  ...WebhookEndpointSchema.properties,
  secret: SecretField,
  previous_secret_expires_at: Type.String({
    format: "date-time",
    description: "Until then every message is signed with the previous secret too",
  }),
});

export const CreateWebhookEndpointBody = Type.Object(
  {
    url: Type.String({
      minLength: 1,
      maxLength: MAX_URL_LENGTH,
      description: "https:// (or http://) URL without credentials",
    }),
    event_types: Type.Optional(EventTypes),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    enabled: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);

export const UpdateWebhookEndpointBody = Type.Object(
  {
    url: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_URL_LENGTH })),
    event_types: Type.Optional(EventTypes),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    enabled: Type.Optional(
      Type.Boolean({
        description:
          "false pauses deliveries; true resumes them (waiting deliveries are sent at once)",
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

const DeliveryStatus = Type.Union([
  Type.Literal("pending"),
  Type.Literal("succeeded"),
  Type.Literal("failed"),
  Type.Literal("cancelled"),
]);

export const WebhookDeliverySchema = Type.Object(
  {
    id: Type.String(),
    event_id: Type.String(),
    event_type: Type.String(),
    endpoint_id: Type.String(),
    status: DeliveryStatus,
    attempt_count: Type.Integer({ description: "Attempts in the current retry schedule" }),
    next_attempt_at: Type.Union([Timestamp, Type.Null()], {
      description: "When the next attempt is due (pending only)",
    }),
    last_attempt_at: NullableTimestamp,
    last_status_code: Type.Union([Type.Integer(), Type.Null()]),
    last_error: Type.Union([Type.String(), Type.Null()]),
    delivered_at: NullableTimestamp,
    created_at: Timestamp,
  },
  { $id: "WebhookDelivery" },
);

export const WebhookAttemptSchema = Type.Object(
  {
    id: Type.String(),
    attempted_at: Timestamp,
    duration_ms: Type.Integer(),
    succeeded: Type.Boolean(),
    status_code: Type.Union([Type.Integer(), Type.Null()]),
    response_excerpt: Type.Union([Type.String(), Type.Null()], {
      description: "The first 1,024 bytes of the response body",
    }),
    error: Type.Union([Type.String(), Type.Null()], {
      description:
        "Why the attempt failed: http_status, timeout, connection_failed, dns_failed, address_not_allowed…",
    }),
  },
  { $id: "WebhookAttempt" },
);

export const WebhookDeliveryWithAttemptsSchema = Type.Object({
  ...WebhookDeliverySchema.properties,
  attempts: Type.Array(WebhookAttemptSchema, { description: "Newest first, at most 100" }),
});

export const DeliveryQuery = Type.Object(
  {
    ...NewestFirstPageQuery,
    endpoint_id: Type.Optional(Type.String({ maxLength: 64 })),
    event_id: Type.Optional(Type.String({ maxLength: 64 })),
    status: Type.Optional(DeliveryStatus),
    ...utcDays("created", "Created"),
    include_total: Type.Optional(
      Type.Boolean({
        description:
          "Also answer total_count: how many deliveries match the filters, counted by one more query (its cost grows with the deliveries matched)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const EventQuery = Type.Object(
  {
    ...PageQuery.properties,
    type: Type.Optional(Type.String({ maxLength: 100 })),
    subject_id: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
