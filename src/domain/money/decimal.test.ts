import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAccrueError } from "../errors.js";
import { Dec, divRound, exact, parseDecimal } from "./decimal.js";

function invalidCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAccrueError(e) && e.kind === "invalid" ? e.code : `not an invalid error: ${e}`;
  }
  return undefined;
}

describe("parseDecimal", () => {
  it.each([
    ["0", "0"],
    ["-0", "0"],
    ["12", "12"],
    ["12.34", "12.34"],
    ["-0.5", "-0.5"],
    ["007.10", "7.1"],
    ["0.000000000000000000000000001", "0.000000000000000000000000001"],
    ["123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789"],
  ])("accepts %j", (input, value) => {
    expect(parseDecimal(input).toString()).toBe(value);
  });

  it.each([
    "",
    " 1",
    "1 ",
    "+1",
    "1e3",
    "1E3",
    ".5",
    "5.",
    "-",
    "--1",
    "1.2.3",
    "1,5",
    "1_000",
    "0x10",
    "NaN",
    "Infinity",
    "-Infinity",
    "١٢", // Arabic-Indic digits
  ])("rejects %j as invalid_decimal", (input) => {
    expect(invalidCode(() => parseDecimal(input))).toBe("invalid_decimal");
  });

  it("rejects non-strings", () => {
    expect(invalidCode(() => parseDecimal(12 as unknown as string))).toBe("invalid_decimal");
    expect(invalidCode(() => parseDecimal(null as unknown as string))).toBe("invalid_decimal");
  });

  it("names the field", () => {
    try {
      parseDecimal("1e3", "quantity");
      expect.unreachable();
    } catch (e) {
      expect(isAccrueError(e) && e.details).toEqual({ field: "quantity", value: "1e3" });
    }
  });

  it("round-trips every plain decimal string exactly", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?[1-9]\d{0,30}\.\d{0,20}[1-9]$/), (s) => {
        expect(parseDecimal(s).toFixed()).toBe(s);
      }),
    );
  });
});

describe("Dec", () => {
  it("works to 50 significant digits and rounds half away from zero", () => {
    expect(new Dec(1).div(3).toString()).toBe(`0.${"3".repeat(50)}`);
    expect(new Dec("2.5").toDecimalPlaces(0).toString()).toBe("3");
    expect(new Dec("-2.5").toDecimalPlaces(0).toString()).toBe("-3");
  });

  it("never prints exponent notation", () => {
    expect(new Dec("0.00000000000000000001").toString()).toBe("0.00000000000000000001");
    expect(new Dec("100000000000000000000000").toString()).toBe("100000000000000000000000");
  });

  it("is not affected by global decimal.js settings", () => {
    const saved = { precision: Decimal.precision, rounding: Decimal.rounding };
    Decimal.set({ precision: 5, rounding: Decimal.ROUND_DOWN });
    try {
      expect(new Dec(2).div(3).toString()).toBe(`0.${"6".repeat(49)}7`);
    } finally {
      Decimal.set(saved);
    }
  });
});

describe("exact", () => {
  it("turns strings and Decs into integer units and a scale", () => {
    expect(exact("12.340")).toEqual({ units: 12340n, scale: 3 });
    expect(exact("-0.05")).toEqual({ units: -5n, scale: 2 });
    expect(exact(new Dec("1e-3"))).toEqual({ units: 1n, scale: 3 });
    expect(exact(new Dec("1.5e3"))).toEqual({ units: 1500n, scale: 0 });
    expect(exact(new Dec("-0"))).toEqual({ units: 0n, scale: 0 });
  });

  it("rejects non-finite and absurdly large Decs", () => {
    expect(invalidCode(() => exact(new Dec(Number.NaN)))).toBe("invalid_decimal");
    expect(invalidCode(() => exact(new Dec(Number.POSITIVE_INFINITY)))).toBe("invalid_decimal");
    expect(invalidCode(() => exact(new Dec("1e100000")))).toBe("invalid_decimal");
  });
});

describe("divRound", () => {
  it.each([
    [5n, 2n, 3n], // 2.5 → 3
    [-5n, 2n, -3n], // -2.5 → -3
    [7n, 3n, 2n], // 2.33 → 2
    [8n, 3n, 3n], // 2.67 → 3
    [-8n, 3n, -3n],
    [0n, 7n, 0n],
    [6n, 3n, 2n],
  ])("%i / %i = %i", (n, d, q) => {
    expect(divRound(n, d)).toBe(q);
  });

  it("is within half of the exact quotient and symmetric", () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n, max: 10n ** 30n }), (n, d) => {
        const q = divRound(n, d);
        const err = q * d - n; // (q - n/d) · d
        expect(2n * (err < 0n ? -err : err) <= d).toBe(true);
        expect(divRound(-n, d)).toBe(-q);
      }),
    );
  });
});
