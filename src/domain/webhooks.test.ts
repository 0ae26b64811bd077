import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  baseRetryDelayMs,
  MAX_ATTEMPTS,
  MAX_RETRY_DELAY_MS,
  nextAttemptAt,
  scheduleSpanMs,
} from "./webhooks.js";

const HOUR = 3600_000;

describe("webhook retry schedule", () => {
  it("doubles from 10 s and is capped at 12 h", () => {
    expect([1, 2, 3, 4, 5].map(baseRetryDelayMs)).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000,
    ]);
    expect(baseRetryDelayMs(13)).toBe(40_960_000); // 11 h 22 min
    expect(baseRetryDelayMs(14)).toBe(12 * HOUR);
    expect(baseRetryDelayMs(15)).toBe(12 * HOUR);
    expect(() => baseRetryDelayMs(0)).toThrow(RangeError);
  });

  it("spans about two days: 16 attempts, the last 46 h 45 min after the first", () => {
    expect(MAX_ATTEMPTS).toBe(16);
    expect(scheduleSpanMs()).toBe(168_310_000);
    expect(scheduleSpanMs() / HOUR).toBeCloseTo(46.75, 2);
  });

  it("jitters each delay within ±20 %, and stops after the last attempt", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_ATTEMPTS - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (failed, random) => {
          const at = nextAttemptAt(now, failed, random)!;
          const delay = at.getTime() - now.getTime();
          const base = baseRetryDelayMs(failed);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
          expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.2));
          expect(delay).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
        },
      ),
    );
    expect(nextAttemptAt(now, 1, 0.5)!.getTime() - now.getTime()).toBe(10_000);
    expect(nextAttemptAt(now, MAX_ATTEMPTS, 0.5)).toBeNull();
  });

  it("the whole schedule with jitter stays between 37 h and 57 h", () => {
    for (const random of [0, 0.999999]) {
      let t = new Date(0);
      for (let n = 1; n < MAX_ATTEMPTS; n++) t = nextAttemptAt(t, n, random)!;
      expect(t.getTime() / HOUR).toBeGreaterThan(37);
      expect(t.getTime() / HOUR).toBeLessThan(57);
    }
  });
});
