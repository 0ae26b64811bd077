import { Temporal } from "temporal-polyfill";
import { invalid } from "../errors.js";
import { dateOutOfRange, millisInRange } from "./bounds.js";
import { BoundedMemo } from "./memo.js";
import { epochMillisOfRfc3339 } from "./rfc3339.js";
import type { DateSpan } from "./span.js";

/**
 * Validates an IANA time zone name and returns its canonical spelling ("europe/berlin" →
 * "Europe/Berlin"). Unknown names and bare UTC offsets ("+01:00") raise `invalid_time_zone`:
 * billing days follow a place's rules, including its DST changes.
 */
export function assertTimeZone(timeZone: string): string {
  const known = zones.get(timeZone);
  if (known) return known;
  let id: string | undefined;
  if (typeof timeZone === "string" && !/^[+\u2212-]/.test(timeZone)) {
    try {
      id = new Temporal.ZonedDateTime(0n, timeZone).timeZoneId;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
  }
  if (id === undefined) {
    throw invalid("invalid_time_zone", "Unknown time zone; use an IANA name like Europe/Berlin", {
      timeZone,
    });
  }
  zones.set(timeZone, id);
  return id;
}

/** Valid zone names seen, with their canonical spelling. */
const zones = new BoundedMemo<string, string>(1_000);
/** Results of localDate and startOfLocalDay: billing asks for the same days over and over. */
const days = new BoundedMemo<string, Temporal.PlainDate>(100_000);
const starts = new BoundedMemo<string, Temporal.Instant>(100_000);

/** The calendar day an instant falls on in `timeZone`. */
export function localDate(instant: Temporal.Instant, timeZone: string): Temporal.PlainDate {
  const key = `${instant.epochMilliseconds}|${timeZone}`;
  let day = days.get(key);
  if (!day) {
    day = instant.toZonedDateTimeISO(assertTimeZone(timeZone)).toPlainDate();
    days.set(key, day);
  }
  return day;
}

/**
 * The first instant of `date` in `timeZone`. Usually local midnight, but when a DST change
 * skips midnight (America/Santiago, 2022-09-11) the day starts at the first local time that
 * exists (01:00). A day a zone skipped entirely (Pacific/Apia, 2011-12-30) starts where the
 * next day starts, so its instant span is empty and `localDate` never returns it.
 */
export function startOfLocalDay(date: Temporal.PlainDate, timeZone: string): Temporal.Instant {
  const key = `${date.year}-${date.month}-${date.day}|${timeZone}`;
  const known = starts.get(key);
  if (known) return known;
  try {
    const start = date.toZonedDateTime(assertTimeZone(timeZone)).toInstant();
    starts.set(key, start);
    return start;
  } catch (e) {
    if (e instanceof RangeError) {
      throw invalid("date_out_of_range", "The date is outside the supported range", {
        date: date.toString(),
        timeZone,
      });
    }
    throw e;
  }
}

/** The instants [start, end) a span of local days covers in `timeZone`. */
export function instantSpan(
  span: DateSpan,
  timeZone: string,
): { readonly start: Temporal.Instant; readonly end: Temporal.Instant } {
  return { start: startOfLocalDay(span.start, timeZone), end: startOfLocalDay(span.end, timeZone) };
}

/**
 * An RFC 3339 timestamp with an offset, stored at millisecond precision (what timestamptz
 * columns and the API answer keep), or `invalid_timestamp` naming the field; one outside the
 * supported range (bounds.ts) is `date_out_of_range`.
 */
export function parseTimestamp(value: string, field: string): Temporal.Instant {
  return Temporal.Instant.fromEpochMilliseconds(parseTimestampMillis(value, field));
}

/**
 * `parseTimestamp` as epoch milliseconds, with the same refusals: for a caller that stores
 * the instant and needs no Temporal object (a usage batch parses a thousand). The everyday
 * spelling is read without Temporal (rfc3339.ts), any other by Temporal.
 */
export function parseTimestampMillis(value: string, field: string): number {
  let millis = epochMillisOfRfc3339(value);
  if (millis === undefined) {
    try {
      millis = Temporal.Instant.from(value).epochMilliseconds;
    } catch {
      throw invalid("invalid_timestamp", `${field} must be an RFC 3339 timestamp with offset`, {
        field,
        value: value.slice(0, 64),
      });
    }
  }
  // within the supported range (bounds.ts), or date_out_of_range
  if (!millisInRange(millis)) throw dateOutOfRange(field, value);
  return millis;
}
