import { Temporal } from "temporal-polyfill";
import { invalid } from "../errors.js";
import { BoundedMemo } from "./memo.js";

export type PeriodUnit = "day" | "week" | "month" | "year";

export const PERIOD_UNITS: readonly PeriodUnit[] = ["day", "week", "month", "year"];

/** `count` units, e.g. `{ unit: "month", count: 3 }` for a quarter. `count` is a positive integer. */
export type Period = { readonly unit: PeriodUnit; readonly count: number };

/** Validates and builds a period (`invalid_period`). */
export function period(unit: PeriodUnit, count: number): Period {
  const p = { unit, count };
  assertPeriod(p);
  return p;
}

export function assertPeriod(p: Period): void {
  if (
    typeof p !== "object" ||
    p === null ||
    !PERIOD_UNITS.includes(p.unit) ||
    !Number.isSafeInteger(p.count) ||
    p.count < 1
  ) {
    throw invalid("invalid_period", "A period needs a unit and a positive integer count", {
      period: p,
    });
  }
}

/** The Temporal duration of `n` periods (n may be negative or zero). */
export function periodDuration(p: Period, n = 1): Temporal.Duration {
  assertPeriod(p);
  assertMultiple(n);
  const amount = p.count * n;
  if (!Number.isSafeInteger(amount)) throw outOfRange(p, n);
  switch (p.unit) {
    case "day":
      return Temporal.Duration.from({ days: amount });
    case "week":
      return Temporal.Duration.from({ weeks: amount });
    case "month":
      return Temporal.Duration.from({ months: amount });
    case "year":
      return Temporal.Duration.from({ years: amount });
  }
}

/**
 * `anchor + n × period`, always computed in one step from the anchor — never by chaining
 * single-period additions, which would let month ends drift (Jan 31 → Feb 28 → Mar 28).
 * Days past the end of the target month are clamped ("constrain"):
 *
 *   Jan 31 2024 + 1 month  = Feb 29 2024      Jan 31 2025 + 1 month  = Feb 28 2025
 *   Jan 31 2024 + 2 months = Mar 31 2024      Feb 29 2024 + 13 months = Mar 29 2025
 *   Feb 29 2024 + 1 year   = Feb 28 2025      Feb 29 2024 + 4 years  = Feb 29 2028
 *
 * A result outside Temporal's date range raises `date_out_of_range`.
 */
export function addPeriods(anchor: Temporal.PlainDate, p: Period, n: number): Temporal.PlainDate {
  assertPeriod(p);
  assertMultiple(n);
  const key = `${anchor.year}-${anchor.month}-${anchor.day}+${p.count * n}${p.unit}`;
  const known = added.get(key);
  if (known) return known;
  const duration = periodDuration(p, n);
  let result: Temporal.PlainDate;
  try {
    result = anchor.add(duration, { overflow: "constrain" });
  } catch (e) {
    if (e instanceof RangeError) throw outOfRange(p, n, anchor);
    throw e;
  }
  added.set(key, result);
  return result;
}

/**
 * Results of {@link addPeriods}, which billing asks for over and over (every grid cell of
 * every contract): a pure function's memo, emptied when it reaches its limit.
 */
const added = new BoundedMemo<string, Temporal.PlainDate>(100_000);

/**
 * `date − n × period` (n defaults to 1), clamped like {@link addPeriods}. Not an exact inverse
 * at month ends: Mar 31 − 1 month = Feb 29 (2024), and Feb 29 + 1 month = Mar 29.
 */
export function subtractPeriod(date: Temporal.PlainDate, p: Period, n = 1): Temporal.PlainDate {
  assertMultiple(n);
  return addPeriods(date, p, -n);
}

function assertMultiple(n: number): void {
  if (!Number.isSafeInteger(n)) {
    throw invalid("invalid_period_multiple", "A period multiple must be an integer", { n });
  }
}

const outOfRange = (p: Period, n: number, anchor?: Temporal.PlainDate) =>
  invalid("date_out_of_range", "The resulting date is outside the supported range", {
    period: p,
    n,
    ...(anchor ? { anchor: anchor.toString() } : {}),
  });
