import { describe, expect, it } from "vitest";
import { isAccrueError } from "../errors.js";
import {
  assertCurrency,
  CURRENCY_CODES,
  CURRENCY_EXPONENTS,
  currencyExponent,
  isCurrency,
} from "./currency.js";

/** The machine code of the `invalid` error `fn` throws; undefined if it does not throw. */
function invalidCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAccrueError(e) && e.kind === "invalid" ? e.code : `not an invalid error: ${e}`;
  }
  return undefined;
}

const codesWithExponent = (n: number) =>
  CURRENCY_CODES.filter((c) => CURRENCY_EXPONENTS.get(c) === n);

describe("currency table", () => {
  it.each([
    ["EUR", 2],
    ["USD", 2],
    ["GBP", 2],
    ["CHF", 2],
    ["HUF", 2],
    ["IDR", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["ISK", 0],
    ["VND", 0],
    ["XAF", 0],
    ["XOF", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["JOD", 3],
    ["OMR", 3],
    ["TND", 3],
    ["IQD", 3],
    ["LYD", 3],
    ["CLF", 4],
    ["UYW", 4],
  ])("%s has exponent %i", (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it("lists exactly the ISO zero-decimal currencies", () => {
    expect(codesWithExponent(0)).toEqual([
      "BIF",
      "CLP",
      "DJF",
      "GNF",
      "ISK",
      "JPY",
      "KMF",
      "KRW",
      "PYG",
      "RWF",
      "UGX",
      "UYI",
      "VND",
      "VUV",
      "XAF",
      "XOF",
      "XPF",
    ]);
  });

  it("lists exactly the ISO three- and four-decimal currencies", () => {
    expect(codesWithExponent(3)).toEqual(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);
    expect(codesWithExponent(4)).toEqual(["CLF", "UYW"]);
  });

  it("every other code has two decimals, and codes are sorted, unique and upper-case", () => {
    expect(CURRENCY_CODES.length).toBe(CURRENCY_EXPONENTS.size);
    expect(CURRENCY_CODES.length).toBeGreaterThan(160);
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
    for (const code of CURRENCY_CODES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3, 4]).toContain(CURRENCY_EXPONENTS.get(code));
    }
  });

  it("has the recent ISO additions", () => {
    for (const code of ["SLE", "VED", "XCG", "ZWG", "MRU", "STN", "BYN"]) {
      expect(isCurrency(code)).toBe(true);
    }
  });

  it("leaves out withdrawn codes and codes without a minor unit", () => {
    for (const code of ["HRK", "ZWL", "ANG", "MRO", "STD", "VEF", "BYR", "XAU", "XDR", "XXX"]) {
      expect(isCurrency(code)).toBe(false);
    }
  });
});

describe("assertCurrency", () => {
  it("accepts a known code", () => {
    expect(() => assertCurrency("EUR")).not.toThrow();
  });

  it.each([
    ["lower case", "eur"],
    ["mixed case", "Eur"],
    ["unknown", "ABC"],
    ["too long", "EURO"],
    ["padded", " EUR"],
    ["empty", ""],
    ["prototype key", "constructor"],
    ["prototype key", "__proto__"],
    ["not a string", 978],
    ["missing", undefined],
  ])("rejects %s (%j) as invalid_currency", (_, code) => {
    expect(invalidCode(() => assertCurrency(code))).toBe("invalid_currency");
    expect(isCurrency(code)).toBe(false);
  });

  it("names the field in the error", () => {
    try {
      assertCurrency("usd", "plan.currency");
      expect.unreachable();
    } catch (e) {
      expect(isAccrueError(e) && e.details).toEqual({ field: "plan.currency", value: "usd" });
    }
  });

  it("currencyExponent rejects unknown codes too", () => {
    expect(invalidCode(() => currencyExponent("jpy"))).toBe("invalid_currency");
  });
});
