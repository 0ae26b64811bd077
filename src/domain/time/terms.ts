import type { Temporal } from "temporal-polyfill";
import { invalid } from "../errors.js";
import { addPeriods, assertPeriod, type Period, subtractPeriod } from "./duration.js";
import { compareDates } from "./span.js";

/** The first day after a trial that starts on `start` (trials precede the contract period). */
export function trialEnd(start: Temporal.PlainDate, trialPeriod: Period): Temporal.PlainDate {
  return addPeriods(start, trialPeriod, 1);
}

/**
 * End (exclusive) of contract term `index`: term 0 is the initial minimum term
 * [start, start + contractPeriod); every later term renews it by `laterContractPeriod`
 * (or `contractPeriod` again).
 *
 * Term ends are computed from `start` in one step, never chained, so month ends don't drift:
 * when both periods count months (month, year) or both count days (day, week), end k is
 * start + (contract + k × later) in that unit — start Jan 31, 1 month, renews Feb 29, Mar 31,
 * Apr 30 (2024). Mixed kinds (e.g. a 14-day first term renewing monthly) anchor the renewals
 * on the first term end: end k = (start + contract) + k × later.
 */
export function contractTermEndAt(
  start: Temporal.PlainDate,
  contractPeriod: Period,
  laterContractPeriod: Period | undefined,
  index: number,
): Temporal.PlainDate {
  assertPeriod(contractPeriod);
  const later = laterContractPeriod ?? contractPeriod;
  assertPeriod(later);
  if (!Number.isSafeInteger(index) || index < 0) {
    throw invalid("invalid_term_index", "A term index must be a non-negative integer", { index });
  }
  const first = inBaseUnit(contractPeriod);
  const renewal = inBaseUnit(later);
  if (first.unit === renewal.unit) {
    return addPeriods(start, { unit: first.unit, count: 1 }, first.count + index * renewal.count);
  }
  return addPeriods(addPeriods(start, contractPeriod, 1), later, index);
}

/**
 * End (exclusive) of the contract term containing `now`; terms are half-open, so on a term's
 * end date the next term is already running. Before `start`, the initial term's end.
 */
export function contractTermEnd(
  start: Temporal.PlainDate,
  contractPeriod: Period,
  laterContractPeriod: Period | undefined,
  now: Temporal.PlainDate,
): Temporal.PlainDate {
  const endAt = (k: number) => contractTermEndAt(start, contractPeriod, laterContractPeriod, k);
  return endAt(firstIndex(0, (k) => compareDates(endAt(k), now) > 0));
}

export type EndDateRequest = {
  readonly start: Temporal.PlainDate;
  /** Minimum term; absent means the contract can end at any time after the notice. */
  readonly contractPeriod?: Period;
  /** Length of each automatic renewal; defaults to `contractPeriod`. */
  readonly laterContractPeriod?: Period;
  /** Notice for ending the initial term; absent means none. */
  readonly noticePeriod?: Period;
  /** Notice for ending a renewal term; defaults to `noticePeriod`. */
  readonly laterNoticePeriod?: Period;
  /** The day the customer asks to end the contract. */
  readonly requestDate: Temporal.PlainDate;
};

export type PossibleEnd = {
  /** First day the contract no longer runs (exclusive end). */
  readonly endDate: Temporal.PlainDate;
  /** Last request date that still reaches `endDate`: the latest d with d + notice ≤ endDate. */
  readonly lastNoticeDate: Temporal.PlainDate;
};

/**
 * The earliest date a contract can end when asked on `requestDate`.
 *
 * With a contract period, the contract can only end at a term end E (see
 * {@link contractTermEndAt}), and the notice must fit before it:
 *
 *     endDate = the first term end E with requestDate + notice(E) ≤ E
 *
 * where notice(E) is `noticePeriod` for the initial term and `laterNoticePeriod` (default
 * `noticePeriod`) for renewals; no notice means E ≥ requestDate, so a request on a term end
 * ends the contract that day. Without a contract period, endDate = requestDate + noticePeriod
 * (or requestDate).
 *
 * lastNoticeDate is the latest day d with d + notice ≤ endDate. That is endDate − notice,
 * except at the end of a short month where clamping lets a few later days reach it too:
 * ending Feb 28 2025 with 1 month's notice, Jan 31 + 1 month = Feb 28, so Jan 31 still counts.
 */
export function nextPossibleEndDate(request: EndDateRequest): PossibleEnd {
  const { start, contractPeriod, laterContractPeriod, noticePeriod, requestDate } = request;
  const laterNotice = request.laterNoticePeriod ?? noticePeriod;
  const withNotice = (notice: Period | undefined) =>
    notice ? addPeriods(requestDate, notice, 1) : requestDate;

  if (!contractPeriod) {
    if (laterContractPeriod) {
      throw invalid("invalid_contract_terms", "A later contract period needs a contract period", {
        laterContractPeriod,
      });
    }
    const endDate = withNotice(noticePeriod);
    return { endDate, lastNoticeDate: latestNoticeDate(endDate, noticePeriod) };
  }

  const endAt = (k: number) => contractTermEndAt(start, contractPeriod, laterContractPeriod, k);
  const firstEnd = endAt(0);
  if (compareDates(withNotice(noticePeriod), firstEnd) <= 0) {
    return { endDate: firstEnd, lastNoticeDate: latestNoticeDate(firstEnd, noticePeriod) };
  }
  const earliest = withNotice(laterNotice);
  const endDate = endAt(firstIndex(1, (k) => compareDates(endAt(k), earliest) >= 0));
  return { endDate, lastNoticeDate: latestNoticeDate(endDate, laterNotice) };
}

/** The latest day d with d + notice ≤ end. */
function latestNoticeDate(end: Temporal.PlainDate, notice: Period | undefined): Temporal.PlainDate {
  if (!notice) return end;
  // end − notice always qualifies (clamping only moves days down); at most three more days
  // can qualify, when `end` is the last day of a month shorter than the one before.
  let d = subtractPeriod(end, notice);
  for (;;) {
    const next = d.add({ days: 1 });
    if (compareDates(addPeriods(next, notice, 1), end) > 0) return d;
    d = next;
  }
}

/** Months or days: the unit both periods of one kind can be expressed in exactly. */
function inBaseUnit(p: Period): Period {
  switch (p.unit) {
    case "day":
    case "month":
      return p;
    case "week":
      return { unit: "day", count: p.count * 7 };
    case "year":
      return { unit: "month", count: p.count * 12 };
  }
}

/** Smallest k ≥ from with ok(k), for a predicate that is false then true (galloping search). */
function firstIndex(from: number, ok: (k: number) => boolean): number {
  let lo = from;
  let step = 1;
  while (!ok(lo + step - 1)) {
    lo += step;
    step *= 2;
  }
  let hi = lo + step - 1; // ok(hi); every k < lo fails
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
