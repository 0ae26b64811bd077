/**
 * The built-in test gateway's vault, pure: what it keeps of a card or a bank account when a
 * payment source is added, and its verdict when a source is charged. Like a real gateway it
 * never hands the card number back: the source keeps a reference whose outcome the gateway
 * decided when it tokenized the number (Stripe's test tokens work so), plus the brand, last
 * four digits and expiry a person needs to recognise it.
 *
 * Its events (webhooks) are signed with its own scheme, Stripe's under another header
 * ({@link signTestEvent}), with the account's `webhook_secret`, so the event endpoint can be
 * driven end to end without a provider; a direct debit of a {@link TEST_IBANS_PENDING} IBAN
 * stays pending until such an event settles it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { invalid, unprocessable } from "../errors.js";
import type { GatewayKind, PaymentGateway } from "./gateway.js";
import {
  GATEWAY_EVENT_TYPES,
  type GatewayEvent,
  type GatewayEventType,
  headerValue,
  minorUnitsOf,
  type WebhookInput,
} from "./gateway-events.js";
import { luhnValid, TEST_CARDS_FAILING } from "./payments.js";

export type ChargeOutcome = "ok" | "card_declined" | "insufficient_funds";

export type CardDetails = {
  brand: "visa" | "mastercard" | "amex" | "discover" | "other";
  last4: string;
  exp_month: number;
  exp_year: number;
};

export type TokenizedCard = CardDetails & { reference: string };

export type BankAccountDetails = { country: string; last4: string };

export type TokenizedBankAccount = BankAccountDetails & { reference: string };

/** IBANs whose direct debits the test gateway refuses, and why; every other valid IBAN is charged. */
export const TEST_IBANS_FAILING: Readonly<Record<string, Exclude<ChargeOutcome, "ok">>> = {
  DE62370400440532013001: "insufficient_funds",
};

/**
 * IBANs whose direct debits the test gateway leaves pending, as a bank takes days to: their
 * charges are `pending` until an event of the test gateway (`charge.succeeded`,
 * `charge.failed`) settles them.
 */
export const TEST_IBANS_PENDING: ReadonlySet<string> = new Set(["DE35370400440532013002"]);

/**
 * Cards whose charges the customer's bank asks the customer to authenticate (3-D Secure;
 * Stripe's test card of the same number): `requires_action` until the customer confirms the
 * payment in the portal (the test gateway's "bank" authenticates it at once), or until it
 * expires and is cancelled.
 */
export const TEST_CARDS_AUTHENTICATION: ReadonlySet<string> = new Set(["4000002760003184"]);

/**
 * What a reference says of its charges: an outcome, pending for a slow direct debit, or
 * `action` for a card whose bank asks the customer to authenticate.
 */
type ReferenceOutcome = ChargeOutcome | "pending" | "action";

const OUTCOMES: readonly ReferenceOutcome[] = [
  "ok",
  "card_declined",
  "insufficient_funds",
  "pending",
  "action",
];

export function cardBrand(digits: string): CardDetails["brand"] {
  if (digits.startsWith("4")) return "visa";
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return "mastercard";
  if (two === 34 || two === 37) return "amex";
  if (digits.startsWith("6011") || digits.startsWith("65")) return "discover";
  return "other";
}

/**
 * Tokenizes a card valid on `today` (a `YYYY-MM-DD` date): its reference carries the outcome
 * the test gateway will give its charges. `nonce` makes the reference unique.
 */
export function tokenizeCard(
  card: { number: string; exp_month: number; exp_year: number },
  today: string,
  nonce: string,
): TokenizedCard {
  const digits = card.number.replace(/[\s-]/g, "");
  if (!/^[0-9]{12,19}$/.test(digits) || !luhnValid(digits)) {
    throw invalid("invalid_card_number", "the card number is not a valid card number", {
      field: "card.number",
    });
  }
  const [year, month] = today.split("-").map(Number) as [number, number];
  if (card.exp_year < year || (card.exp_year === year && card.exp_month < month)) {
    throw unprocessable("card_expired", "the card expired before today", {
      field: "card.exp_year",
    });
  }
  const outcome: ReferenceOutcome =
    TEST_CARDS_FAILING[digits]?.code ?? (TEST_CARDS_AUTHENTICATION.has(digits) ? "action" : "ok");
  return {
    brand: cardBrand(digits),
    last4: digits.slice(-4),
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    reference: `tok_test_${outcome}_${nonce}`,
  };
}

/** Whether an IBAN's check digits are right (ISO 13616: the number mod 97 is 1). */
export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const d of value) rest = (rest * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rest === 1;
}

/** Tokenizes a bank account for direct debit (a mandate the test gateway holds). */
export function tokenizeBankAccount(iban: string, nonce: string): TokenizedBankAccount {
  const normal = iban.replace(/\s/g, "").toUpperCase();
  if (!ibanValid(normal)) {
    throw invalid("invalid_iban", "the IBAN is not a valid IBAN", { field: "bank_account.iban" });
  }
  const outcome: ReferenceOutcome =
    TEST_IBANS_FAILING[normal] ?? (TEST_IBANS_PENDING.has(normal) ? "pending" : "ok");
  return {
    country: normal.slice(0, 2),
    last4: normal.slice(-4),
    reference: `tok_test_${outcome}_${nonce}`,
  };
}

/**
 * The test gateway's verdict on charging a source by its reference (`pending`: accepted, and
 * decided later; `action`: the bank asks the customer to authenticate it first).
 */
export function chargeReference(
  reference: string,
):
  | { ok: true; pending?: true; action?: true }
  | { ok: false; code: Exclude<ChargeOutcome, "ok">; message: string } {
  const outcome = OUTCOMES.find((o) => reference.startsWith(`tok_test_${o}_`));
  if (outcome === undefined) throw new RangeError(`not a test gateway reference: ${reference}`);
  if (outcome === "ok") return { ok: true };
  if (outcome === "pending") return { ok: true, pending: true };
  if (outcome === "action") return { ok: true, action: true };
  return {
    ok: false,
    code: outcome,
    message:
      outcome === "card_declined" ? "the card was declined" : "the account has insufficient funds",
  };
}

/**
 * The test gateway as an adapter of the gateway interface. Its customer reference is derived
 * from the Accrue customer; a charge's reference from its outcome and idempotency key, so
 * charging twice with one key answers the same charge, and its status reads from it. Every test account shares one vault: a card copies to
 * another test account (a new reference with the same outcome), never to a real provider.
 */
export const testGateway: PaymentGateway = {
  kind: "test",
  async createSource({ customerId, token, today, nonce }) {
    const customerReference = `cus_test_${customerId}`;
    if (token.type === "provider_token") {
      throw unprocessable(
        "provider_token_not_accepted",
        "the test gateway takes card or bank account details, not a provider's token",
        { field: "provider_token", gateway: "test" },
      );
    }
    if (token.type === "card") {
      const { reference, ...card } = tokenizeCard(token.card, today, nonce);
      return { customerReference, reference, type: "card", card };
    }
    const { reference, ...bankAccount } = tokenizeBankAccount(token.bank_account.iban, nonce);
    return { customerReference, reference, type: "bank_account", bankAccount };
  },
  async charge({ reference, idempotencyKey }) {
    const verdict = chargeReference(reference);
    if (verdict.ok && verdict.pending) {
      return { status: "pending", reference: `ch_test_pending_${idempotencyKey}` };
    }
    if (verdict.ok && verdict.action) {
      return {
        status: "requires_action",
        reference: `ch_test_action_${idempotencyKey}`,
        code: "authentication_required",
        message: "the customer's bank asks the customer to authenticate this payment",
      };
    }
    if (verdict.ok) return { status: "succeeded", reference: `ch_test_ok_${idempotencyKey}` };
    return {
      status: "failed",
      reference: `ch_test_failed_${idempotencyKey}`,
      code: verdict.code,
      message: verdict.message,
    };
  },
  async authorize({ reference, idempotencyKey }) {
    const verdict = chargeReference(reference);
    if (verdict.ok && verdict.action) {
      return {
        status: "requires_action",
        reference: `auth_test_action_${idempotencyKey}`,
        code: "authentication_required",
        message: "the customer's bank asks the customer to authenticate this payment",
      };
    }
    if (verdict.ok && verdict.pending) {
      return {
        status: "failed",
        reference: `auth_test_failed_${idempotencyKey}`,
        code: "authorization_not_supported",
        message: "a direct debit decided later cannot be held; charge it",
      };
    }
    if (verdict.ok) return { status: "succeeded", reference: `auth_test_ok_${idempotencyKey}` };
    return {
      status: "failed",
      reference: `auth_test_failed_${idempotencyKey}`,
      code: verdict.code,
      message: verdict.message,
    };
  },
  async capture({ chargeReference }) {
    return { status: "succeeded", reference: chargeReference };
  },
  async release() {},
  async refund({ idempotencyKey }) {
    return { reference: `re_test_${idempotencyKey}` };
  },
  async fetchStatus({ chargeReference: reference }) {
    if (reference.startsWith("ch_test_ok_")) return "succeeded";
    if (reference.startsWith("ch_test_failed_")) return "failed";
    if (reference.startsWith("ch_test_pending_")) return "pending";
    if (reference.startsWith("ch_test_action_")) return "requires_action";
    throw new RangeError(`not a test gateway charge: ${reference}`);
  },
  // the test gateway's "bank" authenticates the customer, who is present, at once
  async confirmAction({ chargeReference: reference }) {
    return { status: "succeeded", reference };
  },
  async actionOutcome({ chargeReference: reference }) {
    return {
      status: "requires_action",
      reference,
      code: "authentication_required",
      message: "the customer's bank asks the customer to authenticate this payment",
    };
  },
  async cancelAction({ chargeReference: reference }) {
    return {
      status: "failed",
      reference,
      code: "canceled",
      message: "the payment was cancelled before the customer authenticated it",
    };
  },
  canCopyCardTo: (to: GatewayKind) => to === "test",
  async copyCard({ reference, nonce }) {
    const outcome = OUTCOMES.find((o) => reference.startsWith(`tok_test_${o}_`));
    if (outcome === undefined) throw new RangeError(`not a test gateway reference: ${reference}`);
    return { reference: `tok_test_${outcome}_${nonce}` };
  },
  async parseWebhook() {
    throw unprocessable(
      "webhook_secret_not_configured",
      "the gateway account has no webhook_secret to verify its events with; set one in its credentials",
      { gateway: "test" },
    );
  },
};

// ---- events -----------------------------------------------------------------------------------

/** The header carrying the test gateway's signature of an event. */
export const TEST_SIGNATURE_HEADER = "accrue-test-signature";

/** How old a signed event may be when it arrives, in seconds (as Stripe's default). */
export const TEST_SIGNATURE_TOLERANCE = 300;

const hmac = (secret: string, timestamp: number, body: Buffer | string) =>
  createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");

/**
 * The test gateway's signature of an event body, sent as the `accrue-test-signature` header:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the account's
 * webhook_secret>` (Stripe's scheme, under another header).
 */
export function signTestEvent(body: string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

const badSignature = (message: string) =>
  invalid("invalid_signature", message, { header: TEST_SIGNATURE_HEADER });

/**
 * Checks a test gateway signature: one of its `v1` values must be the HMAC of the body, and
 * `t` at most {@link TEST_SIGNATURE_TOLERANCE} seconds away from `now` (unix seconds).
 */
export function verifyTestSignature(
  body: Buffer,
  header: string | undefined,
  secret: string,
  now: number,
): void {
  if (!header) throw badSignature(`the event carries no ${TEST_SIGNATURE_HEADER} header`);
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  const timestamp = t !== undefined && /^[0-9]{1,12}$/.test(t) ? Number(t) : null;
  const signatures = parts.filter(([k]) => k === "v1").map(([, v]) => v ?? "");
  if (timestamp === null || signatures.length === 0) {
    throw badSignature(`the ${TEST_SIGNATURE_HEADER} header is not t=…,v1=…`);
  }
  const expected = Buffer.from(hmac(secret, timestamp, body), "utf8");
  const matches = signatures.some((s) => {
    const given = Buffer.from(s, "utf8");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw badSignature("no signature of the event matches its body");
  if (Math.abs(now - timestamp) > TEST_SIGNATURE_TOLERANCE) {
    throw badSignature(
      `the signature's timestamp is more than ${TEST_SIGNATURE_TOLERANCE} seconds from now`,
    );
  }
}

const malformed = (message: string) => invalid("malformed_gateway_event", message);

const textOf = (value: unknown, max = 255): string | undefined =>
  typeof value === "string" && value.length > 0 && value.length <= max ? value : undefined;

/**
 * Reads a verified test gateway event: `{"id", "type", "data": {"charge", "amount",
 * "currency", "refund", "dispute", "failure": {"code", "message"}}}`. Its types are Accrue's
 * own (`charge.succeeded`, `charge.failed`, `charge.refunded` with `amount` everything
 * refunded of the charge so far, `charge.disputed` with `amount` what the dispute takes
 * back, `charge.refund_failed` with the `refund` that did not reach the customer and its
 * `failure`, `charge.dispute_reversed` with the `dispute` reversed); any other type is
 * `unknown`.
 */
export function readTestEvent(body: Buffer): GatewayEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString("utf8"));
  } catch {
    throw malformed("the signed body is not JSON");
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw malformed("the signed body is not an event object");
  }
  const event = raw as Record<string, unknown>;
  const id = textOf(event.id);
  const providerType = textOf(event.type, 200);
  if (id === undefined || providerType === undefined) {
    throw malformed("an event has an id and a type (strings of at most 255 characters)");
  }
  const data = (event.data !== null && typeof event.data === "object" ? event.data : {}) as Record<
    string,
    unknown
  >;
  const known = (GATEWAY_EVENT_TYPES as readonly string[]).includes(providerType);
  const type: GatewayEventType = known ? (providerType as GatewayEventType) : "unknown";
  const failure = data.failure as Record<string, unknown> | undefined;
  const amount = minorUnitsOf(data.amount);
  const currency = textOf(data.currency, 3)?.toUpperCase();
  const reference = textOf(data.refund) ?? textOf(data.dispute);
  return {
    id,
    type,
    providerType,
    chargeReference: type === "unknown" ? null : (textOf(data.charge) ?? null),
    ...(amount !== undefined ? { amount } : {}),
    ...(currency !== undefined ? { currency } : {}),
    ...(reference !== undefined ? { reference } : {}),
    ...(failure && typeof failure === "object"
      ? {
          failure: {
            code: textOf(failure.code, 100) ?? "payment_failed",
            message: textOf(failure.message, 500) ?? "the test gateway reports the charge failed",
          },
        }
      : {}),
    raw,
  };
}

/** The test gateway of an account that has a webhook secret: it verifies and reads events. */
export function testGatewayWith(webhookSecret: string): PaymentGateway {
  return {
    ...testGateway,
    async parseWebhook({ rawBody, headers, receivedAt }: WebhookInput) {
      verifyTestSignature(
        rawBody,
        headerValue(headers[TEST_SIGNATURE_HEADER]),
        webhookSecret,
        Math.floor(receivedAt / 1000),
      );
      return readTestEvent(rawBody);
    },
  };
}
