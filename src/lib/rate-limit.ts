/**
 * Request rate limits: a token bucket per caller (an API key, an OAuth client, or — before a
 * caller is known — a client address), refilled at `rate` tokens a second up to `burst`.
 * Buckets live in this process; on PostgreSQL the HTTP layer keeps them in the database instead
 * (src/modules/access/rate-limits.ts), shared by every process.
 */
export type Verdict = {
  allowed: boolean;
  /** Requests per second the caller may sustain. */
  limit: number;
  /** Whole requests left in the bucket after this one. */
  remaining: number;
  /** When refused: seconds until one request is allowed again. */
  retryAfter: number;
};

type Bucket = { tokens: number; at: number };

export class RateLimiter {
  #buckets = new Map<string, Bucket>();

  constructor(
    /** Sustained requests per second per caller; 0 switches limiting off. */
    readonly rate: number,
    readonly burst = rate * 2,
    private readonly now: () => number = () => performance.now(),
    private readonly maxBuckets = 100_000,
  ) {}

  get enabled(): boolean {
    return this.rate > 0;
  }

  /** Whether `caller`'s bucket holds a token now, without taking it. */
  has(caller: string): boolean {
    const bucket = this.#buckets.get(caller);
    if (!bucket) return true;
    return bucket.tokens + ((this.now() - bucket.at) / 1000) * this.rate >= 1;
  }

  /** Takes one token from `caller`'s bucket if it has one. */
  take(caller: string): Verdict {
    const now = this.now();
    let bucket = this.#buckets.get(caller);
    if (bucket) {
      bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
      bucket.at = now;
    } else {
      if (this.#buckets.size >= this.maxBuckets) this.#prune(now);
      bucket = { tokens: this.burst, at: now };
      this.#buckets.set(caller, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return {
        allowed: true,
        limit: this.rate,
        remaining: Math.floor(bucket.tokens),
        retryAfter: 0,
      };
    }
    return {
      allowed: false,
      limit: this.rate,
      remaining: 0,
      retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate)),
    };
  }

  /** Drops buckets that have refilled completely (they hold nothing a new bucket would not). */
  #prune(now: number): void {
    for (const [caller, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.rate >= this.burst) {
        this.#buckets.delete(caller);
      }
    }
    // still full of busy callers: forget the oldest rather than grow without bound
    if (this.#buckets.size >= this.maxBuckets) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
  }
}
