import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  customRangeProblem,
  growthPercent,
  measuredAt,
  type PeriodKind,
  ratePercent,
  resolvePeriods,
} from "./periods.js";

const d = (s: string) => Temporal.PlainDate.from(s);
/** [current start, current end), [previous start, previous end) as strings. */
const ranges = (kind: PeriodKind, today: string, custom?: { from: string; to: string }) => {
  const p = resolvePeriods(kind, d(today), custom && { from: d(custom.from), to: d(custom.to) });
  return [`${p.current.start}..${p.current.end}`, `${p.previous.start}..${p.previous.end}`];
};

describe("resolvePeriods", () => {
  it("takes the last 30 days with today, and the 30 days before", () => {
    expect(ranges("last_30_days", "2026-03-15")).toEqual([
      "2026-02-14..2026-03-16",
      "2026-01-15..2026-02-14",
    ]);
  });

  it("compares this month so far with the same days of the month before", () => {
    expect(ranges("this_month", "2026-03-15")).toEqual([
      "2026-03-01..2026-03-16",
      "2026-02-01..2026-02-16",
    ]);
    // 30 and 31 March: February has no such days, so the whole of February
    expect(ranges("this_month", "2026-03-31")).toEqual([
      "2026-03-01..2026-04-01",
      "2026-02-01..2026-03-01",
    ]);
    expect(ranges("this_month", "2026-03-30")[1]).toBe("2026-02-01..2026-03-01");
    // across a year's start
    expect(ranges("this_month", "2026-01-01")).toEqual([
      "2026-01-01..2026-01-02",
      "2025-12-01..2025-12-02",
    ]);
  });

  it("takes whole months, quarters and years for the last ones", () => {
    expect(ranges("last_month", "2026-03-15")).toEqual([
      "2026-02-01..2026-03-01",
      "2026-01-01..2026-02-01",
    ]);
    expect(ranges("last_month", "2026-01-10")).toEqual([
      "2025-12-01..2026-01-01",
      "2025-11-01..2025-12-01",
    ]);
    expect(ranges("last_quarter", "2026-05-20")).toEqual([
      "2026-01-01..2026-04-01",
      "2025-10-01..2026-01-01",
    ]);
    expect(ranges("last_year", "2026-05-20")).toEqual([
      "2025-01-01..2026-01-01",
      "2024-01-01..2025-01-01",
    ]);
  });

  it("compares this quarter and this year so far with the same days a unit earlier", () => {
    expect(ranges("this_quarter", "2026-05-20")).toEqual([
      "2026-04-01..2026-05-21",
      "2026-01-01..2026-02-21",
    ]);
    // 31 May less three months: 28 February (cut at that month's end)
    expect(ranges("this_quarter", "2026-05-31")[1]).toBe("2026-01-01..2026-03-01");
    expect(ranges("this_year", "2026-05-20")).toEqual([
      "2026-01-01..2026-05-21",
      "2025-01-01..2025-05-21",
    ]);
    // a leap day compares with 28 February
    expect(ranges("this_year", "2028-02-29")[1]).toBe("2027-01-01..2027-03-01");
  });

  it("takes a custom range with both ends, and as many days before it", () => {
    expect(ranges("custom", "2026-05-20", { from: "2026-03-01", to: "2026-03-10" })).toEqual([
      "2026-03-01..2026-03-11",
      "2026-02-19..2026-03-01",
    ]);
    expect(ranges("custom", "2026-05-20", { from: "2026-03-01", to: "2026-03-01" })).toEqual([
      "2026-03-01..2026-03-02",
      "2026-02-28..2026-03-01",
    ]);
  });

  it("refuses a custom range backwards, longer than five years, or missing", () => {
    expect(customRangeProblem(d("2026-03-02"), d("2026-03-01"))).toBe(
      "the period's start is after its end",
    );
    // 2020 to 2024: 1827 days with two leap days
    expect(customRangeProblem(d("2020-01-01"), d("2024-12-31"))).toBeNull();
    expect(customRangeProblem(d("2020-01-01"), d("2025-01-01"))).toBe(
      "a period spans at most five years",
    );
    expect(() => resolvePeriods("custom", d("2026-01-01"))).toThrow("needs from and to");
  });
});

describe("measuredAt", () => {
  const now = Temporal.Instant.from("2026-03-15T10:00:00Z");
  it("measures an ended range at its last microsecond", () => {
    const at = measuredAt({ start: d("2026-02-01"), end: d("2026-03-01") }, now);
    expect(at.toString()).toBe("2026-02-28T23:59:59.999999Z");
  });
  it("measures a running or future range now", () => {
    expect(measuredAt({ start: d("2026-03-01"), end: d("2026-03-16") }, now)).toEqual(now);
    expect(measuredAt({ start: d("2026-04-01"), end: d("2026-05-01") }, now)).toEqual(now);
  });
});

describe("rates", () => {
  it("gives a share in percent with two decimals, half away from zero", () => {
    expect(ratePercent(1, 3)).toBe("33.33");
    expect(ratePercent(2, 3)).toBe("66.67");
    expect(ratePercent(1, 8)).toBe("12.50");
    expect(ratePercent(0, 5)).toBe("0.00");
    expect(ratePercent(1, 0)).toBeNull();
  });
  it("gives growth against a base, negative for a fall, none without a base", () => {
    expect(growthPercent(4000n, 3000n)).toBe("-25.00");
    expect(growthPercent(3000n, 4000n)).toBe("33.33");
    expect(growthPercent(1n, 2n)).toBe("100.00");
    // 1/6 = 16.666…% rounds up; −1/6 rounds away from zero too
    expect(growthPercent(600n, 700n)).toBe("16.67");
    expect(growthPercent(600n, 500n)).toBe("-16.67");
    expect(growthPercent(0n, 500n)).toBeNull();
  });
});
