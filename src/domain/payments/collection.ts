/**
 * Automatic collection's rules, pure: the retry schedule and the state of an invoice's
 * collection read from its attempts (src/workflows/collection.ts runs them).
 *
 * Attempt 1 is made as soon as the worker finds the invoice collectable. When attempt `n`
 * fails, attempt `n + 1` is due `retryDays[n - 1]` days later; when there is no such entry,
 * collection of the invoice is exhausted (dunning, which counts the failed payments, goes on).
 * A pending attempt (a direct debit the gateway decides later), or one whose charge the
 * customer's bank asks the customer to authenticate (`requires_action`), makes no further
 * attempt until it settles; settled failed, the next is scheduled from then.
 */

/** Retries after 3, 5 and 7 days: four attempts over fifteen days. */
export const DEFAULT_COLLECTION_RETRY_DAYS: readonly number[] = [3, 5, 7];

/** At most this many retries. */
export const MAX_COLLECTION_RETRIES = 10;

/** At most this many days between two attempts. */
export const MAX_COLLECTION_RETRY_DAYS = 60;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the attempt after failed attempt `attempt` (1-based) is due, `failedAt` being when it
 * failed (or was found failed); null when the schedule has no retry left.
 */
export function nextAttemptAt(
  retryDays: readonly number[],
  attempt: number,
  failedAt: Date,
): Date | null {
  const days = retryDays[attempt - 1];
  if (days === undefined) return null;
  return new Date(failedAt.getTime() + days * DAY_MS);
}

export type AttemptStatus = "succeeded" | "failed" | "pending" | "requires_action";

/**
 * Where an invoice's collection stands, from its latest attempt: `not_attempted` (none yet),
 * `pending` (the gateway decides), `requires_action` (the customer is asked to authenticate
 * the charge), `succeeded`, `retrying` (failed, the next one scheduled)
 * or `exhausted` (failed with no retry left).
 */
export type CollectionStatus =
  | "not_attempted"
  | "pending"
  | "requires_action"
  | "succeeded"
  | "retrying"
  | "exhausted";

export function collectionStatus(
  last: { status: AttemptStatus; next_attempt_at: Date | null } | undefined,
): CollectionStatus {
  if (!last) return "not_attempted";
  if (last.status !== "failed") return last.status;
  return last.next_attempt_at ? "retrying" : "exhausted";
}
