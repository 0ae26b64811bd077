import type { Temporal } from "temporal-polyfill";

/**
 * The only way code learns the time. Billing logic receives a Clock; it never reads the
 * system time itself. Each tenant has one: the system clock, or a test clock that only
 * moves forward (src/modules/clock).
 */
export interface Clock {
  now(): Temporal.Instant;
}

export const fixedClock = (instant: Temporal.Instant): Clock => ({ now: () => instant });
