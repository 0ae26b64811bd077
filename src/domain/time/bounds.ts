/**
 * The range of dates and instants Accrue accepts as input. Business dates (a contract's start,
 * a coupon's end, a test clock's reading, a rated item's period…) lie on or after
 * {@link EARLIEST_DATE} and on or before {@link LATEST_DATE}; an instant lies in
 * [2000-01-01T00:00:00Z, 2200-01-01T00:00:00Z). Anything outside is refused with
 * `date_out_of_range` (400) wherever it enters: the API's `date`/`date-time` formats, every
 * timestamp a service parses (`parseTimestamp`), and the compat surfaces, which parse through
 * the same functions. Dates derived from accepted ones (a term end, a period boundary) may lie
 * a little beyond; the database and Temporal hold those easily.
 */
import { Temporal } from "temporal-polyfill";
import { invalid, unprocessable } from "../errors.js";
import { epochMillisOfRfc3339 } from "./rfc3339.js";

export const EARLIEST_DATE = Temporal.PlainDate.from("2000-01-01");
export const LATEST_DATE = Temporal.PlainDate.from("2199-12-31");
export const EARLIEST_INSTANT = Temporal.Instant.from("2000-01-01T00:00:00Z");
/** Exclusive: the first instant refused. */
export const INSTANT_LIMIT = Temporal.Instant.from("2200-01-01T00:00:00Z");

/** What a refusal tells the client about the range. */
export const DATE_RANGE = {
  min: EARLIEST_INSTANT.toString(),
  max: INSTANT_LIMIT.subtract({ milliseconds: 1 }).toString(),
} as const;

const EARLIEST_MILLIS = EARLIEST_INSTANT.epochMilliseconds;
const LIMIT_MILLIS = INSTANT_LIMIT.epochMilliseconds;

/**
 * Whether an instant given in epoch milliseconds is in range: the same answer as
 * `instantInRange` for any instant these milliseconds floor (both bounds are whole
 * milliseconds).
 */
export function millisInRange(millis: number): boolean {
  return millis >= EARLIEST_MILLIS && millis < LIMIT_MILLIS;
}

export function instantInRange(instant: Temporal.Instant): boolean {
  return (
    Temporal.Instant.compare(instant, EARLIEST_INSTANT) >= 0 &&
    Temporal.Instant.compare(instant, INSTANT_LIMIT) < 0
  );
}

export function dateInRange(date: Temporal.PlainDate): boolean {
  return (
    Temporal.PlainDate.compare(date, EARLIEST_DATE) >= 0 &&
    Temporal.PlainDate.compare(date, LATEST_DATE) <= 0
  );
}

export const dateOutOfRange = (field: string, value: string) =>
  invalid(
    "date_out_of_range",
    `${field} must lie between ${EARLIEST_DATE} and ${LATEST_DATE} (UTC)`,
    { field, value: value.slice(0, 64), ...DATE_RANGE },
  );

/** `instant`, or `date_out_of_range` naming the field. */
export function assertInstantInRange(
  instant: Temporal.Instant,
  field: string,
  value = instant.toString(),
): Temporal.Instant {
  if (!instantInRange(instant)) throw dateOutOfRange(field, value);
  return instant;
}

/** `date`, or `date_out_of_range` naming the field. */
export function assertDateInRange(
  date: Temporal.PlainDate,
  field: string,
  value = date.toString(),
): Temporal.PlainDate {
  if (!dateInRange(date)) throw dateOutOfRange(field, value);
  return date;
}

/**
 * Whether text that is a valid RFC 3339 date-time (the API's `date-time` format) names an
 * instant in range; false for text that does not parse.
 */
export function timestampTextInRange(text: string): boolean {
  const millis = epochMillisOfRfc3339(text);
  if (millis !== undefined) return millisInRange(millis);
  try {
    return instantInRange(Temporal.Instant.from(text));
  } catch {
    return false;
  }
}

/** Whether text that is a valid `YYYY-MM-DD` date (the API's `date` format) is in range. */
export function dateTextInRange(text: string): boolean {
  try {
    return dateInRange(Temporal.PlainDate.from(text));
  } catch {
    return false;
  }
}

/**
 * How far before the tenant's now a contract may start (back-dated): billing a contract works
 * through every period from its start, so a start decades ago is refused rather than billed.
 */
export const MAX_BACKDATE_YEARS = 10;

/** `start`, or `start_date_too_early` when it lies more than MAX_BACKDATE_YEARS before `now`. */
export function assertContractStart(
  start: Temporal.Instant,
  now: Temporal.Instant,
  field: string,
): Temporal.Instant {
  const earliest = now.toZonedDateTimeISO("UTC").subtract({ years: MAX_BACKDATE_YEARS });
  if (Temporal.Instant.compare(start, earliest.toInstant()) < 0) {
    throw unprocessable(
      "start_date_too_early",
      `${field} lies more than ${MAX_BACKDATE_YEARS} years before now; start the contract later`,
      { field, earliest: earliest.toInstant().toString(), max_backdate_years: MAX_BACKDATE_YEARS },
    );
  }
  return start;
}
