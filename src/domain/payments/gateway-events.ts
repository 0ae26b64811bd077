/**
 * The events payment gateways send about their charges (webhooks), as Accrue reads them
 * whichever provider sent them: each adapter (gateway.ts) verifies its provider's signature
 * and turns the provider's event into a {@link GatewayEvent}.
 */

/** What a provider's event tells about a charge, as Accrue reads it. */
export const GATEWAY_EVENT_TYPES = [
  "charge.succeeded",
  "charge.failed",
  "charge.refunded",
  "charge.disputed",
  "charge.refund_failed",
  "charge.dispute_reversed",
  "setup.succeeded",
  "unknown",
] as const;
export type GatewayEventType = (typeof GATEWAY_EVENT_TYPES)[number];

/**
 * A provider's event, verified and read. `chargeReference` names the charge as the gateway's
 * charge answered it (what a payment keeps); `amount` (minor units) is, by type: what the
 * charge took (succeeded), everything refunded of it so far (refunded, cumulative as
 * providers report it), what the dispute takes back (disputed). `reference` is the provider's
 * reference of the refund or dispute; for `charge.refund_failed`, the refund that did not
 * reach the customer (and `failure` why), for `charge.dispute_reversed`, the dispute the bank
 * or card scheme reversed. `setup.succeeded`: the customer saved a card or bank account on
 * the gateway's hosted page that Accrue opened for it (`setupId`, Accrue's record of that page
 * as the gateway carries it back; `setupReference`, the gateway's session, when the event
 * names it). `unknown`: a type Accrue does not apply.
 */
export type GatewayEvent = {
  id: string;
  type: GatewayEventType;
  /** The provider's own name of the type (Stripe: payment_intent.succeeded, …). */
  providerType: string;
  chargeReference: string | null;
  amount?: bigint;
  currency?: string;
  reference?: string;
  failure?: { code: string; message: string };
  /** `setup.succeeded`: Accrue's payment source setup the event is about. */
  setupId?: string;
  /**
   * `setup.succeeded`: the gateway's session of the setup (Stripe: cs_…; GoCardless: the
   * Billing Request, BRQ…), when named.
   */
  setupReference?: string;
  /** An `unknown` event the adapter read: why nothing of it applies. */
  note?: string;
  /** The event as the provider sent it (parsed JSON). */
  raw: unknown;
};

/** What arrived at an account's event endpoint. */
export type WebhookInput = {
  /** The body exactly as received: signatures are over these bytes. */
  rawBody: Buffer;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** When it arrived, milliseconds since the epoch on the server's clock (signature age). */
  receivedAt: number;
};

/** A header's single value (the first when sent more than once). */
export const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** A non-negative whole number of minor units, as providers send amounts. */
export function minorUnitsOf(value: unknown): bigint | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
    ? BigInt(value)
    : undefined;
}
