/**
 * What the invoicing calculation reads: a contract's whole history as plain values. The
 * invoicing module loads it from the database; the calculation itself performs no I/O.
 */
import type { Temporal } from "temporal-polyfill";
import type { Timeline } from "../contracts/phases.js";
import type { PriceModel } from "../pricing/index.js";
import type { Alignment, Period } from "../time/index.js";

export type VariantTerms = {
  readonly id: string;
  readonly name: string;
  /** Decimal strings in the plan group's currency. */
  readonly recurringFee: string;
  readonly setupFee: string;
  /** The span the recurring fee is priced for. */
  readonly feePeriod: Period;
  /** How often the contract is billed. */
  readonly billingPeriod: Period;
  readonly paymentMode: "prepaid" | "postpaid";
  readonly alignment: Alignment;
  /** Free quantity per billing period, per metered component. */
  readonly quotas: readonly { readonly componentId: string; readonly quantity: string }[];
};

export type ComponentTerms = {
  readonly id: string;
  readonly name: string;
  readonly type: "quantity" | "on_off" | "metered";
  readonly price: PriceModel;
  /** The span one unit's price is for (quantity and on/off components). */
  readonly feePeriod: Period;
  /** Whether a partial fee period is charged pro rata (else in full). */
  readonly prorate: boolean;
  /** Whether the component is charged while the contract is in trial. */
  readonly billInTrial: boolean;
};

export type ComponentSubscriptionFact = {
  readonly id: string;
  readonly componentId: string;
  readonly quantity: string;
  readonly start: Temporal.Instant;
  readonly end: Temporal.Instant | null;
};

export type UsageFact = {
  readonly componentId: string;
  readonly quantity: string;
  /** The customer's calendar day the usage falls on. */
  readonly date: Temporal.PlainDate;
};

export type RatedItemFact = {
  readonly id: string;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly periodStart: Temporal.Instant;
  readonly periodEnd: Temporal.Instant;
  /** When it was recorded: it is billed with the first settlement from that day on. */
  readonly createdAt: Temporal.Instant;
  /** Billed from this instant instead (a charge at the term end). */
  readonly dueAt?: Temporal.Instant | null;
};

export type DiscountFact = {
  readonly id: string;
  readonly description: string;
  /** What the discount reduces. */
  readonly appliesTo: "recurring_fee" | "components" | "all";
  /** Exactly one of the two: a percentage ("10" = 10 %), or a fixed amount per fee period. */
  readonly percent: string | null;
  readonly amount: string | null;
  readonly start: Temporal.Instant;
  readonly end: Temporal.Instant | null;
};

/**
 * A schedule of advance invoices: every `terms` billing periods from `from` (a renewal), the
 * next `terms` periods are invoiced at their start (`occurrences` times, or while the contract
 * runs); or on given dates, each invoicing the `terms` periods after the one holding it.
 */
export type AdvanceSchedule =
  | {
      readonly type: "fixed_intervals";
      readonly terms: number;
      readonly from: Temporal.Instant;
      readonly occurrences: number | null;
    }
  | {
      readonly type: "specific_dates";
      readonly dates: readonly { readonly on: Temporal.Instant; readonly terms: number }[];
    };

/**
 * Renewals invoiced ahead: each charge made every fee period starting before `through` (a
 * billing-period boundary) due on `on` at the latest; the schedule makes more such charges.
 */
export type AdvanceBilling = {
  readonly charges: readonly {
    readonly on: Temporal.Instant;
    readonly through: Temporal.Instant;
  }[];
  readonly schedule: AdvanceSchedule | null;
};

export type ContractHistory = {
  readonly contractId: string;
  readonly currency: string;
  /** The customer's IANA time zone: billing days are the customer's calendar days. */
  readonly timeZone: string;
  readonly timeline: Timeline;
  readonly variants: ReadonlyMap<string, VariantTerms>;
  readonly components: ReadonlyMap<string, ComponentTerms>;
  readonly componentSubscriptions: readonly ComponentSubscriptionFact[];
  readonly usage: readonly UsageFact[];
  readonly ratedItems: readonly RatedItemFact[];
  readonly discounts: readonly DiscountFact[];
  /**
   * An imported contract: another system billed every day before this instant, so nothing
   * before its day is billed or credited here; absent or null: Accrue bills its whole history.
   */
  readonly billedUntil?: Temporal.Instant | null;
  /** Renewals invoiced in advance; absent: none. */
  readonly advance?: AdvanceBilling;
};
