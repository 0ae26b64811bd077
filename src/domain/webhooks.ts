/**
 * The webhook retry schedule: exponential backoff with jitter over about two days.
 * Pure: the caller passes the time and the random number.
 *
 * Attempt 1 is made when the event is fanned out. After failed attempt n (1 ≤ n < 16) the
 * next one waits min(10 s · 2^(n−1), 12 h), multiplied by a jitter factor drawn uniformly
 * from [0.8, 1.2). Without jitter the 16th and last attempt comes 46 h 45 min after the
 * first; with it, between about 37 h and 56 h. See src/modules/webhooks/README.md.
 */

/** Attempts per schedule: the first and 15 retries. */
export const MAX_ATTEMPTS = 16;

export const RETRY_BASE_MS = 10_000;
export const RETRY_CAP_MS = 12 * 60 * 60 * 1000;
export const RETRY_JITTER = 0.2;

/** The delay before the next attempt without jitter, after `failedAttempts` failures. */
export function baseRetryDelayMs(failedAttempts: number): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) {
    throw new RangeError(`failedAttempts must be a positive integer (got ${failedAttempts})`);
  }
  return Math.min(RETRY_BASE_MS * 2 ** (failedAttempts - 1), RETRY_CAP_MS);
}

/**
 * When to try again after `failedAttempts` failures, or null when the schedule is spent.
 * `random` is uniform in [0, 1).
 */
export function nextAttemptAt(now: Date, failedAttempts: number, random: number): Date | null {
  if (failedAttempts >= MAX_ATTEMPTS) return null;
  const factor = 1 - RETRY_JITTER + 2 * RETRY_JITTER * Math.min(Math.max(random, 0), 1);
  return new Date(now.getTime() + Math.round(baseRetryDelayMs(failedAttempts) * factor));
}

/** Milliseconds from the first to the last attempt of a schedule without jitter. */
export function scheduleSpanMs(): number {
  let total = 0;
  for (let n = 1; n < MAX_ATTEMPTS; n++) total += baseRetryDelayMs(n);
  return total;
}

/** Longest wait between two attempts, with jitter: tests advance time by this much. */
export const MAX_RETRY_DELAY_MS = Math.ceil(RETRY_CAP_MS * (1 + RETRY_JITTER));
