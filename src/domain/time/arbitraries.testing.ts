/**
 * fast-check arbitraries and helpers shared by the time kernel's tests (test-only; not
 * exported from index.ts).
 */
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { expect } from "vitest";
import { AccrueError } from "../errors.js";
import type { Alignment, BillingCycle } from "./billing-period.js";
import type { Period, PeriodUnit } from "./duration.js";

const EPOCH = Temporal.PlainDate.from("1970-01-01");

export const date = (s: string): Temporal.PlainDate => Temporal.PlainDate.from(s);

/** Any day between the two years (inclusive), uniformly. */
export const dateArb = (minYear = 1900, maxYear = 2200): fc.Arbitrary<Temporal.PlainDate> => {
  const min = EPOCH.until(Temporal.PlainDate.from({ year: minYear, month: 1, day: 1 })).days;
  const max = EPOCH.until(Temporal.PlainDate.from({ year: maxYear, month: 12, day: 31 })).days;
  return fc.integer({ min, max }).map((days) => EPOCH.add({ days }));
};

/** Days 28–31 (clamped to the month), where month arithmetic goes wrong. */
export const monthEndArb = (minYear = 1900, maxYear = 2200): fc.Arbitrary<Temporal.PlainDate> =>
  fc
    .record({
      year: fc.integer({ min: minYear, max: maxYear }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 28, max: 31 }),
    })
    .map((d) => Temporal.PlainDate.from(d)); // constrain: Feb 31 → Feb 28/29

/** Mostly month ends and leap days, sometimes any day. */
export const trickyDateArb = (minYear = 1900, maxYear = 2200): fc.Arbitrary<Temporal.PlainDate> =>
  fc.oneof(
    dateArb(minYear, maxYear),
    monthEndArb(minYear, maxYear),
    fc
      .integer({ min: Math.ceil(minYear / 4), max: Math.floor(maxYear / 4) })
      .filter((q) => (q * 4) % 100 !== 0 || (q * 4) % 400 === 0)
      .map((q) => Temporal.PlainDate.from({ year: q * 4, month: 2, day: 29 })),
  );

const MAX_COUNT: Record<PeriodUnit, number> = { day: 45, week: 9, month: 25, year: 5 };

export const unitArb: fc.Arbitrary<PeriodUnit> = fc.constantFrom("day", "week", "month", "year");

export const periodArb = (units?: readonly PeriodUnit[]): fc.Arbitrary<Period> =>
  (units ? fc.constantFrom(...units) : unitArb).chain((unit) =>
    fc
      .oneof(fc.constant(1), fc.integer({ min: 1, max: MAX_COUNT[unit] }))
      .map((count) => ({ unit, count })),
  );

export const alignmentArb: fc.Arbitrary<Alignment> = fc.constantFrom("anniversary", "calendar");

export const cycleArb = (units?: readonly PeriodUnit[]): fc.Arbitrary<BillingCycle> =>
  fc.record({ period: periodArb(units), alignment: alignmentArb, anchor: trickyDateArb() });

/** Asserts that `f` throws `invalid(code, …)`. */
export const expectInvalid = (f: () => unknown, code: string): void => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AccrueError);
    expect((e as AccrueError).kind).toBe("invalid");
    expect((e as AccrueError).code).toBe(code);
    return;
  }
  expect.fail(`expected invalid("${code}")`);
};
