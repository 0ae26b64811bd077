import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec, errorOf, quantityArb } from "./arbitraries.testing.js";
import { billableQuantity } from "./quota.js";

describe("billableQuantity — free quota", () => {
  it.each([
    ["150", "100", "50"],
    ["100", "100", "0"],
    ["80", "100", "0"], // never below zero
    ["100.75", "0.25", "100.5"],
    ["0", "100", "0"],
    ["12.50", null, "12.5"], // no quota: the quantity itself
    ["12", "0", "12"],
  ])("%s with %s free → %s", (quantity, quota, billable) => {
    expect(billableQuantity(quantity, quota)).toBe(billable);
  });

  it("refuses negative quantities and quotas", () => {
    expect(errorOf(() => billableQuantity("-1", null))).toBe("invalid:negative_quantity");
    expect(errorOf(() => billableQuantity("1", "-1"))).toBe("invalid:negative_quantity");
    expect(errorOf(() => billableQuantity("1", "x"))).toBe("invalid:invalid_decimal");
  });

  it("is max(0, quantity − quota), exactly", () => {
    fc.assert(
      fc.property(quantityArb, quantityArb, (q, quota) => {
        expect(billableQuantity(q, quota)).toBe(dec(q).minus(quota).clampedTo(0, dec(q)).toFixed());
      }),
    );
  });
});
