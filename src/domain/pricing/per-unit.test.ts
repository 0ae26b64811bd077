import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec, errorOf, priceArb, quantityArb } from "./arbitraries.testing.js";
import { ratePerUnit, validatePerUnit } from "./per-unit.js";

const perUnit = (unitPrice: string) => ({ model: "per_unit", unitPrice }) as const;

describe("per_unit", () => {
  it.each([
    // price, quantity, total
    ["2.50", "12", "30"],
    ["19.99", "3", "59.97"],
    ["0.1", "3", "0.3"], // 0.30000000000000004 in floats
    ["0.0125", "7", "0.0875"], // never rounded: rounding is the money kernel's job
    ["0.00000001", "0.5", "0.000000005"],
    ["12", "1.5", "18"],
    ["0", "1000", "0"],
  ])("%s × %s = %s", (price, quantity, total) => {
    const r = ratePerUnit(perUnit(price), quantity);
    expect(r.total).toBe(total);
    expect(r.parts).toEqual([
      { quantity: dec(quantity).toFixed(), unitPrice: dec(price).toFixed(), total },
    ]);
  });

  it("has no parts for a zero quantity", () => {
    expect(ratePerUnit(perUnit("9.99"), "0")).toEqual({ total: "0", parts: [] });
    expect(ratePerUnit(perUnit("9.99"), "0.000")).toEqual({ total: "0", parts: [] });
  });

  it("refuses a negative quantity and a bad price", () => {
    expect(errorOf(() => ratePerUnit(perUnit("1"), "-1"))).toBe("invalid:negative_quantity");
    expect(errorOf(() => ratePerUnit(perUnit("1"), "1/2"))).toBe("invalid:invalid_decimal");
    expect(errorOf(() => ratePerUnit(perUnit("-1"), "1"))).toBe("invalid:negative_price");
    expect(errorOf(() => validatePerUnit(perUnit("-1")))).toBe("invalid:negative_price");
    expect(errorOf(() => validatePerUnit(perUnit("abc")))).toBe("invalid:invalid_decimal");
    expect(errorOf(() => validatePerUnit(perUnit("0")))).toBe("no error");
  });

  it("is exactly quantity × price", () => {
    fc.assert(
      fc.property(priceArb, quantityArb, (price, q) => {
        expect(ratePerUnit(perUnit(price), q).total).toBe(dec(price).times(q).toFixed());
      }),
    );
  });
});
