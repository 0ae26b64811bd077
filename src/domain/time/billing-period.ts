import { Temporal } from "temporal-polyfill";
import { invalid } from "../errors.js";
import { addPeriods, assertPeriod, type Period, type PeriodUnit } from "./duration.js";
import { compareDates, type DateSpan, daysBetween, maxDate } from "./span.js";

export type Alignment = "anniversary" | "calendar";

/**
 * How a contract's time is cut into billing periods.
 * - `anniversary`: period k is [anchor + k×period, anchor + (k+1)×period).
 * - `calendar`: periods follow a fixed calendar grid (see {@link PeriodStrategy}); when the
 *   anchor is not on a grid boundary, period 0 is a shorter stub [anchor, first boundary).
 */
export type BillingCycle = {
  readonly period: Period;
  readonly alignment: Alignment;
  readonly anchor: Temporal.PlainDate;
};

/** One billing period: its span, its 0-based index in the cycle, and whether it is a stub. */
export type BillingPeriod = DateSpan & { readonly index: number; readonly stub: boolean };

/** A query may not produce more periods than this (`too_many_periods`). */
export const MAX_PERIODS_PER_QUERY = 100_000;

/**
 * The rules for one period unit, for both alignments.
 *
 * Calendar grids are absolute, so a date is a boundary or not regardless of the contract:
 * - day:   every `count`-th day counted from 1970-01-01 (count 1: every day);
 * - week:  ISO Mondays, every `count`-th counted from Monday 1969-12-29;
 * - month: 1st of months whose index year×12 + (month−1) is a multiple of `count` — for
 *          divisors of 12 that is "aligned to January" (count 3: Jan/Apr/Jul/Oct 1st);
 * - year:  Jan 1st of years that are multiples of `count`.
 */
export interface PeriodStrategy {
  readonly unit: PeriodUnit;
  /** Index k of the anniversary period [anchor + k×count, anchor + (k+1)×count) holding `date ≥ anchor`. */
  anniversaryIndex(anchor: Temporal.PlainDate, count: number, date: Temporal.PlainDate): number;
  /** Index of the calendar grid cell containing `date`. */
  calendarCell(date: Temporal.PlainDate, count: number): number;
  /** First day of calendar grid cell `cell`. */
  calendarCellStart(cell: number, count: number): Temporal.PlainDate;
}

const EPOCH = Temporal.PlainDate.from("1970-01-01");
/** The Monday of the ISO week holding the Unix epoch. */
const EPOCH_MONDAY = Temporal.PlainDate.from("1969-12-29");

const floorDiv = (a: number, b: number): number => Math.floor(a / b);
const daysFrom = (from: Temporal.PlainDate, to: Temporal.PlainDate): number =>
  daysBetween(from, to);
const monthIndex = (d: Temporal.PlainDate): number => d.year * 12 + d.month - 1;

/** Fixed-length units (day, week): plain day arithmetic, nothing to clamp. */
const fixedLength = (unit: PeriodUnit, days: number, origin: Temporal.PlainDate) => ({
  unit,
  anniversaryIndex: (anchor: Temporal.PlainDate, count: number, date: Temporal.PlainDate) =>
    floorDiv(daysFrom(anchor, date), days * count),
  calendarCell: (date: Temporal.PlainDate, count: number) =>
    floorDiv(daysFrom(origin, date), days * count),
  calendarCellStart: (cell: number, count: number) => origin.add({ days: cell * days * count }),
});

export const dayStrategy: PeriodStrategy = fixedLength("day", 1, EPOCH);
export const weekStrategy: PeriodStrategy = fixedLength("week", 7, EPOCH_MONDAY);

export const monthStrategy: PeriodStrategy = {
  unit: "month",
  anniversaryIndex(anchor, count, date) {
    // Period k starts in month index(anchor) + k×count on a day ≤ anchor.day, so the month
    // difference overestimates by at most one period (when date.day < that clamped day).
    const k = floorDiv(monthIndex(date) - monthIndex(anchor), count);
    return compareDates(addPeriods(anchor, { unit: "month", count }, k), date) > 0 ? k - 1 : k;
  },
  calendarCell: (date, count) => floorDiv(monthIndex(date), count),
  calendarCellStart(cell, count) {
    const m = cell * count;
    return Temporal.PlainDate.from({
      year: floorDiv(m, 12),
      month: m - floorDiv(m, 12) * 12 + 1,
      day: 1,
    });
  },
};

export const yearStrategy: PeriodStrategy = {
  unit: "year",
  anniversaryIndex(anchor, count, date) {
    // Same reasoning as months: Feb 29 anchors start on Feb 28 in common years.
    const k = floorDiv(date.year - anchor.year, count);
    return compareDates(addPeriods(anchor, { unit: "year", count }, k), date) > 0 ? k - 1 : k;
  },
  calendarCell: (date, count) => floorDiv(date.year, count),
  calendarCellStart: (cell, count) =>
    Temporal.PlainDate.from({ year: cell * count, month: 1, day: 1 }),
};

export const periodStrategies: Readonly<Record<PeriodUnit, PeriodStrategy>> = {
  day: dayStrategy,
  week: weekStrategy,
  month: monthStrategy,
  year: yearStrategy,
};

export function assertBillingCycle(cycle: BillingCycle): void {
  assertPeriod(cycle.period);
  if (cycle.alignment !== "anniversary" && cycle.alignment !== "calendar") {
    throw invalid("invalid_alignment", "Alignment must be 'anniversary' or 'calendar'", {
      alignment: cycle.alignment,
    });
  }
}

/** Whether `date` is a calendar grid boundary for `period` (e.g. a Monday for 1 week). */
export function isCalendarBoundary(p: Period, date: Temporal.PlainDate): boolean {
  assertPeriod(p);
  const s = periodStrategies[p.unit];
  return s.calendarCellStart(s.calendarCell(date, p.count), p.count).equals(date);
}

/** Period number `index` (0-based) of the cycle. */
export function periodAt(cycle: BillingCycle, index: number): BillingPeriod {
  assertBillingCycle(cycle);
  if (!Number.isSafeInteger(index) || index < 0) {
    throw invalid("invalid_period_index", "A period index must be a non-negative integer", {
      index,
    });
  }
  return guardRange(cycle, () => unsafePeriodAt(cycle, index));
}

function unsafePeriodAt(cycle: BillingCycle, index: number): BillingPeriod {
  const { period: p, anchor } = cycle;
  if (cycle.alignment === "anniversary") {
    return {
      start: addPeriods(anchor, p, index),
      end: addPeriods(anchor, p, index + 1),
      index,
      stub: false,
    };
  }
  const s = periodStrategies[p.unit];
  const first = s.calendarCell(anchor, p.count);
  const start = index === 0 ? anchor : s.calendarCellStart(first + index, p.count);
  return {
    start,
    end: s.calendarCellStart(first + index + 1, p.count),
    index,
    stub: index === 0 && !s.calendarCellStart(first, p.count).equals(anchor),
  };
}

/** The period holding `date`. Dates before the anchor belong to no period (`date_before_anchor`). */
export function periodContaining(cycle: BillingCycle, date: Temporal.PlainDate): BillingPeriod {
  assertBillingCycle(cycle);
  const { period: p, anchor } = cycle;
  if (compareDates(date, anchor) < 0) {
    throw invalid("date_before_anchor", "The date lies before the billing cycle's anchor", {
      date: date.toString(),
      anchor: anchor.toString(),
    });
  }
  const s = periodStrategies[p.unit];
  const index =
    cycle.alignment === "anniversary"
      ? s.anniversaryIndex(anchor, p.count, date)
      : s.calendarCell(date, p.count) - s.calendarCell(anchor, p.count);
  return guardRange(cycle, () => unsafePeriodAt(cycle, index));
}

/**
 * All periods overlapping [from, to), in order. Empty when to ≤ from or to ≤ anchor; the
 * first one may start before `from` and the last may end after `to`. Raises
 * `too_many_periods` past {@link MAX_PERIODS_PER_QUERY}.
 */
export function periodsOverlapping(
  cycle: BillingCycle,
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
): BillingPeriod[] {
  assertBillingCycle(cycle);
  if (compareDates(to, from) <= 0 || compareDates(to, cycle.anchor) <= 0) return [];
  const first = periodContaining(cycle, maxDate(from, cycle.anchor));
  const last = periodContaining(cycle, to.subtract({ days: 1 }));
  const count = last.index - first.index + 1;
  if (count > MAX_PERIODS_PER_QUERY) {
    throw invalid("too_many_periods", "The date range spans too many billing periods", {
      from: from.toString(),
      to: to.toString(),
      count,
      max: MAX_PERIODS_PER_QUERY,
    });
  }
  return Array.from({ length: count }, (_, i) =>
    i === 0 ? first : i === count - 1 ? last : unsafePeriodAt(cycle, first.index + i),
  );
}

/** The first period start strictly after `date` (the anchor itself for dates before it). */
export function nextPeriodStart(cycle: BillingCycle, date: Temporal.PlainDate): Temporal.PlainDate {
  assertBillingCycle(cycle);
  if (compareDates(date, cycle.anchor) < 0) return cycle.anchor;
  return periodContaining(cycle, date).end;
}

function guardRange<T>(cycle: BillingCycle, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) {
      throw invalid("date_out_of_range", "The billing period is outside the supported range", {
        anchor: cycle.anchor.toString(),
        period: cycle.period,
      });
    }
    throw e;
  }
}
