/**
 * Request rate limits as the HTTP layer applies them: a token bucket per caller, `rate`
 * tokens a second up to bursts of twice that. On embedded PGlite (one process) the buckets
 * live in the process; on PostgreSQL in the database, so any number of processes share one
 * bucket per caller. Should the database not answer, the process's own buckets decide
 * meanwhile.
 *
 * On PostgreSQL a process does not ask the database for every request of a busy caller: it
 * draws several of the caller's tokens at once (a lease) and spends them on the caller's next
 * requests from the same client address. A lease is sized by demand — one token at first,
 * twice as many each time a lease is spent before it ends, half when one ends unspent, at most
 * a twentieth of a second's rate (and 100) — and lasts LEASE_MS; tokens unspent then, or when
 * the address spends its own budget, go back into the shared bucket. Tokens are only ever
 * taken from the shared bucket, never made up: all processes together allow at most what the
 * bucket allows, plus the tokens leases held when a window began (at most a lease per process,
 * client address and caller).
 */
import type { Kysely } from "kysely";
import { RateLimiter, type Verdict } from "../../lib/rate-limit.js";
import type { DB } from "../../storage/schema.js";
import {
  deleteFullBuckets,
  drawTokensIfAddressHolds,
  returnTokens,
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
export const LEASE_MS = 100;

/** The most tokens a process draws from a shared bucket at once, for a caller's `rate`. */
export const leaseSize = (rate: number): number =>
  Math.max(1, Math.min(100, Math.floor(rate / 20)));

/** After the database failed a draw: how long a caller's requests use the local buckets. */
const FALLBACK_MS = 1_000;

/**
 * Tokens this process drew from a caller's shared bucket for requests from one client address,
 * and the draw under way, if any (its verdict for the request that started it).
 */
type Lease = {
  tokens: number;
  /** `performance.now()` after which unspent tokens go back to the shared bucket. */
  until: number;
  /** What the shared bucket held after the draw. */
  shared: number;
  /** How many tokens the next draw asks for. */
  want: number;
  drawing: Promise<Verdict | null> | null;
  /** `performance.now()` until which the local buckets decide (the database failed a draw). */
  fallbackUntil: number;
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
  const most = leaseSize(rate);
  /** Leases by client address, then by caller. */
  const leases = new Map<string, Map<string, Lease>>();
  /** Gives a lease's unspent tokens back to the shared bucket. */
  const giveBack = (caller: string, held: Lease) => {
    const unspent = Math.floor(held.tokens);
    held.tokens = 0;
    if (unspent < 1) return;
    returnTokens(db, caller, bucket, unspent).catch((error) => options.onError?.(error));
  };
  let pruned = performance.now();
  const prune = () => {
    const now = performance.now();
    if (now - pruned < PRUNE_EVERY_MS) return;
    pruned = now;
    for (const [address, byCaller] of leases) {
      for (const [caller, held] of byCaller) {
        if (held.until > now || held.drawing) continue;
        giveBack(caller, held);
        byCaller.delete(caller);
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
  const fallbackVerdict = (caller: string, address: string) =>
    fallback.has(address) ? fallback.take(caller) : null;
  /** Draws `caller`'s tokens for `address` into `held`; the verdict for one request. */
  const draw = async (caller: string, address: string, held: Lease): Promise<Verdict | null> => {
    let drawn: Awaited<ReturnType<typeof drawTokensIfAddressHolds>>;
    try {
      drawn = await drawTokensIfAddressHolds(db, caller, bucket, address, held.want);
    } catch (error) {
      options.onError?.(error);
      held.fallbackUntil = performance.now() + FALLBACK_MS;
      return fallbackVerdict(caller, address);
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
      // leases of callers from it go back, so their next request checks the address again
      const byAddress = leases.get(caller);
      if (byAddress) {
        for (const [leaseCaller, held] of byAddress) giveBack(leaseCaller, held);
        leases.delete(caller);
      }
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
        const now = performance.now();
        if (held && held.fallbackUntil > now) return fallbackVerdict(caller, address);
        if (held && held.tokens >= 1 && now < held.until) {
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
          held = { tokens: 0, until: 0, shared: 0, want: 1, drawing: null, fallbackUntil: 0 };
          byCaller.set(caller, held);
        } else if (held.tokens >= 1) {
          // the lease ended unspent: its tokens go back, and the next one asks for fewer
          giveBack(caller, held);
          held.want = Math.max(1, Math.floor(held.want / 2));
        } else if (held.until > 0 && now < held.until) {
          // spent before it ended: ask for more
          held.want = Math.min(most, held.want * 2);
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
