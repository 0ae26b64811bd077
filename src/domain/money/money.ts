/**
 * Money: an integer number of minor units (cents, fils, yen) plus an ISO 4217 currency.
 * Amounts never pass through floats or decimals; unit prices and quantities are decimals
 * (decimal.ts) and become money through exactly one rounding step (`roundToMinor`).
 */
import { invalid } from "../errors.js";
import { assertCurrency, currencyExponent } from "./currency.js";
import { type Dec, divRound, exact, pow10, type Scaled } from "./decimal.js";

export type Money = { readonly amount: bigint; readonly currency: string };

export function money(amount: bigint, currency: string): Money {
  if (typeof amount !== "bigint") {
    throw invalid("invalid_amount", "amount must be an integer number of minor units", {
      value: typeof amount,
    });
  }
  assertCurrency(currency);
  return Object.freeze({ amount, currency });
}

export const zero = (currency: string): Money => money(0n, currency);

function sameCurrency(a: Money, b: Money): string {
  if (a.currency !== b.currency) {
    throw invalid("currency_mismatch", `cannot combine ${a.currency} with ${b.currency}`, {
      currencies: [a.currency, b.currency],
    });
  }
  return a.currency;
}

export const add = (a: Money, b: Money): Money => money(a.amount + b.amount, sameCurrency(a, b));

export const subtract = (a: Money, b: Money): Money =>
  money(a.amount - b.amount, sameCurrency(a, b));

export const negate = (m: Money): Money => money(-m.amount, m.currency);

/** Sum of `items`, all in `currency`; zero for none. */
export function sum(currency: string, items: Iterable<Money>): Money {
  let total = zero(currency);
  for (const item of items) total = add(total, item);
  return total;
}

export const isZero = (m: Money): boolean => m.amount === 0n;

/** -1, 0 or 1. Throws `currency_mismatch` for different currencies. */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

/** Same currency and amount. Different currencies are simply not equal. */
export const equals = (a: Money, b: Money): boolean =>
  a.currency === b.currency && a.amount === b.amount;

/**
 * "12.34" EUR → 1234 cents, exactly. At most as many fraction digits as the currency has
 * ("12.345" EUR and "100.0" JPY are `too_many_decimals`): an amount is never rounded silently.
 */
export function fromDecimalString(input: string, currency: string, field = "amount"): Money {
  const exponent = currencyExponent(currency);
  const { units, scale } = exact(input, field);
  if (scale > exponent) {
    throw invalid(
      "too_many_decimals",
      `${field} has ${scale} decimal places; ${currency} allows ${exponent}`,
      { field, value: input, currency, exponent },
    );
  }
  return money(units * pow10(exponent - scale), currency);
}

/** 1234n EUR → "12.34"; -5n EUR → "-0.05"; 100n JPY → "100"; 1000n KWD → "1.000". */
export function toDecimalString(m: Money): string {
  const exponent = currencyExponent(m.currency);
  const negative = m.amount < 0n;
  const digits = (negative ? -m.amount : m.amount).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? "-" : ""}${whole}${exponent > 0 ? `.${fraction}` : ""}`;
}

/**
 * THE rounding rule: to the currency's minor unit, half away from zero ("commercial
 * rounding": 0.005 → 0.01, -0.005 → -0.01). Exact on any finite decimal.
 */
export function roundToMinor(value: Dec | string, currency: string): bigint {
  return toMinor(exact(value), currencyExponent(currency));
}

function toMinor({ units, scale }: Scaled, exponent: number): bigint {
  if (scale <= exponent) return units * pow10(exponent - scale);
  return divRound(units, pow10(scale - exponent));
}

/** unitPrice × quantity, rounded once. The exact product is formed first. */
export function lineAmount(
  unitPrice: Dec | string,
  quantity: Dec | string,
  currency: string,
): Money {
  const price = exact(unitPrice, "unit_price");
  const qty = exact(quantity, "quantity");
  const product = { units: price.units * qty.units, scale: price.scale + qty.scale };
  return money(toMinor(product, currencyExponent(currency)), currency);
}

/**
 * m × numerator / denominator, rounded once (proration: days used / days in period).
 * `denominator` must be positive.
 */
export function applyRatio(m: Money, numerator: bigint, denominator: bigint): Money {
  if (typeof numerator !== "bigint" || typeof denominator !== "bigint" || denominator <= 0n) {
    throw invalid("invalid_ratio", "ratio needs integer parts and a positive denominator", {
      numerator: String(numerator),
      denominator: String(denominator),
    });
  }
  return money(divRound(m.amount * numerator, denominator), m.currency);
}

/** `percent` % of m, rounded once: percentOf(100.00 EUR, "19") = 19.00 EUR; "7.5" works. */
export function percentOf(m: Money, percent: string): Money {
  const { units, scale } = exact(percent, "percent");
  return money(divRound(m.amount * units, 100n * pow10(scale)), m.currency);
}

/**
 * value × numerator / denominator as money, rounded once: the exact rational value is formed
 * on integers and only then rounded to the currency's minor unit with THE rule. For prorating
 * a decimal price (12.99 for 10 of 31 days) without first rounding it to cents, and for turning
 * a rated decimal total into a line amount (numerator = denominator). `denominator` must be
 * positive; a negative value or numerator gives the mirror image.
 */
export function proratedAmount(
  value: Dec | string,
  numerator: bigint,
  denominator: bigint,
  currency: string,
): Money {
  if (typeof numerator !== "bigint" || typeof denominator !== "bigint" || denominator <= 0n) {
    throw invalid("invalid_ratio", "ratio needs integer parts and a positive denominator", {
      numerator: String(numerator),
      denominator: String(denominator),
    });
  }
  const { units, scale } = exact(value, "value");
  const exponent = currencyExponent(currency);
  // value × n / d in minor units = units × n × 10^exponent / (10^scale × d)
  return money(divRound(units * numerator * pow10(exponent), pow10(scale) * denominator), currency);
}
