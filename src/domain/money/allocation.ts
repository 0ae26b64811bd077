/**
 * Largest-remainder allocation: split a total into parts proportional to weights so that the
 * parts add up to the total exactly, deterministically.
 *
 * Each part first gets the floor of its exact share total × wᵢ / Σw. The minor units left over
 * (fewer than the number of parts) go one each to the parts with the largest fractional
 * remainders; equal remainders go to the lower index first. A negative total is allocated as
 * its absolute value and every part negated, so allocation is symmetric around zero.
 */
import { invalid } from "../errors.js";
import { exact, pow10 } from "./decimal.js";
import { type Money, money } from "./money.js";

export type Weight = bigint | string;

/** Weights as non-negative integers on one common scale. */
function integerWeights(weights: readonly Weight[]): bigint[] {
  if (weights.length === 0) {
    throw invalid("invalid_weights", "allocation needs at least one weight", { count: 0 });
  }
  const scaled = weights.map((w, index) => {
    const s = typeof w === "bigint" ? { units: w, scale: 0 } : exact(w, `weights[${index}]`);
    if (s.units < 0n) {
      throw invalid("invalid_weights", "allocation weights must not be negative", {
        index,
        value: String(w),
      });
    }
    return s;
  });
  // a reduce, not Math.max(...spread): any number of weights
  const scale = scaled.reduce((max, s) => Math.max(max, s.scale), 0);
  const ints = scaled.map((s) => s.units * pow10(scale - s.scale));
  if (ints.every((w) => w === 0n)) {
    throw invalid("invalid_weights", "allocation needs at least one positive weight", {
      count: weights.length,
    });
  }
  return ints;
}

/** Split `total` in proportion to `weights` (bigints or decimal strings, ≥ 0, one > 0). */
export function allocate(total: Money, weights: readonly Weight[]): Money[] {
  const ws = integerWeights(weights);
  const sum = ws.reduce((a, b) => a + b, 0n);
  const negative = total.amount < 0n;
  const abs = negative ? -total.amount : total.amount;

  const parts = ws.map((w) => (abs * w) / sum);
  const remainders = ws.map((w) => (abs * w) % sum);
  let leftover = abs - parts.reduce((a, b) => a + b, 0n);
  const order = ws
    .map((_, i) => i)
    .sort((i, j) => {
      const a = remainders[i]!;
      const b = remainders[j]!;
      return a === b ? i - j : a > b ? -1 : 1;
    });
  for (const i of order) {
    if (leftover === 0n) break;
    parts[i]! += 1n;
    leftover -= 1n;
  }
  return parts.map((p) => money(negative ? -p : p, total.currency));
}

/** Split `total` into `n` parts as equal as possible; earlier parts get the extra units. */
export function split(total: Money, n: number): Money[] {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw invalid("invalid_split", "split needs a whole number of parts, at least 1", {
      value: String(n),
    });
  }
  return allocate(
    total,
    Array.from({ length: n }, () => 1n),
  );
}
