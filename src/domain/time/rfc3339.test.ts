import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { expectInvalid } from "./arbitraries.testing.js";
import { timestampTextInRange } from "./bounds.js";
import { epochMillisOfRfc3339 } from "./rfc3339.js";
import { parseTimestamp, parseTimestampMillis } from "./zone.js";

/** What Temporal answers for the text: its epoch milliseconds, or "refused". */
function temporal(text: string): number | "refused" {
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    return "refused";
  }
}

const two = (n: number) => String(n).padStart(2, "0");

/**
 * Timestamps in and around the everyday spelling: every field a little beyond its range
 * (month 13, day 32, February 29 and 30, hour 24, second 60, offset hour 24), fractions of 1
 * to 10 digits, both separators and both cases of Z, offsets with and without a colon, and
 * years from 0000 to 9999 (the two-digit years Date.UTC would misread among them).
 */
const textArb = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1990, max: 2210 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 28, max: 31 })),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constant(59), fc.constant(60)),
    fraction: fc.option(fc.stringMatching(/^\d{1,10}$/)),
    separator: fc.constantFrom("T", "t", " "),
    zone: fc.oneof(
      fc.constantFrom("Z", "z", "+00:00", "-00:00", "+0530", "-08", "+23:59", "+24:00"),
      fc
        .record({
          sign: fc.constantFrom("+", "-"),
          hours: fc.integer({ min: 0, max: 24 }),
          minutes: fc.integer({ min: 0, max: 60 }),
        })
        .map(({ sign, hours, minutes }) => `${sign}${two(hours)}:${two(minutes)}`),
    ),
  })
  .map(
    (t) =>
      `${String(t.year).padStart(4, "0")}-${two(t.month)}-${two(t.day)}${t.separator}` +
      `${two(t.hour)}:${two(t.minute)}:${two(t.second)}` +
      `${t.fraction === null ? "" : `.${t.fraction}`}${t.zone}`,
  );

describe("epochMillisOfRfc3339", () => {
  it("answers Temporal's epoch milliseconds, or leaves the text to Temporal", () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const fast = epochMillisOfRfc3339(text);
        if (fast !== undefined) expect(fast).toBe(temporal(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ["2026-01-20T12:00:00Z", "2026-01-20T12:00:00Z"],
    ["2026-01-20t12:00:00.999999999z", "2026-01-20T12:00:00.999Z"],
    ["2024-02-29 23:59:59.5+01:00", "2024-02-29T22:59:59.500Z"],
    ["1969-12-31T23:59:59.9995Z", "1969-12-31T23:59:59.999Z"],
    ["2000-01-01T00:00:00+23:59", "1999-12-31T00:01:00Z"],
  ])("reads %s as %s", (text, utc) => {
    expect(epochMillisOfRfc3339(text)).toBe(Date.parse(utc));
  });

  it.each([
    "2026-02-29T00:00:00Z",
    "2026-04-31T00:00:00Z",
    "2026-01-01T24:00:00Z",
    "2026-06-30T23:59:60Z",
    "0099-01-01T00:00:00Z",
    "2026-01-01T00:00:00-00:00",
    "2026-01-01T00:00:00+0100",
    "2026-01-01T00:00:00",
    "2026-01-01T00:00Z",
  ])("leaves %s to Temporal", (text) => {
    expect(epochMillisOfRfc3339(text)).toBeUndefined();
  });
});

describe("parseTimestamp and the date-time format, through either reading", () => {
  it("agree with Temporal on every text", () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const expected = temporal(text);
        const inRange =
          expected !== "refused" &&
          expected >= Date.parse("2000-01-01T00:00:00Z") &&
          expected < Date.parse("2200-01-01T00:00:00Z");
        expect(timestampTextInRange(text)).toBe(inRange);
        if (inRange) {
          expect(parseTimestampMillis(text, "at")).toBe(expected);
          expect(parseTimestamp(text, "at").epochMilliseconds).toBe(expected);
        } else {
          expectInvalid(
            () => parseTimestampMillis(text, "at"),
            expected === "refused" ? "invalid_timestamp" : "date_out_of_range",
          );
        }
      }),
      { numRuns: 5_000 },
    );
  });
});
