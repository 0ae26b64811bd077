/**
 * Decimals for unit prices, quantities, rates and weights — never for amounts, which are
 * integer minor units (see money.ts).
 *
 * `Dec` is a private decimal.js constructor so that no other code's `Decimal.set(...)` can
 * change our precision or rounding. Its rounding mode is half away from zero, the same rule
 * money.ts applies. Decimal.js rounds only the *results* of arithmetic to 50 significant
 * digits; the money helpers do their one rounding step on exact integers instead (`exact`).
 */
import { Decimal } from "decimal.js";
import { invalid } from "../errors.js";

export const Dec = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_UP, // half away from zero
  toExpNeg: -9e15, // toString() never switches to exponent notation
  toExpPos: 9e15,
});
export type Dec = Decimal;

/** Optional '-', digits, optional '.digits'. No '+', exponent, spaces, NaN or Infinity. */
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** Parse a plain decimal string such as "12", "-0.5" or "19.99"; throws `invalid_decimal`. */
export function parseDecimal(input: string, field = "value"): Dec {
  assertPlainDecimal(input, field);
  return new Dec(input);
}

export function assertPlainDecimal(input: unknown, field = "value"): asserts input is string {
  if (typeof input !== "string" || !PLAIN_DECIMAL.test(input)) {
    throw invalid("invalid_decimal", `${field} must be a plain decimal string such as "12.34"`, {
      field,
      value: typeof input === "string" ? input.slice(0, 64) : typeof input,
    });
  }
}

/** An exact decimal as an integer and a scale: value = units / 10^scale. */
export type Scaled = { readonly units: bigint; readonly scale: number };

/** Largest |exponent| accepted from a Dec; far beyond any price or quantity. */
const MAX_EXPONENT = 1000;

/** The exact value of a plain decimal string or a finite Dec, as integer units and a scale. */
export function exact(value: Dec | string, field = "value"): Scaled {
  let text: string;
  if (typeof value === "string") {
    assertPlainDecimal(value, field);
    text = value;
  } else {
    if (!Dec.isDecimal(value) || !value.isFinite() || Math.abs(value.e) > MAX_EXPONENT) {
      throw invalid("invalid_decimal", `${field} must be a finite decimal`, { field });
    }
    text = value.toFixed(); // exact, never exponent notation
  }
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const units = BigInt(whole! + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

export const pow10 = (n: number): bigint => 10n ** BigInt(n);

/**
 * numerator / denominator rounded half away from zero to an integer — the one rounding rule.
 * `denominator` must be positive.
 */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let q = abs / denominator;
  if ((abs % denominator) * 2n >= denominator) q += 1n;
  return negative ? -q : q;
}
