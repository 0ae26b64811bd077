import { describe, expect, it } from "vitest";
import { monthlyRecurring } from "./mrr.js";

describe("monthlyRecurring", () => {
  it("keeps monthly fees as they are", () => {
    expect(monthlyRecurring("EUR", [{ unit: "month", count: 1, amount: "29.90" }])).toBe(2990n);
  });

  it("spreads a yearly fee over twelve months and a quarterly one over three", () => {
    // 120.00 a year = 10.00; 30.00 a quarter = 10.00
    expect(
      monthlyRecurring("EUR", [
        { unit: "year", count: 1, amount: "120.00" },
        { unit: "month", count: 3, amount: "30.00" },
      ]),
    ).toBe(2000n);
  });

  it("rounds once, after summing exactly", () => {
    // 10.00 a year three times: 3 × 0.8333… = 2.50 exactly, where rounding each would give 2.49
    expect(monthlyRecurring("EUR", [{ unit: "year", count: 1, amount: "30.00" }])).toBe(250n);
    expect(
      monthlyRecurring("EUR", [
        { unit: "year", count: 1, amount: "10.00" },
        { unit: "year", count: 1, amount: "10.00" },
        { unit: "year", count: 1, amount: "10.00" },
      ]),
    ).toBe(250n);
  });

  it("brings days and weeks to a month of 365/12 days", () => {
    // 1.00 a day × 365/12 = 30.416… → 30.42; 7.00 a week is the same
    expect(monthlyRecurring("EUR", [{ unit: "day", count: 1, amount: "1.00" }])).toBe(3042n);
    expect(monthlyRecurring("EUR", [{ unit: "week", count: 1, amount: "7.00" }])).toBe(3042n);
  });

  it("uses the currency's minor unit", () => {
    expect(monthlyRecurring("JPY", [{ unit: "year", count: 1, amount: "1000" }])).toBe(83n);
  });

  it("is zero without contracts", () => {
    expect(monthlyRecurring("EUR", [])).toBe(0n);
  });
});
