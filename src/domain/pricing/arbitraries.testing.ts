/**
 * fast-check arbitraries and helpers shared by the pricing tests (test-only; not exported from
 * index.ts). Decimals span the catalog's range: up to 12 integer and 8 fraction digits.
 */
import fc from "fast-check";
import { isAccrueError } from "../errors.js";
import { Dec } from "../money/decimal.js";
import type { Tier } from "./model.js";

/** A plain decimal string from integer units and a scale: (1234n, 2) → "12.34". */
export function plain(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** A non-negative decimal string below 10^12 with up to 8 fraction digits, zeros kept ("1.50"). */
export const decimalArb = (maxScale = 8): fc.Arbitrary<string> =>
  fc
    .tuple(fc.nat({ max: maxScale }), fc.bigInt({ min: 0n, max: 10n ** 20n }))
    .map(([scale, units]) => plain(units % 10n ** BigInt(12 + scale), scale));

/** Quantities: small whole numbers, boundary-sized values and long fractions, all ≥ 0. */
export const quantityArb: fc.Arbitrary<string> = fc.oneof(
  fc.nat({ max: 1000 }).map(String),
  fc.tuple(fc.nat({ max: 100_000 }), fc.nat({ max: 3 })).map(([u, s]) => plain(BigInt(u), s)),
  decimalArb(),
);

export const priceArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.nat({ max: 100_000 }), fc.nat({ max: 4 })).map(([u, s]) => plain(BigInt(u), s)),
  decimalArb(),
);

/** A valid tier table: from "0", then up to 7 strictly increasing boundaries in (0, 2000]. */
export const tiersArb: fc.Arbitrary<Tier[]> = fc
  .tuple(
    fc.uniqueArray(
      fc.tuple(fc.integer({ min: 1, max: 2000 }), fc.nat({ max: 2 })).map(([u, s]) => ({
        key: new Dec(plain(BigInt(u), s)).toFixed(),
        from: plain(BigInt(u), s),
      })),
      { maxLength: 7, selector: (b) => b.key },
    ),
    fc.array(priceArb, { minLength: 8, maxLength: 8 }),
  )
  .map(([bounds, prices]) => {
    const froms = bounds.map((b) => b.from).sort((a, b) => new Dec(a).comparedTo(new Dec(b)));
    return ["0", ...froms].map((from, i) => ({ from, price: prices[i]! }));
  });

/** The kind and code of the AccrueError `fn` throws; "no error" / "not an AccrueError" else. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isAccrueError(e) ? `${e.kind}:${e.code}` : `not an AccrueError: ${e}`;
  }
  return "no error";
}

export const dec = (s: string) => new Dec(s);

/** Same value ("1.50" and "1.5"). */
export const same = (a: string, b: string) => new Dec(a).equals(new Dec(b));
