import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dec, decimalArb, errorOf, priceArb, quantityArb } from "./arbitraries.testing.js";
import { ratePackage, validatePackage } from "./package.js";

const pkg = (packagePrice: string, packageSize: string) =>
  ({ model: "package", packagePrice, packageSize }) as const;

// 10.00 per started package of 100 units.
const hundreds = pkg("10.00", "100");

describe("package", () => {
  it.each([
    // quantity, packages, total — derived by hand
    ["1", "1", "10"],
    ["0.001", "1", "10"], // a started package is a whole package
    ["100", "1", "10"],
    ["100.0001", "2", "20"],
    ["101", "2", "20"],
    ["250", "3", "30"],
    ["1000", "10", "100"],
  ])("q = %s: %s packages, %s", (q, packages, total) => {
    expect(ratePackage(hundreds, q)).toEqual({
      total,
      parts: [{ quantity: packages, unitPrice: "10", total }],
    });
  });

  it("costs nothing for a zero quantity", () => {
    expect(ratePackage(hundreds, "0")).toEqual({ total: "0", parts: [] });
  });

  it("takes fractional package sizes", () => {
    // 1.25 / 0.5 = 2.5 → 3 packages of 0.5 units at 0.99
    expect(ratePackage(pkg("0.99", "0.5"), "1.25").total).toBe("2.97");
    expect(ratePackage(pkg("0.99", "0.5"), "1.5").total).toBe("2.97");
    expect(ratePackage(pkg("0.99", "0.5"), "1.5000001").total).toBe("3.96");
  });

  it.each([
    ["a zero package size", pkg("10", "0"), "unprocessable:package_size_required"],
    ["a zero package size written 0.00", pkg("10", "0.00"), "unprocessable:package_size_required"],
    ["a negative package size", pkg("10", "-5"), "unprocessable:package_size_required"],
    [
      "a missing package size",
      { model: "package", packagePrice: "10" } as unknown as ReturnType<typeof pkg>,
      "unprocessable:package_size_required",
    ],
    ["a malformed package size", pkg("10", "ten"), "invalid:invalid_decimal"],
    ["a negative package price", pkg("-10", "5"), "invalid:negative_price"],
  ])("refuses %s", (_, model, error) => {
    expect(errorOf(() => validatePackage(model))).toBe(error);
    expect(errorOf(() => ratePackage(model, "1"))).toBe(error);
  });

  it("refuses a negative quantity", () => {
    expect(errorOf(() => ratePackage(hundreds, "-1"))).toBe("invalid:negative_quantity");
  });

  it("is a whole number of package prices: the fewest packages that hold the quantity", () => {
    fc.assert(
      fc.property(
        priceArb,
        decimalArb(4).filter((s) => !dec(s).isZero()),
        quantityArb,
        (price, size, q) => {
          const r = ratePackage(pkg(price, size), q);
          const packages = dec(q).div(size).ceil();
          expect(r.total).toBe(packages.times(price).toFixed());
          if (!dec(price).isZero()) expect(dec(r.total).div(price).isInteger()).toBe(true);
          if (dec(q).isZero()) {
            expect(r.parts).toEqual([]);
            return;
          }
          const k = dec(r.parts[0]!.quantity);
          expect(k.isInteger()).toBe(true);
          expect(k.times(size).gte(q)).toBe(true);
          expect(k.minus(1).times(size).lt(q)).toBe(true);
        },
      ),
    );
  });
});
