import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cycleArb, date, dateArb, expectInvalid, trickyDateArb } from "./arbitraries.testing.js";
import {
  type BillingCycle,
  type BillingPeriod,
  isCalendarBoundary,
  nextPeriodStart,
  periodAt,
  periodContaining,
  periodsOverlapping,
} from "./billing-period.js";
import { addPeriods, type Period } from "./duration.js";
import { spanContains } from "./span.js";

const show = (p: BillingPeriod) => `${p.start}..${p.end}${p.stub ? " stub" : ""}`;
const first = (cycle: BillingCycle, n: number) =>
  Array.from({ length: n }, (_, k) => show(periodAt(cycle, k)));

const monthly: Period = { unit: "month", count: 1 };
const cycle = (
  unit: Period["unit"],
  count: number,
  alignment: BillingCycle["alignment"],
  anchor: string,
): BillingCycle => ({ period: { unit, count }, alignment, anchor: date(anchor) });

describe("anniversary periods", () => {
  it("Jan 31 monthly through the leap year 2024", () => {
    expect(first(cycle("month", 1, "anniversary", "2024-01-31"), 5)).toEqual([
      "2024-01-31..2024-02-29",
      "2024-02-29..2024-03-31",
      "2024-03-31..2024-04-30",
      "2024-04-30..2024-05-31",
      "2024-05-31..2024-06-30",
    ]);
  });

  it("Jan 31 monthly through the common year 2025", () => {
    const c = cycle("month", 1, "anniversary", "2025-01-31");
    expect(first(c, 3)).toEqual([
      "2025-01-31..2025-02-28",
      "2025-02-28..2025-03-31",
      "2025-03-31..2025-04-30",
    ]);
    // Period 12 starts on the anchor's day again, 12 months later.
    expect(show(periodAt(c, 12))).toBe("2026-01-31..2026-02-28");
    expect(periodContaining(c, date("2025-02-28")).index).toBe(1);
    expect(periodContaining(c, date("2025-02-27")).index).toBe(0);
  });

  it("Feb 29 yearly: Feb 28 in common years, Feb 29 again in 2028", () => {
    const c = cycle("year", 1, "anniversary", "2024-02-29");
    expect(first(c, 5)).toEqual([
      "2024-02-29..2025-02-28",
      "2025-02-28..2026-02-28",
      "2026-02-28..2027-02-28",
      "2027-02-28..2028-02-29",
      "2028-02-29..2029-02-28",
    ]);
    expect(periodContaining(c, date("2028-02-28")).index).toBe(3);
    expect(periodContaining(c, date("2028-02-29")).index).toBe(4);
  });

  it("quarterly from Nov 30 and fortnightly from a Friday", () => {
    expect(first(cycle("month", 3, "anniversary", "2023-11-30"), 3)).toEqual([
      "2023-11-30..2024-02-29",
      "2024-02-29..2024-05-30",
      "2024-05-30..2024-08-30",
    ]);
    expect(first(cycle("week", 2, "anniversary", "2024-05-17"), 2)).toEqual([
      "2024-05-17..2024-05-31",
      "2024-05-31..2024-06-14",
    ]);
  });
});

describe("calendar periods", () => {
  it("weekly from a Wednesday: a stub to Monday, then ISO weeks", () => {
    const c = cycle("week", 1, "calendar", "2024-05-15");
    expect(first(c, 3)).toEqual([
      "2024-05-15..2024-05-20 stub",
      "2024-05-20..2024-05-27",
      "2024-05-27..2024-06-03",
    ]);
    expect(periodContaining(c, date("2024-05-19")).index).toBe(0);
    expect(periodContaining(c, date("2024-05-20")).index).toBe(1);
    expect(periodContaining(c, date("2024-05-26")).index).toBe(1);
  });

  it("monthly, quarterly and yearly boundaries", () => {
    expect(first(cycle("month", 1, "calendar", "2024-01-31"), 3)).toEqual([
      "2024-01-31..2024-02-01 stub",
      "2024-02-01..2024-03-01",
      "2024-03-01..2024-04-01",
    ]);
    expect(first(cycle("month", 3, "calendar", "2024-02-10"), 3)).toEqual([
      "2024-02-10..2024-04-01 stub",
      "2024-04-01..2024-07-01",
      "2024-07-01..2024-10-01",
    ]);
    expect(first(cycle("month", 6, "calendar", "2024-11-15"), 2)).toEqual([
      "2024-11-15..2025-01-01 stub",
      "2025-01-01..2025-07-01",
    ]);
    expect(first(cycle("year", 1, "calendar", "2024-02-29"), 2)).toEqual([
      "2024-02-29..2025-01-01 stub",
      "2025-01-01..2026-01-01",
    ]);
    expect(first(cycle("day", 1, "calendar", "2024-02-28"), 2)).toEqual([
      "2024-02-28..2024-02-29",
      "2024-02-29..2024-03-01",
    ]);
  });

  it("has no stub when the anchor is on a boundary", () => {
    expect(first(cycle("month", 1, "calendar", "2024-03-01"), 2)).toEqual([
      "2024-03-01..2024-04-01",
      "2024-04-01..2024-05-01",
    ]);
    expect(show(periodAt(cycle("week", 1, "calendar", "2024-05-13"), 0))).toBe(
      "2024-05-13..2024-05-20",
    );
  });

  it("uses an absolute grid for multi-unit counts", () => {
    expect(isCalendarBoundary({ unit: "month", count: 3 }, date("2024-10-01"))).toBe(true);
    expect(isCalendarBoundary({ unit: "month", count: 3 }, date("2024-11-01"))).toBe(false);
    expect(isCalendarBoundary({ unit: "year", count: 2 }, date("2024-01-01"))).toBe(true);
    expect(isCalendarBoundary({ unit: "year", count: 2 }, date("2025-01-01"))).toBe(false);
    expect(isCalendarBoundary({ unit: "week", count: 2 }, date("1969-12-29"))).toBe(true);
    expect(isCalendarBoundary({ unit: "week", count: 2 }, date("1970-01-05"))).toBe(false);
    expect(isCalendarBoundary({ unit: "day", count: 1 }, date("2024-05-15"))).toBe(true);
  });
});

describe("queries", () => {
  const c = cycle("month", 1, "anniversary", "2024-01-31");

  it("periodsOverlapping returns the periods touching [from, to)", () => {
    expect(periodsOverlapping(c, date("2024-03-01"), date("2024-05-01")).map(show)).toEqual([
      "2024-02-29..2024-03-31",
      "2024-03-31..2024-04-30",
      "2024-04-30..2024-05-31",
    ]);
    expect(periodsOverlapping(c, date("2023-01-01"), date("2024-03-01")).map(show)).toEqual([
      "2024-01-31..2024-02-29",
      "2024-02-29..2024-03-31",
    ]);
    expect(periodsOverlapping(c, date("2024-03-31"), date("2024-04-30")).map(show)).toEqual([
      "2024-03-31..2024-04-30",
    ]);
    expect(periodsOverlapping(c, date("2023-01-01"), date("2024-01-31"))).toEqual([]);
    expect(periodsOverlapping(c, date("2024-06-01"), date("2024-06-01"))).toEqual([]);
  });

  it("periodsOverlapping is bounded", () => {
    const daily = cycle("day", 1, "anniversary", "1900-01-01");
    expectInvalid(
      () => periodsOverlapping(daily, date("1900-01-01"), date("2200-01-01")),
      "too_many_periods",
    );
  });

  it("nextPeriodStart", () => {
    expect(nextPeriodStart(c, date("2024-02-15")).toString()).toBe("2024-02-29");
    expect(nextPeriodStart(c, date("2024-02-29")).toString()).toBe("2024-03-31");
    expect(nextPeriodStart(c, date("2023-12-25")).toString()).toBe("2024-01-31");
    const weekly = cycle("week", 1, "calendar", "2024-05-15");
    expect(nextPeriodStart(weekly, date("2024-05-15")).toString()).toBe("2024-05-20");
  });

  it("rejects dates before the anchor, bad indexes and bad cycles", () => {
    expectInvalid(() => periodContaining(c, date("2024-01-30")), "date_before_anchor");
    expectInvalid(() => periodAt(c, -1), "invalid_period_index");
    expectInvalid(() => periodAt(c, 1.5), "invalid_period_index");
    expectInvalid(
      () => periodAt({ ...c, alignment: "fortnightly" as "calendar" }, 0),
      "invalid_alignment",
    );
    expectInvalid(
      () => periodAt({ ...c, period: { unit: "month", count: 0 } }, 0),
      "invalid_period",
    );
    expectInvalid(() => periodAt(c, 4_000_000), "date_out_of_range");
  });
});

describe("properties", () => {
  const indexArb = fc.integer({ min: 0, max: 60 });

  it("periods tile time: no gap, no overlap, never empty", () => {
    fc.assert(
      fc.property(cycleArb(), indexArb, (c, k) => {
        const p = periodAt(c, k);
        const q = periodAt(c, k + 1);
        expect(p.index).toBe(k);
        expect(p.end.equals(q.start)).toBe(true);
        expect(p.start.until(p.end).days).toBeGreaterThan(0);
        if (k === 0) expect(p.start.equals(c.anchor)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("every date on or after the anchor falls in exactly one period", () => {
    fc.assert(
      fc.property(cycleArb(), fc.integer({ min: 0, max: 4000 }), (c, offset) => {
        const d = c.anchor.add({ days: offset });
        const p = periodContaining(c, d);
        expect(spanContains(p, d)).toBe(true);
        expect(periodAt(c, p.index)).toEqual(p);
        // Its neighbours (and so, by tiling, all other periods) exclude it.
        expect(spanContains(periodAt(c, p.index + 1), d)).toBe(false);
        if (p.index > 0) expect(spanContains(periodAt(c, p.index - 1), d)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("month anniversaries from day 29, 30 or 31 never drift", () => {
    const anchorArb = fc
      .record({
        year: fc.integer({ min: 1900, max: 2200 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 29, max: 31 }),
      })
      .filter(
        ({ year, month, day }) =>
          day <= date(`${year}-${String(month).padStart(2, "0")}-01`).daysInMonth,
      )
      .map((d) => date(`${d.year}-${String(d.month).padStart(2, "0")}-${d.day}`));
    fc.assert(
      fc.property(anchorArb, fc.integer({ min: 1, max: 12 }), fc.nat(400), (anchor, count, k) => {
        const c: BillingCycle = {
          period: { unit: "month", count },
          alignment: "anniversary",
          anchor,
        };
        const p = periodAt(c, k);
        expect(p.start.equals(addPeriods(anchor, c.period, k))).toBe(true);
        expect(p.start.day).toBe(Math.min(anchor.day, p.start.daysInMonth));
        expect(periodContaining(c, p.start).index).toBe(k);
        expect(periodContaining(c, p.end.subtract({ days: 1 })).index).toBe(k);
      }),
      { numRuns: 500 },
    );
  });

  it("calendar periods after the stub start and end on boundaries", () => {
    fc.assert(
      fc.property(cycleArb(), indexArb, (c0, k) => {
        const c: BillingCycle = { ...c0, alignment: "calendar" };
        const p = periodAt(c, k);
        expect(isCalendarBoundary(c.period, p.end)).toBe(true);
        if (k === 0) {
          expect(p.stub).toBe(!isCalendarBoundary(c.period, c.anchor));
        } else {
          expect(p.stub).toBe(false);
          expect(isCalendarBoundary(c.period, p.start)).toBe(true);
          // A full calendar period is exactly one period long.
          expect(addPeriods(p.start, c.period, 1).equals(p.end)).toBe(true);
        }
        const { unit, count } = c.period;
        if (k > 0 && unit === "week") expect(p.start.dayOfWeek).toBe(1);
        if (k > 0 && (unit === "month" || unit === "year")) expect(p.start.day).toBe(1);
        if (k > 0 && unit === "month" && 12 % count === 0) {
          expect((p.start.month - 1) % count).toBe(0);
        }
        if (k > 0 && unit === "year") expect(p.start.month).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it("periodsOverlapping is consecutive and covers the range", () => {
    fc.assert(
      fc.property(cycleArb(), fc.integer({ min: -100, max: 800 }), fc.nat(800), (c, a, len) => {
        const from = c.anchor.add({ days: a });
        const to = from.add({ days: len });
        const ps = periodsOverlapping(c, from, to);
        const effective = from.until(c.anchor).days > 0 ? c.anchor : from;
        if (len === 0 || to.until(c.anchor).days >= 0) {
          expect(ps).toEqual([]);
          return;
        }
        expect(spanContains(ps[0]!, effective)).toBe(true);
        expect(ps.at(-1)!.end.until(to).days).toBeLessThanOrEqual(0);
        expect(ps.at(-1)!.start.until(to).days).toBeGreaterThan(0);
        ps.slice(1).forEach((p, i) => {
          expect(p.index).toBe(ps[i]!.index + 1);
          expect(p.start.equals(ps[i]!.end)).toBe(true);
        });
      }),
    );
  });

  it("nextPeriodStart is the end of the period holding the date", () => {
    fc.assert(
      fc.property(cycleArb(), dateArb(1890, 2210), (c, d) => {
        const next = nextPeriodStart(c, d);
        expect(d.until(next).days).toBeGreaterThan(0);
        if (d.until(c.anchor).days > 0) expect(next.equals(c.anchor)).toBe(true);
        else expect(next.equals(periodContaining(c, d).end)).toBe(true);
      }),
    );
  });

  it("monthly anniversary and calendar cycles agree when anchored on the 1st", () => {
    fc.assert(
      fc.property(trickyDateArb(), fc.nat(100), (d, k) => {
        const anchor = d.with({ day: 1 });
        const a = periodAt({ period: monthly, alignment: "anniversary", anchor }, k);
        const cal = periodAt({ period: monthly, alignment: "calendar", anchor }, k);
        expect(show(a)).toBe(show(cal));
      }),
    );
  });
});
