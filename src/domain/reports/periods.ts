/**
 * Report periods and the rates read over them. A period is a half-open range of UTC days
 * [start, end); each has a previous period of the same length to compare with:
 *
 * - `last_30_days`: the 30 days up to and including today; before it, the 30 days before.
 * - `this_month`, `this_quarter`, `this_year`: from the unit's first day up to and including
 *   today; before it, the same days one unit earlier (cut at that unit's end, so 31 March
 *   compares with the whole of February).
 * - `last_month`, `last_quarter`, `last_year`: the whole previous unit; before it, the one
 *   before that.
 * - `custom`: `from` to `to`, both included; before it, as many days ending the day before.
 *
 * Figures measured at a period's end (monthly recurring revenue) are read at the last instant
 * of its last day, or at `now` for a period still running. Nothing here reads a clock.
 */
import { Temporal } from "temporal-polyfill";
import { Dec } from "../money/index.js";

export const PERIOD_KINDS = [
  "last_30_days",
  "this_month",
  "last_month",
  "this_quarter",
  "last_quarter",
  "this_year",
  "last_year",
  "custom",
] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The longest custom range, in days (five years and a leap day). */
export const MAX_CUSTOM_DAYS = 5 * 365 + 2;

/** UTC days [start, end). */
export type DayRange = { start: Temporal.PlainDate; end: Temporal.PlainDate };

/** A period and the one it is compared with. */
export type ReportPeriods = { kind: PeriodKind; current: DayRange; previous: DayRange };

/** Why a custom range was refused, or null when it is fine. */
export function customRangeProblem(
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
): string | null {
  if (Temporal.PlainDate.compare(from, to) > 0) return "the period's start is after its end";
  if (from.until(to).days + 1 > MAX_CUSTOM_DAYS) return "a period spans at most five years";
  return null;
}

const quarterStart = (d: Temporal.PlainDate) =>
  Temporal.PlainDate.from({ year: d.year, month: d.month - ((d.month - 1) % 3), day: 1 });

/** The unit a calendar period is made of. */
type Unit = { months: number } | { years: number };

/** The same days one unit earlier, cut at the end of that unit. */
function toDatePrevious(current: DayRange, unit: Unit): DayRange {
  const start = current.start.subtract(unit);
  const lastDay = current.end.subtract({ days: 1 }).subtract(unit);
  return { start, end: lastDay.add({ days: 1 }) };
}

/** The period of `kind` holding `today` (a UTC date of the tenant's clock) and its previous. */
export function resolvePeriods(
  kind: PeriodKind,
  today: Temporal.PlainDate,
  custom?: { from: Temporal.PlainDate; to: Temporal.PlainDate },
): ReportPeriods {
  const tomorrow = today.add({ days: 1 });
  const monthStart = today.with({ day: 1 });
  const yearStart = today.with({ month: 1, day: 1 });
  const before = (r: DayRange, unit: Unit): DayRange => ({
    start: r.start.subtract(unit),
    end: r.start,
  });
  const days = (r: DayRange): DayRange => {
    const n = r.start.until(r.end).days;
    return { start: r.start.subtract({ days: n }), end: r.start };
  };
  let current: DayRange;
  let previous: DayRange;
  switch (kind) {
    case "last_30_days":
      current = { start: tomorrow.subtract({ days: 30 }), end: tomorrow };
      previous = days(current);
      break;
    case "this_month":
      current = { start: monthStart, end: tomorrow };
      previous = toDatePrevious(current, { months: 1 });
      break;
    case "last_month":
      current = { start: monthStart.subtract({ months: 1 }), end: monthStart };
      previous = before(current, { months: 1 });
      break;
    case "this_quarter":
      current = { start: quarterStart(today), end: tomorrow };
      previous = toDatePrevious(current, { months: 3 });
      break;
    case "last_quarter": {
      const end = quarterStart(today);
      current = { start: end.subtract({ months: 3 }), end };
      previous = before(current, { months: 3 });
      break;
    }
    case "this_year":
      current = { start: yearStart, end: tomorrow };
      previous = toDatePrevious(current, { years: 1 });
      break;
    case "last_year":
      current = { start: yearStart.subtract({ years: 1 }), end: yearStart };
      previous = before(current, { years: 1 });
      break;
    case "custom": {
      if (!custom) throw new Error("a custom period needs from and to");
      const problem = customRangeProblem(custom.from, custom.to);
      if (problem) throw new Error(problem);
      current = { start: custom.from, end: custom.to.add({ days: 1 }) };
      previous = days(current);
      break;
    }
  }
  return { kind, current, previous };
}

/** Midnight UTC of a day. */
export const dayStart = (d: Temporal.PlainDate): Temporal.Instant =>
  d.toZonedDateTime("UTC").toInstant();

/**
 * When figures of a range are measured: the last microsecond of its last day, or `now` when
 * the range has not ended yet (a range wholly in the future is measured now too).
 */
export function measuredAt(range: DayRange, now: Temporal.Instant): Temporal.Instant {
  const end = dayStart(range.end);
  return Temporal.Instant.compare(end, now) > 0 ? now : end.subtract({ microseconds: 1 });
}

/** `part` of `whole` in percent with two decimals (half away from zero); null when whole is 0. */
export function ratePercent(part: bigint | number, whole: bigint | number): string | null {
  if (BigInt(whole) === 0n) return null;
  return new Dec(String(part)).mul(100).div(String(whole)).toFixed(2);
}

/**
 * The change from `before` to `after` in percent of `before`, two decimals (half away from
 * zero); null when `before` is 0 (no base to grow from).
 */
export function growthPercent(before: bigint | number, after: bigint | number): string | null {
  return ratePercent(BigInt(after) - BigInt(before), before);
}
