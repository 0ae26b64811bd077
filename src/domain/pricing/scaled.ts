/**
 * Exact decimal arithmetic for rating, on integers: a value is `units / 10^scale` (the money
 * kernel's `Scaled`). Products and sums never round, so a rating is exact however many digits
 * its inputs have. Used by pricing and by the tax calculator (canonical rates); not exported
 * from pricing's index.
 */
import { invalid } from "../errors.js";
import { exact, pow10, type Scaled } from "../money/decimal.js";

export type { Scaled };

export const ZERO: Scaled = { units: 0n, scale: 0 };

/** The two values as integers on their common scale. */
function aligned(a: Scaled, b: Scaled): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * pow10(scale - a.scale), b.units * pow10(scale - b.scale), scale];
}

export const times = (a: Scaled, b: Scaled): Scaled => ({
  units: a.units * b.units,
  scale: a.scale + b.scale,
});

export function plus(a: Scaled, b: Scaled): Scaled {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function minus(a: Scaled, b: Scaled): Scaled {
  const [x, y, scale] = aligned(a, b);
  return { units: x - y, scale };
}

/** -1, 0 or 1. */
export function cmp(a: Scaled, b: Scaled): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const min = (a: Scaled, b: Scaled): Scaled => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Scaled, b: Scaled): Scaled => (cmp(a, b) >= 0 ? a : b);

/** ⌈a / b⌉ for a ≥ 0 and b > 0, as a whole number. */
export function ceilDiv(a: Scaled, b: Scaled): bigint {
  const [x, y] = aligned(a, b);
  return (x + y - 1n) / y;
}

/** The canonical plain string: "1.50" → "1.5", "2.000" → "2", "-0" → "0". */
export function toPlain({ units, scale }: Scaled): string {
  let u = units;
  let s = scale;
  while (s > 0 && u % 10n === 0n) {
    u /= 10n;
    s -= 1;
  }
  const negative = u < 0n;
  const digits = (negative ? -u : u).toString().padStart(s + 1, "0");
  const whole = digits.slice(0, digits.length - s);
  const fraction = s > 0 ? `.${digits.slice(digits.length - s)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** A quantity: a plain decimal string, not negative (`negative_quantity`). */
export function quantityOf(input: string, field = "quantity"): Scaled {
  const q = exact(input, field);
  if (q.units < 0n) {
    throw invalid("negative_quantity", `${field} must not be negative`, { field, value: input });
  }
  return q;
}

/** A price: a plain decimal string, not negative (`negative_price`). */
export function priceOf(input: string, field: string): Scaled {
  const p = exact(input, field);
  if (p.units < 0n) {
    throw invalid("negative_price", `${field} must not be negative`, { field, value: input });
  }
  return p;
}
