import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit.js";

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("RateLimiter", () => {
  it("allows a burst of twice the rate, then refuses with the wait until the next token", () => {
    const c = clock();
    const limiter = new RateLimiter(5, 10, c.now);
    const verdicts = Array.from({ length: 11 }, () => limiter.take("key"));
    expect(verdicts.slice(0, 10).every((v) => v.allowed)).toBe(true);
    expect(verdicts.map((v) => v.remaining).slice(0, 3)).toEqual([9, 8, 7]);
    expect(verdicts[10]).toEqual({ allowed: false, limit: 5, remaining: 0, retryAfter: 1 });
  });

  it("refills at the rate, never above the burst", () => {
    const c = clock();
    const limiter = new RateLimiter(5, 10, c.now);
    for (let i = 0; i < 10; i++) limiter.take("key");
    c.advance(199);
    expect(limiter.take("key").allowed).toBe(false);
    c.advance(1);
    expect(limiter.take("key").allowed).toBe(true);
    c.advance(3_600_000);
    const after = Array.from({ length: 11 }, () => limiter.take("key").allowed);
    expect(after.filter(Boolean)).toHaveLength(10);
  });

  it("keeps callers apart", () => {
    const c = clock();
    const limiter = new RateLimiter(1, 1, c.now);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("a slow caller is told to wait several seconds", () => {
    const c = clock();
    const limiter = new RateLimiter(0.25, 1, c.now);
    limiter.take("key");
    expect(limiter.take("key").retryAfter).toBe(4);
  });

  it("holds a bounded number of buckets, dropping full ones first", () => {
    const c = clock();
    const limiter = new RateLimiter(1, 1, c.now, 3);
    limiter.take("busy");
    limiter.take("idle-1");
    limiter.take("idle-2");
    c.advance(500);
    // every bucket is half empty: the oldest goes to make room
    limiter.take("new");
    expect(limiter.take("busy").allowed).toBe(true);
    expect(limiter.take("new").allowed).toBe(false);
  });

  it("a rate of 0 is off", () => {
    expect(new RateLimiter(0).enabled).toBe(false);
  });
});
