import { invalid } from "../errors.js";
import { assertSpan, compareDates, type DateSpan, daysBetween, maxDate, minDate } from "./span.js";

/** An exact fraction of whole days; not reduced, so 10/31 reads as "10 of 31 days". */
export type DayFraction = { readonly numerator: bigint; readonly denominator: bigint };

/** Number of days in [start, end). */
export function daysIn(span: DateSpan): number {
  assertSpan(span);
  return daysBetween(span.start, span.end);
}

/** The days two spans share, or null when they share none. */
export function overlap(a: DateSpan, b: DateSpan): DateSpan | null {
  assertSpan(a);
  assertSpan(b);
  const start = maxDate(a.start, b.start);
  const end = minDate(a.end, b.end);
  return compareDates(start, end) < 0 ? { start, end } : null;
}

/**
 * The share of `whole` covered by `part`, in whole days: days(part) / days(whole). `part`
 * must lie within `whole` (`span_not_within`; intersect with {@link overlap} first) and
 * `whole` must not be empty (`empty_span`). Fractions of a partition of `whole` sum to 1.
 */
export function prorationFraction(part: DateSpan, whole: DateSpan): DayFraction {
  const wholeDays = daysIn(whole);
  const partDays = daysIn(part);
  if (wholeDays === 0) {
    throw invalid("empty_span", "Cannot prorate over an empty span", {
      start: whole.start.toString(),
    });
  }
  if (compareDates(part.start, whole.start) < 0 || compareDates(part.end, whole.end) > 0) {
    throw invalid("span_not_within", "The part must lie within the whole span", {
      part: { start: part.start.toString(), end: part.end.toString() },
      whole: { start: whole.start.toString(), end: whole.end.toString() },
    });
  }
  return { numerator: BigInt(partDays), denominator: BigInt(wholeDays) };
}
