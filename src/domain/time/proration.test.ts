import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cycleArb, date, dateArb, expectInvalid } from "./arbitraries.testing.js";
import { periodAt, periodsOverlapping } from "./billing-period.js";
import { daysIn, overlap, prorationFraction } from "./proration.js";
import type { DateSpan } from "./span.js";

const span = (start: string, end: string): DateSpan => ({ start: date(start), end: date(end) });

describe("daysIn", () => {
  it("counts the days of [start, end)", () => {
    expect(daysIn(span("2024-02-01", "2024-03-01"))).toBe(29);
    expect(daysIn(span("2025-02-01", "2025-03-01"))).toBe(28);
    expect(daysIn(span("2024-01-01", "2025-01-01"))).toBe(366);
    expect(daysIn(span("2024-05-15", "2024-05-15"))).toBe(0);
  });

  it("rejects reversed spans", () => {
    expectInvalid(() => daysIn(span("2024-05-15", "2024-05-14")), "invalid_span");
  });
});

describe("overlap", () => {
  it("is the shared days, or null", () => {
    expect(overlap(span("2024-01-10", "2024-02-10"), span("2024-02-01", "2024-03-01"))).toEqual(
      span("2024-02-01", "2024-02-10"),
    );
    expect(overlap(span("2024-01-01", "2024-12-31"), span("2024-03-01", "2024-04-01"))).toEqual(
      span("2024-03-01", "2024-04-01"),
    );
    // Touching spans share no day.
    expect(overlap(span("2024-01-01", "2024-02-01"), span("2024-02-01", "2024-03-01"))).toBeNull();
    expect(overlap(span("2024-01-01", "2024-02-01"), span("2024-06-01", "2024-07-01"))).toBeNull();
  });
});

describe("prorationFraction", () => {
  it("is days of part over days of whole, unreduced", () => {
    // Signed up Jan 15 into a January period: 17 of January's 31 days.
    expect(
      prorationFraction(span("2024-01-15", "2024-02-01"), span("2024-01-01", "2024-02-01")),
    ).toEqual({
      numerator: 17n,
      denominator: 31n,
    });
    // Half of leap February is 14.5 days; whole days only: Feb 15..29 is 15 of 29.
    expect(
      prorationFraction(span("2024-02-15", "2024-03-01"), span("2024-02-01", "2024-03-01")),
    ).toEqual({
      numerator: 15n,
      denominator: 29n,
    });
    // Ended on the day it started: nothing.
    expect(
      prorationFraction(span("2024-02-15", "2024-02-15"), span("2024-02-01", "2024-03-01")),
    ).toEqual({
      numerator: 0n,
      denominator: 29n,
    });
  });

  it("rejects parts outside the whole and empty wholes", () => {
    const feb = span("2024-02-01", "2024-03-01");
    expectInvalid(
      () => prorationFraction(span("2024-01-31", "2024-02-10"), feb),
      "span_not_within",
    );
    expectInvalid(
      () => prorationFraction(span("2024-02-20", "2024-03-02"), feb),
      "span_not_within",
    );
    expectInvalid(
      () => prorationFraction(span("2024-02-01", "2024-02-01"), span("2024-02-01", "2024-02-01")),
      "empty_span",
    );
  });

  it("fractions over a split of a period sum to exactly 1", () => {
    fc.assert(
      fc.property(
        cycleArb(),
        fc.nat(40),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        (c, k, cuts) => {
          const whole = periodAt(c, k);
          const days = daysIn(whole);
          const points = [0, ...cuts.map((x) => Math.floor(x * days)), days].sort((a, b) => a - b);
          const parts = points.slice(1).map((end, i) => ({
            start: whole.start.add({ days: points[i]! }),
            end: whole.start.add({ days: end }),
          }));
          const fractions = parts.map((part) => prorationFraction(part, whole));
          expect(fractions.every((f) => f.denominator === BigInt(days))).toBe(true);
          expect(fractions.reduce((sum, f) => sum + f.numerator, 0n)).toBe(BigInt(days));
        },
      ),
    );
  });

  it("a span's overlaps with the periods it touches add up to the span", () => {
    fc.assert(
      fc.property(cycleArb(), fc.nat(600), fc.nat(600), (c, a, len) => {
        const s = { start: c.anchor.add({ days: a }), end: c.anchor.add({ days: a + len }) };
        const total = periodsOverlapping(c, s.start, s.end)
          .map((p) => overlap(p, s))
          .reduce((sum, o) => sum + (o ? daysIn(o) : 0), 0);
        expect(total).toBe(len);
      }),
    );
  });

  it("overlap is commutative and contained in both spans", () => {
    fc.assert(
      fc.property(dateArb(), fc.nat(400), dateArb(), fc.nat(400), (a, al, b, bl) => {
        const x = { start: a, end: a.add({ days: al }) };
        const y = { start: b, end: b.add({ days: bl }) };
        const o = overlap(x, y);
        expect(overlap(y, x)).toEqual(o);
        if (o) {
          expect(prorationFraction(o, x).numerator).toBeGreaterThan(0n);
          expect(prorationFraction(o, y).numerator).toBeGreaterThan(0n);
        }
      }),
    );
  });
});
