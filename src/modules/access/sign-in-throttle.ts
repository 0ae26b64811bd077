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
 * Nothing counts per e-mail address alone: a guesser elsewhere cannot keep the user out, who
 * signs in from their own address as always. In memory, per process (docs/operations.md).
 */
import { RateLimiter } from "../../lib/rate-limit.js";

export const SIGN_IN_LIMITS = {
  freeFailures: 5,
  firstDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  addressBurst: 30,
  addressIntervalS: 10,
} as const;

type Streak = { failures: number; until: number };

export type SignInVerdict = { allowed: true } | { allowed: false; retryAfter: number };

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
    const streak = this.#streaks.get(pairKey(email, address));
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
    const streak = this.#streaks.get(key) ?? { failures: 0, until: 0 };
    streak.failures += 1;
    const over = streak.failures - SIGN_IN_LIMITS.freeFailures;
    // 2^over, capped well before it could overflow
    const delay =
      over <= 0
        ? 0
        : Math.min(
            SIGN_IN_LIMITS.maxDelayMs,
            SIGN_IN_LIMITS.firstDelayMs * 2 ** Math.min(over - 1, 20),
          );
    streak.until = this.now() + delay;
    this.#streaks.delete(key);
    if (this.#streaks.size >= this.maxEntries) this.#prune();
    this.#streaks.set(key, streak);
  }

  /** A right password from `address`: its failures for `email` are forgotten. */
  succeeded(email: string, address: string): void {
    this.#streaks.delete(pairKey(email, address));
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
