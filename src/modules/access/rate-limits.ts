/**
 * Request rate limits as the HTTP layer applies them: a token bucket per caller, `rate`
 * tokens a second up to bursts of twice that. On embedded PGlite (one process) the buckets
 * live in the process; on PostgreSQL in the database, so any number of processes share one
 * bucket per caller. Should the database not answer, the process's own buckets decide
 * meanwhile.
 */
import type { Kysely } from "kysely";
import { RateLimiter, type Verdict } from "../../lib/rate-limit.js";
import type { DB } from "../../storage/schema.js";
import { deleteFullBuckets, takeToken, takeTokenIfAddressHolds } from "./rate-limits.repository.js";

export type RequestLimiter = {
  readonly enabled: boolean;
  /** Takes one request's token from `caller`'s bucket: allowed or not, with what is left. */
  take(caller: string): Promise<Verdict>;
  /**
   * `take(caller)` if `address` may make a request now, at the cost of one `take`: null when
   * it may not (nothing was taken).
   */
  takeIfAddressHas(caller: string, address: string): Promise<Verdict | null>;
};

/** How often a process deletes full buckets (milliseconds). */
const PRUNE_EVERY_MS = 60_000;

/** Buckets in this process. */
export function localRateLimiter(rate: number): RequestLimiter {
  const buckets = new RateLimiter(rate);
  return {
    enabled: buckets.enabled,
    take: async (caller) => buckets.take(caller),
    takeIfAddressHas: async (caller, address) =>
      buckets.has(address) ? buckets.take(caller) : null,
  };
}

/** Buckets in the database, shared by every process on it. */
export function sharedRateLimiter(
  db: Kysely<DB>,
  rate: number,
  options: { onError?: (error: unknown) => void } = {},
): RequestLimiter {
  const fallback = new RateLimiter(rate);
  const bucket = { rate, burst: fallback.burst };
  let pruned = performance.now();
  const prune = () => {
    if (performance.now() - pruned < PRUNE_EVERY_MS) return;
    pruned = performance.now();
    deleteFullBuckets(db, bucket).catch((error) => options.onError?.(error));
  };
  const verdictOf = (taken: { allowed: boolean; tokens: number }): Verdict => ({
    allowed: taken.allowed,
    limit: rate,
    remaining: taken.allowed ? Math.floor(taken.tokens) : 0,
    retryAfter: taken.allowed ? 0 : Math.max(1, Math.ceil((1 - taken.tokens) / rate)),
  });
  return {
    enabled: rate > 0,
    async take(caller) {
      prune();
      let taken: { allowed: boolean; tokens: number };
      try {
        taken = await takeToken(db, caller, bucket);
      } catch (error) {
        options.onError?.(error);
        return fallback.take(caller);
      }
      return verdictOf(taken);
    },
    async takeIfAddressHas(caller, address) {
      prune();
      try {
        const taken = await takeTokenIfAddressHolds(db, caller, bucket, address);
        if (!taken.addressHolds || taken.allowed === null || taken.tokens === null) return null;
        return verdictOf({ allowed: taken.allowed, tokens: taken.tokens });
      } catch (error) {
        options.onError?.(error);
        return fallback.has(address) ? fallback.take(caller) : null;
      }
    },
  };
}
