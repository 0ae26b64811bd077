import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { advancedDue, advanceGrants, chargedThrough, nextScheduledDay } from "./advance.js";
import type { Grid } from "./grid.js";

const d = (s: string) => Temporal.PlainDate.from(s);
const at = (s: string) => Temporal.Instant.from(`${s}T00:00:00Z`);
// monthly billing periods from March 1 (anniversary)
const grid: Grid = {
  anchor: d("2025-03-01"),
  period: { unit: "month", count: 1 },
  alignment: "anniversary",
};
const gridAt = () => grid;

describe("advance grants", () => {
  it("a charge counts from its day on; fee periods before its end fall due on that day", () => {
    const advance = {
      charges: [{ on: at("2025-03-10"), through: at("2025-06-01") }],
      schedule: null,
    };
    expect(advanceGrants(advance, "UTC", gridAt, d("2025-03-09"))).toEqual([]);
    const grants = advanceGrants(advance, "UTC", gridAt, d("2025-03-10"));
    expect(chargedThrough(grants)?.toString()).toBe("2025-06-01");
    // May's fee (normally due May 1) is due March 10; June's stays due June 1
    expect(advancedDue(grants, d("2025-05-01"), d("2025-05-01")).toString()).toBe("2025-03-10");
    expect(advancedDue(grants, d("2025-06-01"), d("2025-06-01")).toString()).toBe("2025-06-01");
    // an earlier due date stays
    expect(advancedDue(grants, d("2025-03-01"), d("2025-03-01")).toString()).toBe("2025-03-01");
  });

  it("fixed intervals invoice blocks of terms at their start, as often as asked", () => {
    const advance = {
      charges: [],
      schedule: {
        type: "fixed_intervals" as const,
        terms: 2,
        from: at("2025-04-01"),
        occurrences: 2,
      },
    };
    const grants = advanceGrants(advance, "UTC", gridAt, d("2025-12-31"));
    expect(grants.map((g) => [g.on.toString(), g.through.toString()])).toEqual([
      ["2025-04-01", "2025-06-01"],
      ["2025-06-01", "2025-08-01"],
    ]);
    expect(nextScheduledDay(advance, "UTC", gridAt, d("2025-04-01"))?.toString()).toBe(
      "2025-06-01",
    );
    expect(nextScheduledDay(advance, "UTC", gridAt, d("2025-06-01"))).toBeNull();
  });

  it("a specific date invoices the periods after the one holding it", () => {
    const advance = {
      charges: [],
      schedule: { type: "specific_dates" as const, dates: [{ on: at("2025-04-15"), terms: 2 }] },
    };
    const [grant] = advanceGrants(advance, "UTC", gridAt, d("2025-04-15"));
    // April 1 – May 1 holds April 15: May and June, through July 1
    expect([grant?.on.toString(), grant?.through.toString()]).toEqual(["2025-04-15", "2025-07-01"]);
    expect(nextScheduledDay(advance, "UTC", gridAt, d("2025-04-01"))?.toString()).toBe(
      "2025-04-15",
    );
  });
});
