/**
 * The payment gateway interface: what Accrue asks of a gateway (a payment service provider)
 * that holds customers' cards and bank accounts, and the adapters that answer it. A gateway
 * account (modules/payments: gateway accounts) names a kind and holds its credentials; the
 * adapter of that kind does the work. Only what Accrue uses today is here: creating a
 * customer with a payment source from what the customer gave, charging, refunding, reading a
 * charge's status, and copying a card reference to another account.
 *
 * The built-in test gateway (test-gateway.ts) is the one adapter so far; the kinds of real
 * providers are known (an operator may connect their accounts ahead) but have no adapter yet,
 * so anything that would reach them is refused with `gateway_unavailable`.
 */
import type { BankAccountDetails, CardDetails } from "./test-gateway.js";
import { testGateway } from "./test-gateway.js";

export const GATEWAY_KINDS = ["test", "stripe", "mollie", "gocardless"] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];

/**
 * What a customer handed over to be kept as a payment source. The test gateway tokenizes the
 * card number or IBAN itself; a real provider's adapter takes the provider's own token.
 */
export type SourceToken =
  | { type: "card"; card: { number: string; exp_month: number; exp_year: number } }
  | { type: "bank_account"; bank_account: { iban: string } };

/** What the gateway keeps: its references and what a person needs to recognise the source. */
export type CreatedSource = {
  /** The gateway's customer the source belongs to. */
  customerReference: string;
  /** The gateway's reference of the card or mandate: what a charge names. */
  reference: string;
} & (
  | { type: "card"; card: CardDetails }
  | { type: "bank_account"; bankAccount: BankAccountDetails }
);

export type ChargeResult =
  | { status: "succeeded"; reference: string }
  | { status: "failed"; reference: string; code: string; message: string };

export type ChargeStatus = "succeeded" | "failed" | "pending" | "refunded";

export interface PaymentGateway {
  readonly kind: GatewayKind;
  /**
   * Creates (or finds) the gateway's customer for an Accrue customer and keeps the payment
   * source under it. `today` (`YYYY-MM-DD`, the tenant's date) decides whether a card has
   * expired; `nonce` makes the references unique.
   */
  createSource(input: {
    customerId: string;
    token: SourceToken;
    today: string;
    nonce: string;
  }): Promise<CreatedSource>;
  /** Charges a source; the same idempotency key never charges twice. Amounts in minor units. */
  charge(input: {
    reference: string;
    amount: bigint;
    currency: string;
    idempotencyKey: string;
  }): Promise<ChargeResult>;
  /** Holds an amount on a source until it is captured or let go; the verdict as a charge's. */
  authorize(input: {
    reference: string;
    amount: bigint;
    currency: string;
    idempotencyKey: string;
  }): Promise<ChargeResult>;
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
   * Whether a card this gateway holds can be copied to an account of kind `to` (providers
   * share card vaults only in some pairs).
   */
  canCopyCardTo(to: GatewayKind): boolean;
  /** Copies a card reference to another account of a kind {@link canCopyCardTo} allows. */
  copyCard(input: { reference: string; nonce: string }): Promise<{ reference: string }>;
}

/** Whether Accrue can reach gateways of a kind (has its adapter). */
export const hasAdapter = (kind: GatewayKind): boolean => kind === "test";

/** Whether an account of a kind needs credentials (the built-in test gateway needs none). */
export const needsCredentials = (kind: GatewayKind): boolean => kind !== "test";

/**
 * The adapter of a kind, given the account's credentials (opened only here, for the call);
 * undefined: the kind has no adapter in this version.
 */
export function gatewayAdapter(
  kind: GatewayKind,
  _credentials: Readonly<Record<string, string>>,
): PaymentGateway | undefined {
  return kind === "test" ? testGateway : undefined;
}
