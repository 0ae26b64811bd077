import { describe, expect, it } from "vitest";
import { date, expectInvalid } from "./arbitraries.testing.js";
import { dateSpan, maxDate, minDate, spanContains } from "./span.js";

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
