/**
 * Limits on console sign-in that slow a guesser down without letting one lock a user out.
 * Failed attempts count, per client address and per e-mail address from that client address:
 *
 * - per (e-mail, address): the first FREE_FAILURES wrong passwords cost nothing; each further
 *   one doubles the wait before the next try from that address (2 s, 4 s, 8 s … at most
 *   15 min). A successful sign-in from the address forgets its failures.
 * - per address: at most ADDRESS_BURST failed attempts at once, then one every
 *   ADDRESS_INTERVAL_S seconds, whichever e-mail addresses they name.
 *
 * A streak is forgotten a day after its wait ended (forgetAfterMs).
 *
 * Nothing counts per e-mail address alone: a guesser elsewhere cannot keep the user out, who
 * signs in from their own address as always. The client address is the one the HTTP layer
 * sees (through the proxies ACCRUE_TRUST_PROXY trusts). On embedded PGlite (one process) the
 * counters live in the process (`SignInThrottle`); on PostgreSQL in the database, so every
 * process counts the same failures (docs/operations.md#limits).
 */
import type { Kysely } from "kysely";
import { RateLimiter } from "../../lib/rate-limit.js";
import type { DB } from "../../storage/schema.js";
import {
  deleteStaleSignInCounters,
  forgetSignInFailures,
  readSignInCounters,
  recordSignInFailure,
  type SignInRules,
} from "./rate-limits.repository.js";

export const SIGN_IN_LIMITS = {
  freeFailures: 5,
  firstDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  addressBurst: 30,
  addressIntervalS: 10,
  forgetAfterMs: 24 * 60 * 60_000,
} as const;

/** The wait after the `failures`-th failure in a row (ms). */
export function backOffMs(failures: number): number {
  const over = failures - SIGN_IN_LIMITS.freeFailures;
  // 2^over, capped well before it could overflow
  return over <= 0
    ? 0
    : Math.min(
        SIGN_IN_LIMITS.maxDelayMs,
        SIGN_IN_LIMITS.firstDelayMs * 2 ** Math.min(over - 1, 20),
      );
}

/** backOffMs of 1, 2, … failures, up to the first that waits the longest. */
const BACK_OFF_SCHEDULE_MS: readonly number[] = (() => {
  const schedule: number[] = [];
  for (let n = 1; schedule.at(-1) !== SIGN_IN_LIMITS.maxDelayMs; n++) schedule.push(backOffMs(n));
  return schedule;
})();

type Streak = { failures: number; until: number };

export type SignInVerdict = { allowed: true } | { allowed: false; retryAfter: number };

/** Console sign-in limits as the sign-in operation applies them (see the top of this file). */
export type SignInLimiter = {
  /** Whether a sign-in for `email` from `address` may be tried now. */
  check(email: string, address: string): Promise<SignInVerdict>;
  /** Counts a failed attempt against the address and the (e-mail, address) pair. */
  failed(email: string, address: string): Promise<void>;
  /** A right password from `address`: its failures for `email` are forgotten. */
  succeeded(email: string, address: string): Promise<void>;
};

/** The counters in memory, for one process. */
export class SignInThrottle {
  readonly #streaks = new Map<string, Streak>();
  readonly #addresses: RateLimiter;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly maxEntries = 100_000,
  ) {
    this.#addresses = new RateLimiter(
      1 / SIGN_IN_LIMITS.addressIntervalS,
      SIGN_IN_LIMITS.addressBurst,
      now,
      maxEntries,
    );
  }

  /** Whether a sign-in for `email` from `address` may be tried now. */
  check(email: string, address: string): SignInVerdict {
    const streak = this.#streak(pairKey(email, address));
    const wait = streak ? streak.until - this.now() : 0;
    if (wait > 0) return { allowed: false, retryAfter: Math.max(1, Math.ceil(wait / 1000)) };
    if (!this.#addresses.has(address)) {
      return { allowed: false, retryAfter: SIGN_IN_LIMITS.addressIntervalS };
    }
    return { allowed: true };
  }

  /** Counts a failed attempt against the address and the (e-mail, address) pair. */
  failed(email: string, address: string): void {
    this.#addresses.take(address);
    const key = pairKey(email, address);
    const streak = this.#streak(key) ?? { failures: 0, until: 0 };
    streak.failures += 1;
    streak.until = this.now() + backOffMs(streak.failures);
    this.#streaks.delete(key);
    if (this.#streaks.size >= this.maxEntries) this.#prune();
    this.#streaks.set(key, streak);
  }

  /** A right password from `address`: its failures for `email` are forgotten. */
  succeeded(email: string, address: string): void {
    this.#streaks.delete(pairKey(email, address));
  }

  /** The streak under `key`, unless it is forgotten (its wait ended forgetAfterMs ago). */
  #streak(key: string): Streak | undefined {
    const streak = this.#streaks.get(key);
    if (streak && this.now() - streak.until > SIGN_IN_LIMITS.forgetAfterMs) {
      this.#streaks.delete(key);
      return undefined;
    }
    return streak;
  }

  /** Drops streaks whose wait is over and that are not yet at the back-off, else the oldest. */
  #prune(): void {
    const now = this.now();
    for (const [key, streak] of this.#streaks) {
      if (streak.until <= now && streak.failures < SIGN_IN_LIMITS.freeFailures) {
        this.#streaks.delete(key);
      }
    }
    while (this.#streaks.size >= this.maxEntries) {
      const oldest = this.#streaks.keys().next().value;
      if (oldest === undefined) break;
      this.#streaks.delete(oldest);
    }
  }
}

const pairKey = (email: string, address: string) => `${address}\u0000${email}`;

/** Sign-in limits counted in this process. */
export function localSignInLimiter(throttle = new SignInThrottle()): SignInLimiter {
  return {
    check: async (email, address) => throttle.check(email, address),
    failed: async (email, address) => throttle.failed(email, address),
    succeeded: async (email, address) => throttle.succeeded(email, address),
  };
}

const SHARED_RULES: SignInRules = {
  address: { rate: 1 / SIGN_IN_LIMITS.addressIntervalS, burst: SIGN_IN_LIMITS.addressBurst },
  backOffMs: BACK_OFF_SCHEDULE_MS,
  forgetAfterS: SIGN_IN_LIMITS.forgetAfterMs / 1000,
};

/** How often a process deletes sign-in counters that hold nothing (milliseconds). */
const PRUNE_EVERY_MS = 60_000;

/**
 * Sign-in limits counted in the database, shared by every process on it (time: the
 * database's clock). Should the database not answer, this process's own counters decide
 * meanwhile.
 */
export function sharedSignInLimiter(
  db: Kysely<DB>,
  options: { onError?: (error: unknown) => void } = {},
): SignInLimiter {
  const fallback = new SignInThrottle();
  let pruned = performance.now();
  const prune = () => {
    if (performance.now() - pruned < PRUNE_EVERY_MS) return;
    pruned = performance.now();
    deleteStaleSignInCounters(db, SHARED_RULES).catch((error) => options.onError?.(error));
  };
  return {
    async check(email, address) {
      let counters: { waitMs: number; addressHolds: boolean };
      try {
        counters = await readSignInCounters(db, email, address, SHARED_RULES);
      } catch (error) {
        options.onError?.(error);
        return fallback.check(email, address);
      }
      if (counters.waitMs > 0) {
        return { allowed: false, retryAfter: Math.max(1, Math.ceil(counters.waitMs / 1000)) };
      }
      if (!counters.addressHolds) {
        return { allowed: false, retryAfter: SIGN_IN_LIMITS.addressIntervalS };
      }
      return { allowed: true };
    },
    async failed(email, address) {
      prune();
      try {
        await recordSignInFailure(db, email, address, SHARED_RULES);
      } catch (error) {
        options.onError?.(error);
        fallback.failed(email, address);
      }
    },
    async succeeded(email, address) {
      fallback.succeeded(email, address);
      try {
        await forgetSignInFailures(db, email, address);
      } catch (error) {
        options.onError?.(error);
      }
    },
  };
}
