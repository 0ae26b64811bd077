import { Temporal } from "temporal-polyfill";
import { invalid } from "../errors.js";

/**
 * A half-open range of calendar days [start, end): `start` is the first day inside, `end` the
 * first day after. An empty span has start == end. Consecutive spans share an endpoint, so
 * "period k end == period k+1 start" means no gap and no overlap.
 */
export type DateSpan = { readonly start: Temporal.PlainDate; readonly end: Temporal.PlainDate };

export const compareDates = (a: Temporal.PlainDate, b: Temporal.PlainDate): number =>
  Temporal.PlainDate.compare(a, b);

export const minDate = (a: Temporal.PlainDate, b: Temporal.PlainDate): Temporal.PlainDate =>
  compareDates(a, b) <= 0 ? a : b;

export const maxDate = (a: Temporal.PlainDate, b: Temporal.PlainDate): Temporal.PlainDate =>
  compareDates(a, b) >= 0 ? a : b;

/** Builds a span, rejecting end < start (`invalid_span`). */
export function dateSpan(start: Temporal.PlainDate, end: Temporal.PlainDate): DateSpan {
  const span = { start, end };
  assertSpan(span);
  return span;
}

export function assertSpan(span: DateSpan): void {
  if (compareDates(span.start, span.end) > 0) {
    throw invalid("invalid_span", "A date span must not end before it starts", {
      start: span.start.toString(),
      end: span.end.toString(),
    });
  }
}

/** Whether `date` lies in [start, end). */
export const spanContains = (span: DateSpan, date: Temporal.PlainDate): boolean =>
  compareDates(span.start, date) <= 0 && compareDates(date, span.end) < 0;
