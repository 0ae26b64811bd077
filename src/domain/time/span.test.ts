import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { date, dateArb, expectInvalid } from "./arbitraries.testing.js";
import { dateSpan, daysBetween, epochDay, maxDate, minDate, spanContains } from "./span.js";

describe("DateSpan", () => {
  it("is half-open: contains its start, not its end", () => {
    const s = dateSpan(date("2024-02-01"), date("2024-03-01"));
    expect(spanContains(s, date("2024-02-01"))).toBe(true);
    expect(spanContains(s, date("2024-02-29"))).toBe(true);
    expect(spanContains(s, date("2024-03-01"))).toBe(false);
    expect(spanContains(s, date("2024-01-31"))).toBe(false);
    expect(spanContains(dateSpan(date("2024-02-01"), date("2024-02-01")), date("2024-02-01"))).toBe(
      false,
    );
  });

  it("rejects spans that end before they start", () => {
    expectInvalid(() => dateSpan(date("2024-03-01"), date("2024-02-01")), "invalid_span");
  });

  it("min and max", () => {
    expect(minDate(date("2024-03-01"), date("2024-02-01")).toString()).toBe("2024-02-01");
    expect(maxDate(date("2024-03-01"), date("2024-02-01")).toString()).toBe("2024-03-01");
  });
});

describe("epochDay and daysBetween", () => {
  it("count days as Temporal's until does, leap days, centuries and years before 1 included", () => {
    expect(epochDay(date("1970-01-01"))).toBe(0);
    expect(epochDay(date("1969-12-31"))).toBe(-1);
    expect(daysBetween(date("2024-02-28"), date("2024-03-01"))).toBe(2);
    expect(daysBetween(date("2100-02-28"), date("2100-03-01"))).toBe(1);
    expect(daysBetween(date("2000-02-28"), date("2000-03-01"))).toBe(2);
    const wide = fc.oneof(dateArb(), dateArb(-9999, 9999), dateArb(-271000, 275000));
    fc.assert(
      fc.property(wide, wide, (a, b) => {
        expect(daysBetween(a, b)).toBe(a.until(b).days);
        expect(epochDay(a)).toBe(Temporal.PlainDate.from("1970-01-01").until(a).days);
      }),
      { numRuns: 20_000 },
    );
  });
});
