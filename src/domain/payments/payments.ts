/**
 * Payments, pure: the built-in test gateway's verdict on a card number, how a payment is
 * applied to open invoices, how a refund reopens them, and which dunning steps an unpaid
 * invoice has reached. Amounts are integer minor units.
 */
import { invalid } from "../errors.js";

// ---- the test gateway -------------------------------------------------------------------------

export type CardVerdict =
  | { ok: true; last4: string }
  | { ok: false; last4: string; code: "card_declined" | "insufficient_funds"; message: string };

/** Card numbers the test gateway refuses, and why; every other valid number is charged. */
export const TEST_CARDS_FAILING: Readonly<
  Record<string, { code: "card_declined" | "insufficient_funds"; message: string }>
> = {
  "4000000000000002": { code: "card_declined", message: "the card was declined" },
  "4000000000009995": { code: "insufficient_funds", message: "the card has insufficient funds" },
};

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function testGatewayCharge(cardNumber: string): CardVerdict {
  const digits = cardNumber.replace(/[\s-]/g, "");
  if (!/^[0-9]{12,19}$/.test(digits) || !luhnValid(digits)) {
    throw invalid("invalid_card_number", "the card number is not a valid card number", {
      field: "card_number",
    });
  }
  const last4 = digits.slice(-4);
  const failing = TEST_CARDS_FAILING[digits];
  return failing ? { ok: false, last4, ...failing } : { ok: true, last4 };
}

// ---- applying payments ------------------------------------------------------------------------

export type Due = { invoiceId: string; due: bigint };
export type Allocation = { invoiceId: string; amount: bigint };

/**
 * Applies `amount` to the dues in the order given, each up to what it still owes; what is
 * left is the customer's credit.
 */
export function applyPayment(
  amount: bigint,
  dues: readonly Due[],
): { allocations: Allocation[]; unapplied: bigint } {
  if (amount <= 0n) throw new RangeError("a payment is positive");
  let left = amount;
  const allocations: Allocation[] = [];
  for (const d of dues) {
    if (left === 0n) break;
    if (d.due <= 0n) continue;
    const take = d.due < left ? d.due : left;
    allocations.push({ invoiceId: d.invoiceId, amount: take });
    left -= take;
  }
  return { allocations, unapplied: left };
}

/**
 * A refund of `amount` of a payment: first from what the payment left unapplied, then by
 * reopening the invoices it paid, the most recently applied first. Returns the (negative)
 * allocations that reopen invoices.
 */
export function reverseForRefund(
  amount: bigint,
  unapplied: bigint,
  applied: readonly Allocation[],
): Allocation[] {
  let left = amount - (unapplied < amount ? unapplied : amount);
  const out: Allocation[] = [];
  for (const a of [...applied].reverse()) {
    if (left === 0n) break;
    if (a.amount <= 0n) continue;
    const take = a.amount < left ? a.amount : left;
    out.push({ invoiceId: a.invoiceId, amount: -take });
    left -= take;
  }
  if (left > 0n) throw new RangeError("the refund exceeds what the payment paid");
  return out;
}

// ---- dunning ----------------------------------------------------------------------------------

export type DunningStep = {
  /** 1-based, in order. */
  level: number;
  name: string;
  /** Reached when the invoice is this many days past due… */
  after_days: number;
  /** …or after this many failed payments of the customer since the invoice was issued. */
  after_failed_payments?: number | undefined;
  /** Reaching the step gives the invoice's contract this many days of grace. */
  grace_days?: number | undefined;
};

export function assertDunningSteps(steps: readonly Omit<DunningStep, "level">[]): void {
  steps.forEach((s, i) => {
    if (i > 0 && s.after_days < steps[i - 1]!.after_days) {
      throw invalid("invalid_dunning_steps", "steps come in order of after_days", {
        field: `steps.${i}.after_days`,
      });
    }
  });
}

/** The steps an unpaid invoice has reached and not yet been noticed of, lowest first. */
export function stepsReached(
  steps: readonly DunningStep[],
  daysOverdue: number,
  failedPayments: number,
  noticed: ReadonlySet<number>,
): DunningStep[] {
  return steps.filter(
    (s) =>
      !noticed.has(s.level) &&
      (daysOverdue >= s.after_days ||
        (s.after_failed_payments !== undefined && failedPayments >= s.after_failed_payments)),
  );
}
