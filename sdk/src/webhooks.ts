/**
 * Verifies webhooks from Accrue. Accrue signs per the Standard Webhooks specification: headers
 * `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature`, which holds one or more
 * space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>`,
 * keyed with the bytes of the endpoint's secret (`whsec_<base64>`). During a secret rotation a
 * message carries a signature for the new and for the old secret; either one verifies.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { components } from "./schema.js";

/** How far `webhook-timestamp` may be from the receiver's clock, by default: 5 minutes. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** A native webhook's body: the event, as `GET /v1/events/{id}` answers it. */
export type WebhookEvent = components["schemas"]["Event"];

/** Request headers as a fetch `Headers` or as Node's `req.headers`. */
export type WebhookHeaders = Headers | Record<string, string | readonly string[] | undefined>;

export type WebhookVerifyOptions = {
  /** Largest accepted distance between `webhook-timestamp` and now, in seconds. */
  toleranceSeconds?: number;
  /** The receiver's clock (default: now). */
  now?: Date;
};

export type WebhookVerificationErrorCode =
  | "missing_header"
  | "invalid_secret"
  | "invalid_timestamp"
  | "timestamp_too_old"
  | "timestamp_too_new"
  | "invalid_signature"
  | "invalid_payload";

export class WebhookVerificationError extends Error {
  override readonly name = "WebhookVerificationError";
  constructor(
    readonly code: WebhookVerificationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const SECRET_PREFIX = "whsec_";
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") {
    return (headers as Headers).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | readonly string[] | undefined>;
  let value = record[name];
  if (value === undefined) {
    const key = Object.keys(record).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : record[key];
  }
  return typeof value === "string" ? value : value?.[0];
}

function required(headers: WebhookHeaders, name: string): string {
  const value = header(headers, name);
  if (value === undefined || value === "") {
    throw new WebhookVerificationError("missing_header", `the ${name} header is missing`);
  }
  return value;
}

function secretBytes(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const bytes = Buffer.from(encoded, "base64");
  if (encoded.length === 0 || !BASE64.test(encoded) || bytes.length === 0) {
    throw new WebhookVerificationError("invalid_secret", "the secret is not whsec_<base64>");
  }
  return bytes;
}

/**
 * Checks a webhook's signature and age, and returns its parsed JSON body. Pass the body
 * exactly as received (the raw bytes or text, not re-serialised JSON). Throws a
 * WebhookVerificationError, whose `code` says why, when the message is not authentic or too
 * old or new.
 */
export function verifyWebhook<T = WebhookEvent>(
  payload: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
  options: WebhookVerifyOptions = {},
): T {
  const key = secretBytes(secret);
  const id = required(headers, "webhook-id");
  const timestamp = required(headers, "webhook-timestamp");
  const signatures = required(headers, "webhook-signature");

  if (!/^\d{1,15}$/.test(timestamp)) {
    throw new WebhookVerificationError("invalid_timestamp", "webhook-timestamp is not a number");
  }
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const sentAt = Number(timestamp);
  if (sentAt < now - tolerance) {
    throw new WebhookVerificationError("timestamp_too_old", "the message is too old");
  }
  if (sentAt > now + tolerance) {
    throw new WebhookVerificationError("timestamp_too_new", "the message is dated in the future");
  }

  const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : Buffer.from(payload);
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest();
  const matches = signatures.split(" ").some((entry) => {
    const [version, signature] = entry.split(",", 2);
    if (version !== "v1" || signature === undefined || !BASE64.test(signature)) return false;
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) {
    throw new WebhookVerificationError("invalid_signature", "no signature matches the secret");
  }

  try {
    return JSON.parse(body.toString("utf8")) as T;
  } catch {
    throw new WebhookVerificationError("invalid_payload", "the body is not JSON");
  }
}
