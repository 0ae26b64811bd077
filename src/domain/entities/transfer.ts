/**
 * Customer transfers between business entities (Chargebee's rules, seed 000): the
 * prerequisites a transfer must meet, and when each of the customer's contracts follows it.
 * Pure: the facts are gathered by the caller.
 */
import type { ErrorCode } from "../error-codes.js";

/** At most this many transfers of one customer per calendar year (the tenant's clock, UTC). */
export const TRANSFERS_PER_YEAR = 3;

export type TransferFacts = {
  sourceEntityId: string;
  destinationEntityId: string;
  /** The customer is a deprecated copy a transfer left behind. */
  customerDeprecated: boolean;
  /** Transfers of the customer created in the current calendar year. */
  transfersThisYear: number;
  /** Contracts of the customer whose current phase is a trial. */
  contractsInTrial: number;
  /** Invoices and credit notes of the customer not issued yet (drafts). */
  draftDocuments: number;
  /** Issued invoices of the customer that still owe something. */
  unpaidInvoices: number;
  /** One-off charges (rated items) added to the customer's contracts and not billed yet. */
  unbilledCharges: number;
  /** Currencies in which the customer is in credit (paid more than it owes). */
  creditCurrencies: readonly string[];
  /** Currencies of the customer's contracts that will move. */
  contractCurrencies: readonly string[];
  /** The destination's billing currencies; empty: any. */
  destinationCurrencies: readonly string[];
};

export type TransferBlocker = {
  code: ErrorCode;
  /** 409: the customer's present state forbids it; 422: the request itself is wrong. */
  status: 409 | 422;
  message: string;
};

/** The prerequisites in the seed's order; the first one a transfer fails, or null. */
export function transferBlocker(f: TransferFacts): TransferBlocker | null {
  if (f.sourceEntityId === f.destinationEntityId) {
    return {
      code: "same_business_entity",
      status: 422,
      message: "the customer already belongs to the destination business entity",
    };
  }
  if (f.customerDeprecated) {
    return {
      code: "customer_not_active",
      status: 409,
      message: "only an active customer can be transferred, not a copy a transfer left behind",
    };
  }
  if (f.transfersThisYear >= TRANSFERS_PER_YEAR) {
    return {
      code: "transfer_limit_reached",
      status: 409,
      message: `a customer can be transferred at most ${TRANSFERS_PER_YEAR} times per calendar year`,
    };
  }
  if (f.contractsInTrial > 0) {
    return {
      code: "contract_in_trial",
      status: 409,
      message: "the customer has a contract in its trial; transfer it after the trial",
    };
  }
  if (f.draftDocuments > 0) {
    return {
      code: "invoice_pending",
      status: 409,
      message: "the customer has invoices or credit notes not issued yet (drafts)",
    };
  }
  if (f.unpaidInvoices > 0) {
    return {
      code: "invoice_unpaid",
      status: 409,
      message: "the customer has issued invoices that still owe something",
    };
  }
  if (f.unbilledCharges > 0) {
    return {
      code: "unbilled_charges",
      status: 409,
      message: "the customer has one-off charges not billed yet",
    };
  }
  if (f.creditCurrencies.length > 0) {
    return {
      code: "refundable_credits",
      status: 409,
      message: `the customer is in credit (${[...f.creditCurrencies].sort().join(", ")}); refund it first`,
    };
  }
  const unsupported = f.contractCurrencies.filter(
    (c) => f.destinationCurrencies.length > 0 && !f.destinationCurrencies.includes(c),
  );
  if (unsupported.length > 0) {
    return {
      code: "currency_not_supported",
      status: 422,
      message: `the destination business entity does not bill in ${[...new Set(unsupported)].sort().join(", ")}`,
    };
  }
  return null;
}

/** When a contract of a transferred customer moves to the customer's new entity. */
export type MoveTiming = "at_renewal" | "at_start" | "at_resumption" | "never";

/**
 * Chargebee's clone timing: an active contract moves at its next renewal, a future one at its
 * start, a resting (paused) one when it resumes; one with an end date (non-renewing, ending,
 * ended) never moves and finishes in the source entity.
 */
export function moveTiming(
  contract: { start_at: Date; end_at: Date | null; resting_since: Date | null },
  now: Date,
): MoveTiming {
  if (contract.end_at !== null) return "never";
  if (contract.resting_since !== null) return "at_resumption";
  if (contract.start_at.getTime() > now.getTime()) return "at_start";
  return "at_renewal";
}

/** Whether a billing run that reaches a contract of a transferred customer moves it now. */
export function movesWithBilling(contract: {
  end_at: Date | null;
  resting_since: Date | null;
}): boolean {
  return contract.end_at === null && contract.resting_since === null;
}
