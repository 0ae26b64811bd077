/**
 * The built-in test gateway's vault, pure: what it keeps of a card or a bank account when a
 * payment source is added, and its verdict when a source is charged. Like a real gateway it
 * never hands the card number back: the source keeps a reference whose outcome the gateway
 * decided when it tokenized the number (Stripe's test tokens work so), plus the brand, last
 * four digits and expiry a person needs to recognise it.
 */
import { invalid, unprocessable } from "../errors.js";
import type { GatewayKind, PaymentGateway } from "./gateway.js";
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

const OUTCOMES: readonly ChargeOutcome[] = ["ok", "card_declined", "insufficient_funds"];

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
  const outcome: ChargeOutcome = TEST_CARDS_FAILING[digits]?.code ?? "ok";
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
  const outcome: ChargeOutcome = TEST_IBANS_FAILING[normal] ?? "ok";
  return {
    country: normal.slice(0, 2),
    last4: normal.slice(-4),
    reference: `tok_test_${outcome}_${nonce}`,
  };
}

/** The test gateway's verdict on charging a source by its reference. */
export function chargeReference(
  reference: string,
): { ok: true } | { ok: false; code: Exclude<ChargeOutcome, "ok">; message: string } {
  const outcome = OUTCOMES.find((o) => reference.startsWith(`tok_test_${o}_`));
  if (outcome === undefined) throw new RangeError(`not a test gateway reference: ${reference}`);
  if (outcome === "ok") return { ok: true };
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
    throw new RangeError(`not a test gateway charge: ${reference}`);
  },
  canCopyCardTo: (to: GatewayKind) => to === "test",
  async copyCard({ reference, nonce }) {
    const outcome = OUTCOMES.find((o) => reference.startsWith(`tok_test_${o}_`));
    if (outcome === undefined) throw new RangeError(`not a test gateway reference: ${reference}`);
    return { reference: `tok_test_${outcome}_${nonce}` };
  },
};
