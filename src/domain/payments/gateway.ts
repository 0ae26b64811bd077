/**
 * The payment gateway interface: what Accrue asks of a gateway (a payment service provider)
 * that holds customers' cards and bank accounts, and the adapters that answer it. A gateway
 * account (modules/payments: gateway accounts) names a kind and holds its credentials; the
 * adapter of that kind does the work. Only what Accrue uses today is here: creating a
 * customer with a payment source from what the customer gave, charging, refunding, reading a
 * charge's status, and copying a card reference to another account.
 *
 * It also verifies and reads the events a provider sends about its charges (webhooks): the
 * provider's own scheme proves the event is the provider's (a signature checked with the
 * account's webhook secret; for Mollie, which signs nothing, the payment read back from
 * Mollie with the account's key), and each event becomes a {@link GatewayEvent}, the same
 * shape for every provider.
 *
 * Adapters, each on the provider's official Node client:
 * - test (test-gateway.ts): the built-in test gateway, no provider behind it;
 * - stripe (stripe-gateway.ts): cards and SEPA debits as PaymentMethods, PaymentIntents;
 * - gocardless (gocardless-gateway.ts): bank debit mandates (MD…), payments pending until
 *   GoCardless's events confirm or fail them;
 * - mollie (mollie-gateway.ts): cards and SEPA debits as mandates (mdt_…) of a Mollie
 *   customer, set up by a first payment on Mollie's checkout, recurring payments, events read
 *   back from Mollie.
 * GoCardless and Mollie take no holds (authorize, capture, release are refused with
 * `authorization_not_supported`). A kind without an adapter would be refused with
 * `gateway_unavailable`; every kind of {@link GATEWAY_KINDS} has one.
 *
 * An adapter that cannot reach its provider (a timeout, a 5xx, a rate limit) throws
 * `gateway_unreachable` (503): the caller records nothing and may retry, with the same
 * idempotency key, so the provider carries the call out once. Only the provider's answer that
 * a charge was refused is a failed charge.
 */

import type { GatewayEvent, WebhookInput } from "./gateway-events.js";
import { checkGoCardlessCredentials, goCardlessGateway } from "./gocardless-gateway.js";
import { checkMollieCredentials, mollieGateway } from "./mollie-gateway.js";
import { checkStripeCredentials, stripeGateway } from "./stripe-gateway.js";
import type { BankAccountDetails, CardDetails } from "./test-gateway.js";
import { testGateway, testGatewayWith } from "./test-gateway.js";

export { chargeDescription, MAX_CHARGE_DESCRIPTION } from "./adapter-kit.js";
export {
  GATEWAY_EVENT_TYPES,
  type GatewayEvent,
  type GatewayEventType,
  headerValue,
  type WebhookInput,
} from "./gateway-events.js";

export const GATEWAY_KINDS = ["test", "stripe", "mollie", "gocardless"] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];

/**
 * What a customer handed over to be kept as a payment source. The test gateway tokenizes the
 * card number or IBAN itself; a real provider's adapter takes the provider's own token (for
 * Stripe a PaymentMethod id, `pm_…`, that Stripe.js or Elements created in the customer's
 * browser), and never a card number.
 */
export type SourceToken =
  | { type: "card"; card: { number: string; exp_month: number; exp_year: number } }
  | { type: "bank_account"; bank_account: { iban: string } }
  | { type: "provider_token"; token: string };

/** What the gateway keeps: its references and what a person needs to recognise the source. */
export type CreatedSource = {
  /** The gateway's customer the source belongs to. */
  customerReference: string;
  /** The gateway's reference of the card or mandate: what a charge names. */
  reference: string;
} & (
  | { type: "card"; card: CardDetails }
  | { type: "bank_account"; bankAccount: BankAccountDetails & { holderName?: string } }
);

/**
 * A gateway's verdict on a charge or hold. `pending`: the gateway accepted it and decides
 * later (a SEPA direct debit takes days): neither paid nor failed until read again.
 * `requires_action`: the customer's bank asks the customer to authenticate the charge (Strong
 * Customer Authentication, 3-D Secure): neither paid nor failed until the customer confirms
 * it ({@link PaymentGateway.confirmAction}) or the gateway reports how it went.
 */
export type ChargeResult =
  | { status: "succeeded"; reference: string }
  | { status: "pending"; reference: string }
  | { status: "requires_action"; reference: string; code: string; message: string }
  | { status: "failed"; reference: string; code: string; message: string };

/**
 * A cancellation the gateway refuses for good, asking again would change nothing: `missing`,
 * the gateway has no such charge (nothing can be taken through it); `refused`, it refused
 * the request itself (an invalid request) while the charge still waits there.
 */
export type CancelRefusal =
  | { status: "missing"; reference: string; message: string }
  | { status: "refused"; reference: string; code: string; message: string };

export type ChargeStatus = "succeeded" | "failed" | "pending" | "refunded" | "requires_action";

/**
 * What confirming a charge that requires the customer's action answered: `redirect`, the
 * address of the bank's authentication the customer's browser is sent to (it comes back to
 * the `returnUrl` given); else the verdict on the charge as it stands (settled at once, or
 * refused).
 */
export type ActionConfirmation = { status: "redirect"; url: string } | ChargeResult;

/**
 * A payment source set up on the gateway's own hosted page (Stripe Checkout in setup mode,
 * GoCardless's Billing Request Flow, Mollie's checkout of a first payment): the customer
 * enters the card or bank details there, never in Accrue.
 */
export type SourceSetup = {
  /** The gateway's customer the source will be kept under (created when it had none). */
  customerReference: string;
  /**
   * The gateway's session (Stripe: the Checkout Session, cs_…; GoCardless: the Billing
   * Request, BRQ…; Mollie: the first payment, tr_…).
   */
  reference: string;
  /** Where the customer's browser is sent to enter the details. */
  url: string;
};

/**
 * How a setup on the gateway's hosted page stands: `open` while the customer has not
 * finished (or left), `expired` once it can no longer be finished, `succeeded` with the
 * source it made, kept under `customerReference`.
 */
export type SourceSetupOutcome =
  | { status: "open" | "expired" }
  | { status: "succeeded"; source: CreatedSource };

export type ChargeInput = {
  /** The source's reference (what {@link CreatedSource} answered). */
  reference: string;
  /** The gateway's customer holding the source (a provider charges a kept card under it). */
  customerReference?: string | null | undefined;
  amount: bigint;
  currency: string;
  idempotencyKey: string;
  /**
   * What the charge is for, as the customer reads it on a statement or in the provider's
   * dashboard ({@link chargeDescription}); providers that take no description ignore it.
   */
  description?: string | undefined;
};

export interface PaymentGateway {
  readonly kind: GatewayKind;
  /**
   * Creates (or finds) the gateway's customer for an Accrue customer and keeps the payment
   * source under it. `today` (`YYYY-MM-DD`, the tenant's date) decides whether a card has
   * expired; `nonce` makes the references unique.
   */
  createSource(input: {
    customerId: string;
    /** The gateway's customer this Accrue customer already has at the account, if any. */
    customerReference?: string | null | undefined;
    token: SourceToken;
    today: string;
    nonce: string;
  }): Promise<CreatedSource>;
  /** Charges a source; the same idempotency key never charges twice. Amounts in minor units. */
  charge(input: ChargeInput): Promise<ChargeResult>;
  /** Holds an amount on a source until it is captured or let go; the verdict as a charge's. */
  authorize(input: ChargeInput): Promise<ChargeResult>;
  /** Takes `amount` of a hold {@link authorize} answered; the verdict as a charge's. */
  capture(input: {
    chargeReference: string;
    amount: bigint;
    idempotencyKey: string;
  }): Promise<ChargeResult>;
  /** Lets a hold go. */
  release(input: { chargeReference: string; idempotencyKey: string }): Promise<void>;
  /** Gives back (part of) a charge. */
  refund(input: {
    chargeReference: string;
    amount: bigint;
    currency: string;
    idempotencyKey: string;
  }): Promise<{ reference: string }>;
  /** What the gateway says of a charge now. */
  fetchStatus(input: { chargeReference: string }): Promise<ChargeStatus>;
  /**
   * For a charge that requires the customer's action (only gateways that answer
   * `requires_action` have it): confirms the charge again for the customer, who is present
   * now, with the source it was made with and the address their browser comes back to after
   * authenticating.
   */
  confirmAction?(input: {
    chargeReference: string;
    sourceReference: string;
    returnUrl: string;
    idempotencyKey: string;
  }): Promise<ActionConfirmation>;
  /**
   * The verdict on a charge the customer was sent to authenticate, read from the gateway when
   * the customer comes back: `requires_action` while it is not authenticated yet.
   */
  actionOutcome?(input: { chargeReference: string }): Promise<ChargeResult>;
  /**
   * Cancels a charge that waited too long for the customer's authentication (only gateways
   * that answer `requires_action` have it), so the customer can no longer complete it.
   * Answers the verdict: `failed` once cancelled; or, when the charge settled at the gateway
   * first (the customer authenticated at the last moment), how it settled; or why it cannot
   * be cancelled for good ({@link CancelRefusal}). Throws only when the answer is unknown
   * (`gateway_unreachable`), to be asked again.
   */
  cancelAction?(input: {
    chargeReference: string;
    idempotencyKey: string;
  }): Promise<ChargeResult | CancelRefusal>;
  /**
   * Opens the gateway's hosted page where the customer adds a card (or, where the account
   * takes them, a bank account) for later charges (only gateways with such a page have it).
   * `setupId` (Accrue's record of the page) goes with the session, so that the gateway's
   * events name it; the customer's browser comes back to `successUrl` or `cancelUrl`.
   */
  startSetup?(input: {
    customerId: string;
    customerReference?: string | null | undefined;
    setupId: string;
    /**
     * The currency the source will be charged in (GoCardless sets up a mandate of a scheme
     * for it); a gateway whose page takes any currency ignores it.
     */
    currency?: string | undefined;
    successUrl: string;
    cancelUrl: string;
    idempotencyKey: string;
  }): Promise<SourceSetup>;
  /** How a setup {@link startSetup} opened stands now, read from the gateway. */
  setupOutcome?(input: {
    reference: string;
    customerReference: string;
  }): Promise<SourceSetupOutcome>;
  /**
   * Ends a setup {@link startSetup} opened that the customer did not finish in time, where the
   * gateway lets its page be ended (Stripe: the Checkout Session expired; GoCardless: the
   * Billing Request cancelled; Mollie: the first payment cancelled, where Mollie lets it be).
   * Answers how the setup stands then: `expired`; `open` when the gateway would not end it
   * (the setup stays open and is tried again); or — when the customer finished it first —
   * `succeeded` with its source.
   */
  expireSetup?(input: {
    reference: string;
    customerReference: string;
    idempotencyKey: string;
  }): Promise<SourceSetupOutcome>;
  /**
   * Whether a card this gateway holds can be copied to an account of kind `to` (providers
   * share card vaults only in some pairs).
   */
  canCopyCardTo(to: GatewayKind): boolean;
  /** Copies a card reference to another account of a kind {@link canCopyCardTo} allows. */
  copyCard(input: { reference: string; nonce: string }): Promise<{ reference: string }>;
  /**
   * Verifies an event the provider sent (its signature, with the account's webhook secret)
   * and reads it. A provider that sends its events in batches (GoCardless), or whose notice
   * stands for several facts (Mollie: a payment paid, then refunded), answers a list, in the
   * order to apply them. Refused: `invalid_signature` (400) when the signature does not hold,
   * `malformed_gateway_event` (400) when a signed body is no event, and
   * `webhook_secret_not_configured` (422) when the account has no secret to verify with.
   */
  parseWebhook(input: WebhookInput): Promise<GatewayEvent | GatewayEvent[]>;
}

/** Whether Accrue can reach gateways of a kind (has its adapter). */
export const hasAdapter = (kind: GatewayKind): boolean => ADAPTERS.has(kind);

const ADAPTERS: ReadonlySet<GatewayKind> = new Set<GatewayKind>([
  "test",
  "stripe",
  "gocardless",
  "mollie",
]);

/**
 * Whether a kind's adapter opens a hosted page where the customer adds a payment method
 * ({@link PaymentGateway.startSetup}).
 */
export const hasHostedSetup = (kind: GatewayKind): boolean =>
  kind === "stripe" || kind === "gocardless" || kind === "mollie";

/** Whether an account of a kind needs credentials (the built-in test gateway needs none). */
export const needsCredentials = (kind: GatewayKind): boolean => kind !== "test";

/**
 * The adapter of a kind, given the account's credentials (opened only here, for the call) and
 * the account's id (Mollie's payments name the account's event endpoint); undefined: the kind
 * has no adapter in this version.
 */
export function gatewayAdapter(
  kind: GatewayKind,
  credentials: Readonly<Record<string, string>>,
  account: { accountId?: string | undefined } = {},
): PaymentGateway | undefined {
  switch (kind) {
    case "test":
      return credentials.webhook_secret ? testGatewayWith(credentials.webhook_secret) : testGateway;
    case "stripe":
      return stripeGateway(checkStripeCredentials(credentials));
    case "gocardless":
      return goCardlessGateway(checkGoCardlessCredentials(credentials));
    case "mollie":
      return mollieGateway(checkMollieCredentials(credentials), { accountId: account.accountId });
    default:
      return undefined;
  }
}

/**
 * Checks an account's credentials before they are kept: those of a kind with an adapter must
 * be what the adapter takes (refused with `invalid_gateway_credentials`).
 */
export function checkCredentials(
  kind: GatewayKind,
  credentials: Readonly<Record<string, string>>,
): void {
  if (kind === "stripe") checkStripeCredentials(credentials);
  if (kind === "gocardless") checkGoCardlessCredentials(credentials);
  if (kind === "mollie") checkMollieCredentials(credentials);
}
