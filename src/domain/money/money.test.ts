import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAccrueError } from "../errors.js";
import { CURRENCY_CODES, CURRENCY_EXPONENTS } from "./currency.js";
import { Dec } from "./decimal.js";
import {
  add,
  applyRatio,
  compare,
  equals,
  fromDecimalString,
  isZero,
  lineAmount,
  type Money,
  money,
  negate,
  percentOf,
  roundToMinor,
  subtract,
  sum,
  toDecimalString,
  zero,
} from "./money.js";

function invalidCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAccrueError(e) && e.kind === "invalid" ? e.code : `not an invalid error: ${e}`;
  }
  return undefined;
}

const eur = (amount: bigint) => money(amount, "EUR");
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

/** A decimal with its exact value: string "-12.34" = units -1234n / 10^scale 2. */
const decimal = (maxUnits = 10n ** 24n, maxScale = 12) =>
  fc
    .tuple(fc.bigInt({ min: -maxUnits, max: maxUnits }), fc.nat({ max: maxScale }))
    .map(([units, scale]) => ({ units, scale, text: plain(units, scale) }));

const currency = fc.constantFrom(...CURRENCY_CODES);
const amount = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
const anyMoney = fc.tuple(amount, currency).map(([a, c]) => money(a, c));

describe("money", () => {
  it("is an integer amount of minor units and a currency, frozen", () => {
    const m = money(1234n, "EUR");
    expect(m).toEqual({ amount: 1234n, currency: "EUR" });
    expect(Object.isFrozen(m)).toBe(true);
  });

  it("rejects unknown currencies and non-integer amounts", () => {
    expect(invalidCode(() => money(1n, "eur"))).toBe("invalid_currency");
    expect(invalidCode(() => money(12.34 as unknown as bigint, "EUR"))).toBe("invalid_amount");
  });

  it("adds, subtracts, negates and sums within one currency", () => {
    expect(add(eur(1050n), eur(-50n))).toEqual(eur(1000n));
    expect(subtract(eur(1000n), eur(1999n))).toEqual(eur(-999n));
    expect(negate(eur(5n))).toEqual(eur(-5n));
    expect(negate(zero("EUR"))).toEqual(eur(0n));
    expect(sum("EUR", [eur(1n), eur(2n), eur(3n)])).toEqual(eur(6n));
    expect(sum("JPY", [])).toEqual(money(0n, "JPY"));
  });

  it("compares and tests equality", () => {
    expect(isZero(zero("KWD"))).toBe(true);
    expect(isZero(eur(-1n))).toBe(false);
    expect(compare(eur(1n), eur(2n))).toBe(-1);
    expect(compare(eur(2n), eur(2n))).toBe(0);
    expect(compare(eur(3n), eur(2n))).toBe(1);
    expect(equals(eur(2n), eur(2n))).toBe(true);
    expect(equals(eur(2n), money(2n, "USD"))).toBe(false);
  });

  it("refuses to mix currencies", () => {
    const usd = money(1n, "USD");
    expect(invalidCode(() => add(eur(1n), usd))).toBe("currency_mismatch");
    expect(invalidCode(() => subtract(eur(1n), usd))).toBe("currency_mismatch");
    expect(invalidCode(() => compare(eur(1n), usd))).toBe("currency_mismatch");
    expect(invalidCode(() => sum("EUR", [eur(1n), usd]))).toBe("currency_mismatch");
    expect(invalidCode(() => sum("USD", [eur(1n)]))).toBe("currency_mismatch");
  });

  it("add and subtract are inverse; add commutes", () => {
    fc.assert(
      fc.property(currency, amount, amount, (c, x, y) => {
        const a = money(x, c);
        const b = money(y, c);
        expect(subtract(add(a, b), b)).toEqual(a);
        expect(add(subtract(a, b), b)).toEqual(a);
        expect(add(a, b)).toEqual(add(b, a));
        expect(add(a, negate(a))).toEqual(zero(c));
      }),
    );
  });
});

describe("decimal strings", () => {
  it.each([
    ["12.34", "EUR", 1234n],
    ["-0.05", "EUR", -5n],
    ["12.3", "EUR", 1230n],
    ["12", "EUR", 1200n],
    ["-0", "EUR", 0n],
    ["100", "JPY", 100n],
    ["1.5", "KWD", 1500n],
    ["0.0001", "CLF", 1n],
    ["123456789012345678901234567890.99", "EUR", 12345678901234567890123456789099n],
  ])("fromDecimalString(%j, %s) = %i minor units", (input, c, minor) => {
    expect(fromDecimalString(input, c)).toEqual(money(minor, c));
  });

  it.each([
    ["12.345", "EUR"],
    ["12.340", "EUR"], // even a trailing zero: the amount is not in EUR's grid as written
    ["100.0", "JPY"],
    ["1.0000", "KWD"],
    ["0.00001", "CLF"],
  ])("fromDecimalString(%j, %s) is too_many_decimals", (input, c) => {
    expect(invalidCode(() => fromDecimalString(input, c))).toBe("too_many_decimals");
  });

  it.each(["1e3", "12,34", " 12", "", "NaN", ".5", "+1"])(
    "fromDecimalString(%j) is invalid_decimal",
    (input) => {
      expect(invalidCode(() => fromDecimalString(input, "EUR"))).toBe("invalid_decimal");
    },
  );

  it("fromDecimalString checks the currency", () => {
    expect(invalidCode(() => fromDecimalString("1", "XYZ"))).toBe("invalid_currency");
  });

  it.each([
    [1234n, "EUR", "12.34"],
    [-5n, "EUR", "-0.05"],
    [0n, "EUR", "0.00"],
    [100n, "JPY", "100"],
    [-100n, "JPY", "-100"],
    [1000n, "KWD", "1.000"],
    [-1n, "CLF", "-0.0001"],
    [12345678901234567890123456789099n, "EUR", "123456789012345678901234567890.99"],
  ])("toDecimalString(%i %s) = %j", (minor, c, text) => {
    const s = toDecimalString(money(minor, c));
    expect(s).toBe(text);
    expect(typeof s).toBe("string");
    expect(JSON.stringify({ amount: s })).toBe(`{"amount":"${text}"}`);
  });

  it("fromDecimalString ∘ toDecimalString is the identity, for every currency", () => {
    for (const c of CURRENCY_CODES) {
      for (const minor of [0n, 1n, -1n, 999n, -10001n, 10n ** 25n + 7n]) {
        expect(fromDecimalString(toDecimalString(money(minor, c)), c)).toEqual(money(minor, c));
      }
    }
    fc.assert(
      fc.property(anyMoney, (m) => {
        expect(fromDecimalString(toDecimalString(m), m.currency)).toEqual(m);
      }),
    );
  });

  it("toDecimalString ∘ fromDecimalString keeps the value of any string that fits", () => {
    fc.assert(
      fc.property(currency, decimal(10n ** 24n, 4), (c, d) => {
        fc.pre(d.scale <= CURRENCY_EXPONENTS.get(c)!);
        const back = toDecimalString(fromDecimalString(d.text, c));
        expect(new Dec(back).equals(new Dec(d.text))).toBe(true);
      }),
    );
  });
});

describe("roundToMinor — the one rounding rule", () => {
  it.each([
    ["0.005", "EUR", 1n], // exactly half a cent → away from zero
    ["-0.005", "EUR", -1n],
    ["0.0049999", "EUR", 0n],
    ["1.005", "EUR", 101n], // as a float 1.005 is 1.00499999999999989…, which would give 100
    ["2.5", "JPY", 3n],
    ["-2.5", "JPY", -3n],
    ["3.5", "JPY", 4n], // not banker's rounding (which gives 4 here but 2 for 2.5)
    ["1.2345", "KWD", 1235n],
    ["0.00005", "CLF", 1n],
    ["12", "EUR", 1200n],
    ["-7", "KWD", -7000n],
  ])("roundToMinor(%j, %s) = %i", (value, c, minor) => {
    expect(roundToMinor(value, c)).toBe(minor);
  });

  it("takes Decs, exactly", () => {
    expect(roundToMinor(new Dec(1).div(3), "EUR")).toBe(33n);
    expect(roundToMinor(new Dec(2).div(3), "EUR")).toBe(67n);
    expect(roundToMinor(new Dec(-2).div(3), "EUR")).toBe(-67n);
  });

  it("rejects bad input", () => {
    expect(invalidCode(() => roundToMinor("1e-3", "EUR"))).toBe("invalid_decimal");
    expect(invalidCode(() => roundToMinor(new Dec(Number.NaN), "EUR"))).toBe("invalid_decimal");
    expect(invalidCode(() => roundToMinor("1", "eur"))).toBe("invalid_currency");
  });

  it("is symmetric: round(-x) = -round(x)", () => {
    fc.assert(
      fc.property(currency, decimal(), (c, d) => {
        const neg = plain(-d.units, d.scale);
        expect(roundToMinor(neg, c)).toBe(-roundToMinor(d.text, c));
        expect(roundToMinor(new Dec(neg), c)).toBe(-roundToMinor(new Dec(d.text), c));
      }),
    );
  });

  it("is off by at most half a minor unit, and a half goes away from zero", () => {
    fc.assert(
      fc.property(currency, decimal(), (c, d) => {
        const e = CURRENCY_EXPONENTS.get(c)!;
        const r = roundToMinor(d.text, c);
        // error in units of 10^-(scale+e): r·10^scale − units·10^e; half a minor unit = 10^scale / 2
        const err = r * 10n ** BigInt(d.scale) - d.units * 10n ** BigInt(e);
        const half = 10n ** BigInt(d.scale);
        expect(2n * abs(err) <= half).toBe(true);
        if (2n * abs(err) === half)
          expect(abs(r) * half > abs(d.units) * 10n ** BigInt(e)).toBe(true);
      }),
    );
  });
});

describe("lineAmount", () => {
  it.each([
    ["19.99", "3", "EUR", 5997n],
    ["12.50", "1.5", "EUR", 1875n],
    ["0.1", "3", "EUR", 30n], // 0.1 × 3 in floats is 0.30000000000000004
    ["0.333", "3", "EUR", 100n], // 0.999 → 1.00 (rounding the price first would give 0.99)
    ["0.0125", "7", "EUR", 9n], // 0.0875 → 0.09
    ["0.004", "1000", "EUR", 400n], // a price below a cent, rounded only on the line
    ["19.99", "-3", "EUR", -5997n], // credits are symmetric
    ["0.125", "-1", "EUR", -13n], // -0.125 → -0.13
    ["99.5", "1", "JPY", 100n],
    ["1.2345", "2", "KWD", 2469n], // 2.469 exactly
    ["0.00025", "3", "KWD", 1n], // 0.00075 → 0.001
    ["12.34", "0", "EUR", 0n],
  ])("%s × %s %s = %i", (price, qty, c, minor) => {
    expect(lineAmount(price, qty, c)).toEqual(money(minor, c));
  });

  it("takes Decs", () => {
    // (1/3 to 50 digits) × 3 = 0.99…9 (50 nines) → 1.00
    expect(lineAmount(new Dec(1).div(3), new Dec(3), "EUR")).toEqual(eur(100n));
  });

  it("rounds once, on the exact product, even past Dec's 50 digits", () => {
    // price = 0.005 − 10^-60. Dec multiplication rounds the product to 50 significant
    // digits, giving 0.005, which would then round up to 0.01; the exact product is below
    // half a cent, so the line is 0.00.
    const price = `0.004${"9".repeat(57)}`; // 60 decimals, 58 significant digits
    expect(new Dec(price).times(1).toString()).toBe("0.005");
    expect(lineAmount(price, "1", "EUR")).toEqual(eur(0n));
  });

  it("names the bad field", () => {
    try {
      lineAmount("1", "two", "EUR");
      expect.unreachable();
    } catch (e) {
      expect(isAccrueError(e) && e.code).toBe("invalid_decimal");
      expect(isAccrueError(e) && e.details?.field).toBe("quantity");
    }
  });

  it("is off by at most half a minor unit", () => {
    fc.assert(
      fc.property(currency, decimal(10n ** 12n, 8), decimal(10n ** 12n, 8), (c, p, q) => {
        const e = BigInt(CURRENCY_EXPONENTS.get(c)!);
        const line = lineAmount(p.text, q.text, c).amount;
        // exact = p.units·q.units / 10^s with s = p.scale + q.scale; compare line·10^s with exact·10^e
        const s = BigInt(p.scale + q.scale);
        const err = line * 10n ** s - p.units * q.units * 10n ** e;
        expect(2n * abs(err) <= 10n ** s).toBe(true);
      }),
    );
  });

  it("agrees with decimal.js where decimal.js is exact", () => {
    fc.assert(
      fc.property(currency, decimal(10n ** 12n, 6), decimal(10n ** 12n, 6), (c, p, q) => {
        const e = CURRENCY_EXPONENTS.get(c)!;
        const expected = new Dec(p.text).times(q.text).toDecimalPlaces(e, Dec.ROUND_HALF_UP);
        expect(toDecimalString(lineAmount(p.text, q.text, c))).toBe(expected.toFixed(e));
      }),
    );
  });
});

describe("applyRatio — proration", () => {
  it.each([
    [10000n, 15n, 30n, 5000n], // 100.00 for 15 of 30 days
    [10000n, 10n, 31n, 3226n], // 100.00 × 10/31 = 32.2580… → 32.26
    [2999n, 17n, 28n, 1821n], // 29.99 × 17/28 = 18.2082… → 18.21
    [1000n, 1n, 3n, 333n], // 3.333… → 3.33
    [1n, 1n, 2n, 1n], // half a cent → away from zero
    [-1n, 1n, 2n, -1n],
    [-2999n, 17n, 28n, -1821n],
    [10000n, 0n, 30n, 0n],
    [10000n, 30n, 30n, 10000n],
  ])("%i × %i / %i = %i", (minor, n, d, expected) => {
    expect(applyRatio(eur(minor), n, d)).toEqual(eur(expected));
  });

  it("rejects a zero or negative denominator", () => {
    expect(invalidCode(() => applyRatio(eur(100n), 1n, 0n))).toBe("invalid_ratio");
    expect(invalidCode(() => applyRatio(eur(100n), 1n, -2n))).toBe("invalid_ratio");
    expect(invalidCode(() => applyRatio(eur(100n), 1 as unknown as bigint, 2n))).toBe(
      "invalid_ratio",
    );
  });

  it("is off by at most half a minor unit and symmetric", () => {
    fc.assert(
      fc.property(
        anyMoney,
        fc.bigInt({ min: -1000n, max: 1000n }),
        fc.bigInt({ min: 1n, max: 1000n }),
        (m, n, d) => {
          const r = applyRatio(m, n, d).amount;
          expect(2n * abs(r * d - m.amount * n) <= d).toBe(true);
          expect(applyRatio(negate(m), n, d).amount).toBe(-r);
        },
      ),
    );
  });
});

describe("percentOf — tax and discount rates", () => {
  it.each([
    [10000n, "EUR", "19", 1900n],
    [1999n, "EUR", "19", 380n], // 3.7981 → 3.80
    [1000n, "EUR", "7.5", 75n],
    [10n, "EUR", "7.5", 1n], // 0.0075 → 0.01
    [999n, "JPY", "10", 100n], // 99.9 → 100
    [1000n, "KWD", "0.5", 5n], // 0.005 KWD = 5 fils, exact
    [-1999n, "EUR", "19", -380n],
    [12345n, "EUR", "0", 0n],
    [12345n, "EUR", "100", 12345n],
  ])("%i %s × %s%% = %i", (minor, c, pct, expected) => {
    expect(percentOf(money(minor, c), pct)).toEqual(money(expected, c));
  });

  it("rejects a malformed rate", () => {
    expect(invalidCode(() => percentOf(eur(100n), "19%"))).toBe("invalid_decimal");
  });

  it("equals lineAmount of the decimal amount and rate/100", () => {
    fc.assert(
      fc.property(anyMoney, decimal(10n ** 6n, 4), (m, pct) => {
        const rate = new Dec(pct.text).div(100);
        expect(percentOf(m, pct.text)).toEqual(lineAmount(toDecimalString(m), rate, m.currency));
      }),
    );
  });
});

// Keep the type exported and usable.
const _typed: Money = eur(0n);
void _typed;
