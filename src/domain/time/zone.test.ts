import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { date, dateArb, expectInvalid } from "./arbitraries.testing.js";
import { assertTimeZone, instantSpan, localDate, startOfLocalDay } from "./zone.js";

const instant = (s: string) => Temporal.Instant.from(s);
const hours = (a: Temporal.Instant, b: Temporal.Instant) => a.until(b).total("hours");
const dayLength = (d: string, tz: string) =>
  hours(startOfLocalDay(date(d), tz), startOfLocalDay(date(d).add({ days: 1 }), tz));

/** DST in both hemispheres, a 30-minute DST shift, midnight transitions, a skipped day. */
const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Australia/Lord_Howe",
  "Pacific/Apia",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "America/Santiago",
  "America/Sao_Paulo",
  "Asia/Kolkata",
];

describe("assertTimeZone", () => {
  it("accepts IANA names and returns their canonical spelling", () => {
    expect(assertTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(assertTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(assertTimeZone("UTC")).toBe("UTC");
  });

  it.each(["Mars/Olympus_Mons", "", "+01:00", "-05:00", "2024-01-01T00:00[Europe/Berlin]"])(
    "rejects %j",
    (tz) => {
      expectInvalid(() => assertTimeZone(tz), "invalid_time_zone");
      expectInvalid(() => localDate(instant("2024-01-01T00:00Z"), tz), "invalid_time_zone");
    },
  );
});

describe("localDate", () => {
  it("is the wall-clock date in the zone", () => {
    const newYear = instant("2024-12-31T23:30:00Z");
    expect(localDate(newYear, "UTC").toString()).toBe("2024-12-31");
    expect(localDate(newYear, "Europe/Berlin").toString()).toBe("2025-01-01");
    expect(localDate(newYear, "America/New_York").toString()).toBe("2024-12-31");
  });

  it("differs by two days across the date line", () => {
    // 00:30 on Jun 2 in Kiritimati (UTC+14) is 23:30 on May 31 in Pago Pago (UTC−11).
    const i = instant("2024-06-01T10:30:00Z");
    expect(localDate(i, "Pacific/Kiritimati").toString()).toBe("2024-06-02");
    expect(localDate(i, "Pacific/Pago_Pago").toString()).toBe("2024-05-31");
  });
});

describe("startOfLocalDay", () => {
  it("is local midnight, and DST days are 23 or 25 hours long", () => {
    expect(startOfLocalDay(date("2024-03-31"), "Europe/Berlin").toString()).toBe(
      "2024-03-30T23:00:00Z",
    );
    expect(dayLength("2024-03-31", "Europe/Berlin")).toBe(23);
    expect(dayLength("2024-10-27", "Europe/Berlin")).toBe(25);
    expect(dayLength("2024-03-10", "America/New_York")).toBe(23);
    expect(dayLength("2024-11-03", "America/New_York")).toBe(25);
    // Lord Howe shifts by 30 minutes.
    expect(dayLength("2024-10-06", "Australia/Lord_Howe")).toBe(23.5);
    expect(dayLength("2024-04-07", "Australia/Lord_Howe")).toBe(24.5);
  });

  it("starts at the first existing instant when DST skips midnight", () => {
    // Santiago jumps from 00:00 to 01:00 (UTC−4 → UTC−3).
    expect(startOfLocalDay(date("2022-09-11"), "America/Santiago").toString()).toBe(
      "2022-09-11T04:00:00Z",
    );
    expect(
      startOfLocalDay(date("2022-09-11"), "America/Santiago").toZonedDateTimeISO("America/Santiago")
        .hour,
    ).toBe(1);
    expect(startOfLocalDay(date("2018-11-04"), "America/Sao_Paulo").toString()).toBe(
      "2018-11-04T03:00:00Z",
    );
  });

  it("gives a day Samoa skipped (2011-12-30) an empty span", () => {
    const tz = "Pacific/Apia";
    expect(startOfLocalDay(date("2011-12-29"), tz).toString()).toBe("2011-12-29T10:00:00Z");
    expect(startOfLocalDay(date("2011-12-30"), tz).toString()).toBe("2011-12-30T10:00:00Z");
    expect(startOfLocalDay(date("2011-12-31"), tz).toString()).toBe("2011-12-30T10:00:00Z");
    expect(dayLength("2011-12-29", tz)).toBe(24);
    expect(dayLength("2011-12-30", tz)).toBe(0);
    expect(localDate(instant("2011-12-30T09:59:59Z"), tz).toString()).toBe("2011-12-29");
    expect(localDate(instant("2011-12-30T10:00:00Z"), tz).toString()).toBe("2011-12-31");
  });

  it("instantSpan covers the local days of a span", () => {
    const s = instantSpan({ start: date("2024-03-01"), end: date("2024-04-01") }, "Europe/Berlin");
    expect(s.start.toString()).toBe("2024-02-29T23:00:00Z");
    expect(s.end.toString()).toBe("2024-03-31T22:00:00Z");
    expect(hours(s.start, s.end)).toBe(31 * 24 - 1);
  });
});

describe("properties", () => {
  const zoneArb = fc.constantFrom(...ZONES);
  const instantArb = fc
    .bigInt({ min: 0n, max: 4_102_444_800n }) // 1970 … 2100, in seconds
    .map((s) => Temporal.Instant.fromEpochMilliseconds(Number(s) * 1000));

  it("an instant lies in the local day localDate names", () => {
    fc.assert(
      fc.property(instantArb, zoneArb, (i, tz) => {
        const d = localDate(i, tz);
        expect(Temporal.Instant.compare(startOfLocalDay(d, tz), i)).toBeLessThanOrEqual(0);
        expect(Temporal.Instant.compare(i, startOfLocalDay(d.add({ days: 1 }), tz))).toBeLessThan(
          0,
        );
      }),
      { numRuns: 500 },
    );
  });

  it("localDate(startOfLocalDay(d)) is d, for every day the zone did not skip", () => {
    fc.assert(
      fc.property(dateArb(1970, 2100), zoneArb, (d, tz) => {
        const start = startOfLocalDay(d, tz);
        const next = startOfLocalDay(d.add({ days: 1 }), tz);
        const skipped = start.equals(next);
        expect(localDate(start, tz).equals(d)).toBe(!skipped);
        expect(Temporal.Instant.compare(start, next)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips through the DST changes and the Samoa skip", () => {
    // Every day in the transition months, not just random ones.
    const cases: [string, string, number][] = [
      ["Europe/Berlin", "2024-03-20", 20],
      ["Europe/Berlin", "2024-10-20", 20],
      ["America/New_York", "2024-03-01", 20],
      ["America/New_York", "2024-10-25", 20],
      ["Australia/Lord_Howe", "2024-04-01", 10],
      ["Australia/Lord_Howe", "2024-10-01", 10],
      ["America/Santiago", "2022-09-05", 10],
      ["Pacific/Apia", "2011-12-25", 10],
    ];
    for (const [tz, from, n] of cases) {
      for (let k = 0; k < n; k++) {
        const d = date(from).add({ days: k });
        const start = startOfLocalDay(d, tz);
        const skipped = tz === "Pacific/Apia" && d.toString() === "2011-12-30";
        expect(localDate(start, tz).toString()).toBe(skipped ? "2011-12-31" : d.toString());
        // The last instant before the next day is still on d.
        const last = startOfLocalDay(d.add({ days: 1 }), tz).subtract({ nanoseconds: 1 });
        if (!skipped) expect(localDate(last, tz).toString()).toBe(d.toString());
      }
    }
  });
});
