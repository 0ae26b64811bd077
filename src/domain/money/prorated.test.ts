import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAccrueError } from "../errors.js";
import { CURRENCY_CODES, CURRENCY_EXPONENTS } from "./currency.js";
import { Dec } from "./decimal.js";
import { applyRatio, lineAmount, money, proratedAmount, roundToMinor } from "./money.js";

function invalidCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAccrueError(e) && e.kind === "invalid" ? e.code : `not an invalid error: ${e}`;
  }
  return undefined;
}

const abs = (n: bigint) => (n < 0n ? -n : n);

/** A plain decimal string from integer units and a scale: (-1234n, 2) → "-12.34". */
function plain(units: bigint, scale: number): string {
  const digits = abs(units)
    .toString()
    .padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${units < 0n ? "-" : ""}${whole}${fraction}`;
}

const decimal = (maxUnits = 10n ** 20n, maxScale = 10) =>
  fc
    .tuple(fc.bigInt({ min: -maxUnits, max: maxUnits }), fc.nat({ max: maxScale }))
    .map(([units, scale]) => ({ units, scale, text: plain(units, scale) }));

const currency = fc.constantFrom(...CURRENCY_CODES);
const denominator = fc.bigInt({ min: 1n, max: 10_000n });

describe("proratedAmount — value × n / d, rounded once", () => {
  it.each([
    // value, n, d, currency, minor units — each derived by hand
    ["100", 15n, 30n, "EUR", 5000n], // 100 × 15/30 = 50.00
    ["100", 10n, 31n, "EUR", 3226n], // 1000/31 = 32.2580… → 32.26
    ["12.99", 10n, 31n, "EUR", 419n], // 129.9/31 = 4.19032… → 4.19
    ["29.99", 17n, 28n, "EUR", 1821n], // 509.83/28 = 18.2082… → 18.21
    ["0.0051", 1n, 2n, "EUR", 0n], // 0.00255 → 0.00 (rounding 0.0051 to 0.01 first gives 0.01)
    ["0.005", 1n, 1n, "EUR", 1n], // exactly half a cent → away from zero
    ["-0.005", 1n, 1n, "EUR", -1n],
    ["0.01", 1n, 2n, "EUR", 1n], // 0.005 → 0.01
    ["-0.01", 1n, 2n, "EUR", -1n], // -0.005 → -0.01
    ["0.01", 1n, 3n, "EUR", 0n], // 0.00333… → 0.00
    ["1000", 1n, 3n, "JPY", 333n], // 333.33… → 333
    ["1000", 2n, 3n, "JPY", 667n], // 666.66… → 667
    ["1.2345", 1n, 1n, "KWD", 1235n], // 1.2345 → 1.235 (half away from zero)
    ["7.5", 1n, 3n, "CLF", 25000n], // 2.5 exactly, 4 decimals
    ["100", 0n, 30n, "EUR", 0n],
    ["100", 30n, 30n, "EUR", 10000n],
    ["100", 45n, 30n, "EUR", 15000n], // a ratio above 1 is allowed (150 %)
    ["100", -10n, 31n, "EUR", -3226n], // a negative numerator mirrors
    ["0", 7n, 9n, "EUR", 0n],
  ])("%s × %i / %i %s = %i", (value, n, d, c, minor) => {
    expect(proratedAmount(value, n, d, c)).toEqual(money(minor, c));
  });

  it("rounds once, never the value first and then the ratio", () => {
    // 0.0051 × 1/2 = 0.00255 → 0.00; rounding the value first: 0.01 × 1/2 = 0.005 → 0.01.
    expect(proratedAmount("0.0051", 1n, 2n, "EUR").amount).toBe(0n);
    expect(applyRatio(money(roundToMinor("0.0051", "EUR"), "EUR"), 1n, 2n).amount).toBe(1n);
  });

  it("takes a Dec and uses its exact value", () => {
    // 1/3 to 50 digits × 3/1 = 0.99…9 → 1.00
    expect(proratedAmount(new Dec(1).div(3), 3n, 1n, "EUR")).toEqual(money(100n, "EUR"));
    expect(proratedAmount(new Dec("12.99"), 10n, 31n, "EUR")).toEqual(money(419n, "EUR"));
  });

  it("rejects a bad ratio, value or currency", () => {
    expect(invalidCode(() => proratedAmount("1", 1n, 0n, "EUR"))).toBe("invalid_ratio");
    expect(invalidCode(() => proratedAmount("1", 1n, -3n, "EUR"))).toBe("invalid_ratio");
    expect(invalidCode(() => proratedAmount("1", 1 as unknown as bigint, 2n, "EUR"))).toBe(
      "invalid_ratio",
    );
    expect(invalidCode(() => proratedAmount("1", 1n, 2 as unknown as bigint, "EUR"))).toBe(
      "invalid_ratio",
    );
    expect(invalidCode(() => proratedAmount("1e3", 1n, 2n, "EUR"))).toBe("invalid_decimal");
    expect(invalidCode(() => proratedAmount(new Dec(Number.NaN), 1n, 2n, "EUR"))).toBe(
      "invalid_decimal",
    );
    expect(invalidCode(() => proratedAmount("1", 1n, 2n, "eur"))).toBe("invalid_currency");
  });

  it("equals lineAmount (and roundToMinor) when numerator = denominator", () => {
    fc.assert(
      fc.property(currency, decimal(), denominator, (c, v, d) => {
        const whole = proratedAmount(v.text, d, d, c);
        expect(whole).toEqual(lineAmount(v.text, "1", c));
        expect(whole.amount).toBe(roundToMinor(v.text, c));
      }),
    );
  });

  it("is off by at most half a minor unit, and a half goes away from zero", () => {
    fc.assert(
      fc.property(
        currency,
        decimal(),
        fc.bigInt({ min: -10_000n, max: 10_000n }),
        denominator,
        (c, v, n, d) => {
          const e = 10n ** BigInt(CURRENCY_EXPONENTS.get(c)!);
          const r = proratedAmount(v.text, n, d, c).amount;
          // In units of 1 / (10^scale · d): the result is r·10^scale·d, the exact value v.units·n·10^e.
          const unit = 10n ** BigInt(v.scale) * d;
          const exactValue = v.units * n * e;
          const err = r * unit - exactValue;
          expect(2n * abs(err) <= unit).toBe(true);
          if (2n * abs(err) === unit) expect(abs(r * unit) > abs(exactValue)).toBe(true);
        },
      ),
    );
  });

  it("is symmetric: a negative value or numerator gives the negated amount", () => {
    fc.assert(
      fc.property(
        currency,
        decimal(),
        fc.bigInt({ min: 0n, max: 10_000n }),
        denominator,
        (c, v, n, d) => {
          const r = proratedAmount(v.text, n, d, c).amount;
          expect(proratedAmount(plain(-v.units, v.scale), n, d, c).amount).toBe(-r);
          expect(proratedAmount(v.text, -n, d, c).amount).toBe(-r);
        },
      ),
    );
  });

  it("is monotonic in the value and, for a non-negative value, in the numerator", () => {
    fc.assert(
      fc.property(
        currency,
        decimal(),
        decimal(),
        fc.bigInt({ min: 0n, max: 10_000n }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        denominator,
        (c, a, b, n1, n2, d) => {
          const [lo, hi] = new Dec(a.text).lte(new Dec(b.text)) ? [a, b] : [b, a];
          const [nLo, nHi] = n1 <= n2 ? [n1, n2] : [n2, n1];
          expect(proratedAmount(lo.text, nLo, d, c).amount).toBeLessThanOrEqual(
            proratedAmount(hi.text, nLo, d, c).amount,
          );
          const nonNegative = plain(abs(a.units), a.scale);
          expect(proratedAmount(nonNegative, nLo, d, c).amount).toBeLessThanOrEqual(
            proratedAmount(nonNegative, nHi, d, c).amount,
          );
        },
      ),
    );
  });

  it("agrees with decimal.js where decimal.js is exact", () => {
    fc.assert(
      fc.property(currency, decimal(10n ** 12n, 6), denominator, denominator, (c, v, n, d) => {
        const e = CURRENCY_EXPONENTS.get(c)!;
        // decimal.js rounds the quotient to 50 digits before our rounding step; at these sizes the
        // exact value (a fraction over at most 10^10) is never within 10^-40 of a half minor unit
        // without being on it, so both roundings agree.
        const expected = new Dec(v.text).times(n.toString()).div(d.toString());
        const r = proratedAmount(v.text, n, d, c);
        expect(new Dec(r.amount.toString()).div(new Dec(10).pow(e)).toFixed(e)).toBe(
          expected.toDecimalPlaces(e, Dec.ROUND_HALF_UP).toFixed(e),
        );
      }),
    );
  });
});
