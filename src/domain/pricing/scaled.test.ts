import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exact } from "../money/decimal.js";
import { dec, decimalArb, errorOf } from "./arbitraries.testing.js";
import {
  ceilDiv,
  cmp,
  max,
  min,
  minus,
  plus,
  priceOf,
  quantityOf,
  times,
  toPlain,
  ZERO,
} from "./scaled.js";

const s = (text: string) => exact(text);
const signedArb = fc
  .tuple(fc.boolean(), decimalArb())
  .map(([negative, d]) => (negative && d !== "0" ? `-${d}` : d));

describe("exact decimal arithmetic for rating", () => {
  it.each([
    ["1.50", "1.5"],
    ["2.000", "2"],
    ["-0", "0"],
    ["-0.00", "0"],
    ["0.0001", "0.0001"],
    ["-12.340", "-12.34"],
    ["100", "100"],
    ["0", "0"],
  ])("toPlain(%j) = %j", (input, canonical) => {
    expect(toPlain(s(input))).toBe(canonical);
  });

  it("multiplies, adds and subtracts without rounding, past decimal.js's 50 digits", () => {
    const long = `0.${"3".repeat(40)}`;
    expect(toPlain(times(s(long), s(long)))).toBe(
      // 0.33…3 (40) squared = 0.11…1 (39) 0 88…8 (39) 9, all 80 digits kept
      `0.${"1".repeat(39)}0${"8".repeat(39)}9`,
    );
    expect(toPlain(plus(s("0.1"), s("0.2")))).toBe("0.3");
    expect(toPlain(minus(s("1"), s("0.001")))).toBe("0.999");
    expect(toPlain(minus(s("1.5"), s("2.25")))).toBe("-0.75");
  });

  it("compares across scales", () => {
    expect(cmp(s("1.50"), s("1.5"))).toBe(0);
    expect(cmp(s("1.49"), s("1.5"))).toBe(-1);
    expect(cmp(s("10"), s("9.999"))).toBe(1);
    expect(toPlain(min(s("2"), s("1.999")))).toBe("1.999");
    expect(toPlain(max(ZERO, s("-3")))).toBe("0");
  });

  it.each([
    ["0", "1", 0n],
    ["1", "100", 1n],
    ["100", "100", 1n],
    ["100.0001", "100", 2n],
    ["2.5", "0.5", 5n],
    ["2.51", "0.5", 6n],
    ["0.00000001", "1000", 1n],
  ])("ceilDiv(%s, %s) = %i", (a, b, expected) => {
    expect(ceilDiv(s(a), s(b))).toBe(expected);
  });

  it("agrees with decimal.js (exact at these sizes)", () => {
    fc.assert(
      fc.property(signedArb, signedArb, (a, b) => {
        expect(toPlain(times(s(a), s(b)))).toBe(dec(a).times(b).toFixed());
        expect(toPlain(plus(s(a), s(b)))).toBe(dec(a).plus(b).toFixed());
        expect(toPlain(minus(s(a), s(b)))).toBe(dec(a).minus(b).toFixed());
        expect(cmp(s(a), s(b))).toBe(dec(a).comparedTo(b));
      }),
    );
  });

  it("ceilDiv is the least whole number of packages that holds the quantity", () => {
    fc.assert(
      fc.property(decimalArb(), decimalArb(), (q, size) => {
        fc.pre(!dec(size).isZero());
        const k = ceilDiv(s(q), s(size));
        expect(dec(size).times(k.toString()).gte(q)).toBe(true);
        if (k > 0n)
          expect(
            dec(size)
              .times((k - 1n).toString())
              .lt(q),
          ).toBe(true);
      }),
    );
  });

  it("parses quantities and prices, refusing negatives", () => {
    expect(quantityOf("12.5")).toEqual({ units: 125n, scale: 1 });
    expect(errorOf(() => quantityOf("-0.1"))).toBe("invalid:negative_quantity");
    expect(errorOf(() => quantityOf("1e3"))).toBe("invalid:invalid_decimal");
    expect(priceOf("0", "price_per_unit")).toEqual({ units: 0n, scale: 0 });
    expect(errorOf(() => priceOf("-1", "price_per_unit"))).toBe("invalid:negative_price");
  });
});
