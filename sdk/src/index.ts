/**
 * The Accrue API client: openapi-fetch over the types generated from Accrue's OpenAPI document
 * (./schema.ts), with API-key authentication, automatic idempotency keys on POST, retries with
 * backoff (./retry.ts), typed errors (./errors.ts) and cursor-pagination iterators.
 *
 *   const accrue = createClient({ baseUrl: "http://127.0.0.1:8080", apiKey: "ak_…" });
 *   const { data: customer } = await accrue.POST("/v1/customers", { body: { company_name: "Acme" } });
 *   for await (const c of accrue.paginate("/v1/customers")) console.log(c.id);
 */
export * from "./client.js";
export {
  verifyWebhook,
  WEBHOOK_TOLERANCE_SECONDS,
  type WebhookEvent,
  type WebhookHeaders,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
  type WebhookVerifyOptions,
} from "./webhooks.js";
