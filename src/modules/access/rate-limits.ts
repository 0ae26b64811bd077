/**
 * Request rate limits as the HTTP layer applies them: a token bucket per caller, `rate`
 * tokens a second up to bursts of twice that. On embedded PGlite (one process) the buckets
 * live in the process; on PostgreSQL in the database, so any number of processes share one
 * bucket per caller. Should the database not answer, the process's own buckets decide
 * meanwhile.
 *
 * On PostgreSQL a process does not ask the database for every request of a caller: it draws a
 * few of the caller's tokens at once (a lease: up to a twentieth of a second's rate, at most
 * 100) and spends them on the caller's next requests from the same client address, for at most
 * a second; tokens unspent by then are dropped. Tokens are only ever taken from the shared
 * bucket, never made up, so all processes together still allow no more than the one bucket
 * does; what a lease costs is that a token one process holds cannot serve another process
 * meanwhile. At rates of a few requests a second a lease is one token: every request asks.
 */
import type { Kysely } from "kysely";
import { RateLimiter, type Verdict } from "../../lib/rate-limit.js";
import type { DB } from "../../storage/schema.js";
import {
  deleteFullBuckets,
  drawTokensIfAddressHolds,
  takeToken,
} from "./rate-limits.repository.js";

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

/** How long a process may spend tokens it drew from a shared bucket (milliseconds). */
export const LEASE_MS = 1_000;

/** How many tokens a process draws from a shared bucket at once, for a caller's `rate`. */
export const leaseSize = (rate: number): number =>
  Math.max(1, Math.min(100, Math.floor(rate / 20)));

/**
 * Tokens this process drew from a caller's shared bucket for requests from one client address,
 * and the draw under way, if any (its verdict for the request that started it).
 */
type Lease = {
  tokens: number;
  /** `performance.now()` after which unspent tokens are dropped. */
  until: number;
  /** What the shared bucket held after the draw. */
  shared: number;
  drawing: Promise<Verdict | null> | null;
};

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
  const lease = leaseSize(rate);
  /** Leases by client address, then by caller. */
  const leases = new Map<string, Map<string, Lease>>();
  let pruned = performance.now();
  const prune = () => {
    const now = performance.now();
    if (now - pruned < PRUNE_EVERY_MS) return;
    pruned = now;
    for (const [address, byCaller] of leases) {
      for (const [caller, held] of byCaller) {
        if (held.until <= now && !held.drawing) byCaller.delete(caller);
      }
      if (byCaller.size === 0) leases.delete(address);
    }
    deleteFullBuckets(db, bucket).catch((error) => options.onError?.(error));
  };
  const verdictOf = (taken: { allowed: boolean; tokens: number }): Verdict => ({
    allowed: taken.allowed,
    limit: rate,
    remaining: taken.allowed ? Math.floor(taken.tokens) : 0,
    retryAfter: taken.allowed ? 0 : Math.max(1, Math.ceil((1 - taken.tokens) / rate)),
  });
  /** Draws `caller`'s tokens for `address` into `held`; the verdict for one request. */
  const draw = async (caller: string, address: string, held: Lease): Promise<Verdict | null> => {
    let drawn: Awaited<ReturnType<typeof drawTokensIfAddressHolds>>;
    try {
      drawn = await drawTokensIfAddressHolds(db, caller, bucket, address, lease);
    } catch (error) {
      options.onError?.(error);
      return fallback.has(address) ? fallback.take(caller) : null;
    }
    if (!drawn.addressHolds || drawn.granted === null || drawn.tokens === null) return null;
    if (drawn.granted < 1) return verdictOf({ allowed: false, tokens: drawn.tokens });
    // one for this request, the rest for the next ones
    held.tokens = drawn.granted - 1;
    held.until = performance.now() + LEASE_MS;
    held.shared = drawn.tokens;
    return verdictOf({ allowed: true, tokens: held.tokens + held.shared });
  };
  return {
    enabled: rate > 0,
    async take(caller) {
      prune();
      // an address spending its own budget (wrong credentials, a credential exchange): the
      // leases of callers from it are given up, so the next request checks the address again
      leases.delete(caller);
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
      for (;;) {
        let byCaller = leases.get(address);
        let held = byCaller?.get(caller);
        if (held && held.tokens >= 1 && performance.now() < held.until) {
          held.tokens -= 1;
          return verdictOf({ allowed: true, tokens: held.tokens + held.shared });
        }
        if (held?.drawing) {
          const verdict = await held.drawing;
          // refused (or the address is): so is every request that waited for the draw
          if (verdict === null || !verdict.allowed) return verdict;
          continue; // tokens were drawn: spend one unless the others have spent them all
        }
        if (!byCaller) {
          byCaller = new Map();
          leases.set(address, byCaller);
        }
        if (!held) {
          held = { tokens: 0, until: 0, shared: 0, drawing: null };
          byCaller.set(caller, held);
        }
        const drawing = draw(caller, address, held);
        held.drawing = drawing;
        try {
          return await drawing;
        } finally {
          held.drawing = null;
        }
      }
    },
  };
}
