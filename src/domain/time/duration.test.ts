import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { date, dateArb, expectInvalid, periodArb, trickyDateArb } from "./arbitraries.testing.js";
import { addPeriods, type Period, period, periodDuration, subtractPeriod } from "./duration.js";

const month: Period = { unit: "month", count: 1 };
const year: Period = { unit: "year", count: 1 };

describe("period", () => {
  it("accepts positive integer counts of the four units", () => {
    expect(period("week", 2)).toEqual({ unit: "week", count: 2 });
    expect(periodDuration(period("month", 3), 2).toString()).toBe("P6M");
    expect(periodDuration(period("week", 1), -2).toString()).toBe("-P2W");
  });

  it.each([
    ["month", 0],
    ["month", -1],
    ["month", 1.5],
    ["month", Number.NaN],
    ["day", Number.POSITIVE_INFINITY],
    ["hour", 1],
  ])("rejects %s × %s", (unit, count) => {
    expectInvalid(() => period(unit as Period["unit"], count), "invalid_period");
    expectInvalid(
      () => addPeriods(date("2024-01-01"), { unit, count } as Period, 1),
      "invalid_period",
    );
  });
});

describe("addPeriods", () => {
  it("clamps month ends without drifting (Jan 31 through 2024 and 2025)", () => {
    const leap = date("2024-01-31");
    expect([0, 1, 2, 3, 4, 12, 13].map((n) => addPeriods(leap, month, n).toString())).toEqual([
      "2024-01-31",
      "2024-02-29",
      "2024-03-31",
      "2024-04-30",
      "2024-05-31",
      "2025-01-31",
      "2025-02-28",
    ]);
    const common = date("2025-01-31");
    expect([1, 2, 3].map((n) => addPeriods(common, month, n).toString())).toEqual([
      "2025-02-28",
      "2025-03-31",
      "2025-04-30",
    ]);
  });

  it("handles leap days for months and years", () => {
    const leapDay = date("2024-02-29");
    expect(addPeriods(leapDay, month, 13).toString()).toBe("2025-03-29");
    expect(addPeriods(leapDay, month, 12).toString()).toBe("2025-02-28");
    expect(addPeriods(leapDay, year, 1).toString()).toBe("2025-02-28");
    expect(addPeriods(leapDay, year, 4).toString()).toBe("2028-02-29");
    expect(addPeriods(leapDay, { unit: "year", count: 4 }, 19).toString()).toBe("2100-02-28");
  });

  it("adds days and weeks exactly", () => {
    expect(addPeriods(date("2024-02-27"), { unit: "day", count: 3 }, 1).toString()).toBe(
      "2024-03-01",
    );
    expect(addPeriods(date("2024-12-30"), { unit: "week", count: 2 }, 1).toString()).toBe(
      "2025-01-13",
    );
  });

  it("rejects non-integer multiples and dates out of range", () => {
    expectInvalid(() => addPeriods(date("2024-01-01"), month, 0.5), "invalid_period_multiple");
    expectInvalid(() => addPeriods(date("2024-01-01"), year, 300_000), "date_out_of_range");
    expectInvalid(
      () => addPeriods(date("2024-01-01"), { unit: "day", count: 2 ** 52 }, 4),
      "date_out_of_range",
    );
  });

  it("validates every call, even one whose result is remembered from an equal valid call", () => {
    // 1 × 1 month is remembered; 0.5 × 2 months and 1 × 0 months name the same span
    expect(addPeriods(date("2024-01-31"), month, 1).toString()).toBe("2024-02-29");
    expectInvalid(
      () => addPeriods(date("2024-01-31"), { unit: "month", count: 2 }, 0.5),
      "invalid_period_multiple",
    );
    expectInvalid(
      () => addPeriods(date("2024-01-31"), { unit: "month", count: 0 }, 1),
      "invalid_period",
    );
  });

  it("is computed from the anchor: n periods of c equal one period of n×c", () => {
    fc.assert(
      fc.property(trickyDateArb(), periodArb(), fc.integer({ min: 0, max: 300 }), (a, p, n) => {
        if (n > 0) {
          const once = addPeriods(a, { unit: p.unit, count: p.count * n }, 1);
          expect(addPeriods(a, p, n).equals(once)).toBe(true);
        }
        expect(addPeriods(a, p, n).equals(addPeriods(a, { ...p, count: 1 }, p.count * n))).toBe(
          true,
        );
      }),
    );
  });

  it("lands on the anchor's day, clamped to the month's length", () => {
    fc.assert(
      fc.property(
        trickyDateArb(),
        periodArb(["month", "year"]),
        fc.integer({ min: -300, max: 300 }),
        (a, p, n) => {
          const d = addPeriods(a, p, n);
          expect(d.day).toBe(Math.min(a.day, d.daysInMonth));
          const months = p.count * n * (p.unit === "year" ? 12 : 1);
          expect(d.year * 12 + d.month).toBe(a.year * 12 + a.month + months);
        },
      ),
    );
  });

  it("is strictly increasing in n", () => {
    fc.assert(
      fc.property(trickyDateArb(), periodArb(), fc.integer({ min: -200, max: 200 }), (a, p, n) => {
        expect(addPeriods(a, p, n).until(addPeriods(a, p, n + 1)).days).toBeGreaterThan(0);
      }),
    );
  });
});

describe("subtractPeriod", () => {
  it("clamps like addPeriods and is not an inverse at month ends", () => {
    expect(subtractPeriod(date("2024-03-31"), month).toString()).toBe("2024-02-29");
    expect(subtractPeriod(date("2025-03-31"), month).toString()).toBe("2025-02-28");
    expect(subtractPeriod(date("2025-02-28"), year).toString()).toBe("2024-02-28");
    expect(subtractPeriod(date("2024-05-31"), month, 3).toString()).toBe("2024-02-29");
    expect(addPeriods(subtractPeriod(date("2024-03-31"), month), month, 1).toString()).toBe(
      "2024-03-29",
    );
  });

  it("is the exact inverse for days and weeks", () => {
    fc.assert(
      fc.property(dateArb(), periodArb(["day", "week"]), fc.nat(50), (d, p, n) => {
        expect(subtractPeriod(addPeriods(d, p, n), p, n).equals(d)).toBe(true);
      }),
    );
  });

  it("never lands after the date it would map back to", () => {
    fc.assert(
      fc.property(trickyDateArb(), periodArb(), (d, p) => {
        const back = subtractPeriod(d, p);
        expect(addPeriods(back, p, 1).until(d).days).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
