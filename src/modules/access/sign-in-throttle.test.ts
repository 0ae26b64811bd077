import { describe, expect, it } from "vitest";
import {
  backOffMs,
  localSignInLimiter,
  SIGN_IN_LIMITS,
  SignInThrottle,
} from "./sign-in-throttle.js";

function throttle() {
  let now = 0;
  const t = new SignInThrottle(() => now);
  return {
    t,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const fail = (t: SignInThrottle, email: string, address: string, times: number) => {
  for (let i = 0; i < times; i++) {
    expect(t.check(email, address)).toEqual({ allowed: true });
    t.failed(email, address);
  }
};

describe("console sign-in throttle", () => {
  it("lets the free failures through, then backs off doubling per failure (2 s, 4 s, 8 s…)", () => {
    const { t, advance } = throttle();
    fail(t, "a@x.example", "10.0.0.1", SIGN_IN_LIMITS.freeFailures);
    expect(t.check("a@x.example", "10.0.0.1")).toEqual({ allowed: true });
    t.failed("a@x.example", "10.0.0.1"); // the first failure over the free ones
    expect(t.check("a@x.example", "10.0.0.1")).toEqual({ allowed: false, retryAfter: 2 });
    advance(2_000);
    t.failed("a@x.example", "10.0.0.1");
    expect(t.check("a@x.example", "10.0.0.1")).toEqual({ allowed: false, retryAfter: 4 });
    advance(4_000);
    t.failed("a@x.example", "10.0.0.1");
    expect(t.check("a@x.example", "10.0.0.1")).toEqual({ allowed: false, retryAfter: 8 });
  });

  it("never waits longer than the cap however many failures", () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 60; i++) {
      advance(SIGN_IN_LIMITS.maxDelayMs);
      t.failed("a@x.example", "10.0.0.1");
    }
    expect(t.check("a@x.example", "10.0.0.1")).toEqual({
      allowed: false,
      retryAfter: SIGN_IN_LIMITS.maxDelayMs / 1000,
    });
  });

  it("a guesser elsewhere does not lock the user out: the user's own address signs in", () => {
    const { t } = throttle();
    fail(t, "a@x.example", "203.0.113.9", SIGN_IN_LIMITS.freeFailures + 1);
    expect(t.check("a@x.example", "203.0.113.9").allowed).toBe(false);
    expect(t.check("a@x.example", "198.51.100.7")).toEqual({ allowed: true });
    // nor other users from the guesser's address (until the address's own limit)
    expect(t.check("b@x.example", "203.0.113.9")).toEqual({ allowed: true });
  });

  it("a right password forgets the address's failures for that e-mail address", () => {
    const { t } = throttle();
    fail(t, "a@x.example", "10.0.0.1", SIGN_IN_LIMITS.freeFailures);
    t.succeeded("a@x.example", "10.0.0.1");
    fail(t, "a@x.example", "10.0.0.1", SIGN_IN_LIMITS.freeFailures);
    expect(t.check("a@x.example", "10.0.0.1")).toEqual({ allowed: true });
  });

  it("an address spraying many e-mail addresses is limited on its own", () => {
    const { t, advance } = throttle();
    for (let i = 0; i < SIGN_IN_LIMITS.addressBurst; i++) fail(t, `u${i}@x.example`, "10.0.0.9", 1);
    expect(t.check("new@x.example", "10.0.0.9")).toEqual({
      allowed: false,
      retryAfter: SIGN_IN_LIMITS.addressIntervalS,
    });
    expect(t.check("new@x.example", "10.0.0.10")).toEqual({ allowed: true });
    advance(SIGN_IN_LIMITS.addressIntervalS * 1000);
    expect(t.check("new@x.example", "10.0.0.9")).toEqual({ allowed: true });
  });

  it("waits 0 for the free failures, then 2 s doubling up to the 15-minute cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 15, 100].map(backOffMs)).toEqual([
      0, 0, 0, 0, 0, 2_000, 4_000, 8_000, 256_000, 512_000, 900_000, 900_000,
    ]);
  });

  it("forgets a streak a day after its wait ended", () => {
    const { t, advance } = throttle();
    fail(t, "a@x.example", "10.0.0.1", SIGN_IN_LIMITS.freeFailures + 1);
    expect(t.check("a@x.example", "10.0.0.1")).toEqual({ allowed: false, retryAfter: 2 });
    advance(2_000 + SIGN_IN_LIMITS.forgetAfterMs);
    // still remembered at the very end of the day: one more failure waits 4 s
    t.failed("a@x.example", "10.0.0.1");
    expect(t.check("a@x.example", "10.0.0.1")).toEqual({ allowed: false, retryAfter: 4 });
    advance(4_000 + SIGN_IN_LIMITS.forgetAfterMs + 1);
    // forgotten: the free failures again
    fail(t, "a@x.example", "10.0.0.1", SIGN_IN_LIMITS.freeFailures);
    expect(t.check("a@x.example", "10.0.0.1")).toEqual({ allowed: true });
  });

  it("as a limiter for one process, answers as the throttle does", async () => {
    const { t } = throttle();
    const limiter = localSignInLimiter(t);
    for (let i = 0; i <= SIGN_IN_LIMITS.freeFailures; i++) {
      expect(await limiter.check("a@x.example", "10.0.0.1")).toEqual({ allowed: true });
      await limiter.failed("a@x.example", "10.0.0.1");
    }
    expect(await limiter.check("a@x.example", "10.0.0.1")).toEqual({
      allowed: false,
      retryAfter: 2,
    });
    await limiter.succeeded("a@x.example", "10.0.0.1");
    expect(await limiter.check("a@x.example", "10.0.0.1")).toEqual({ allowed: true });
  });

  it("keeps a bounded number of entries", () => {
    let now = 0;
    const t = new SignInThrottle(() => now, 10);
    for (let i = 0; i < 100; i++) {
      now += 1;
      t.failed(`u${i}@x.example`, `10.0.0.${i}`);
    }
    expect(t.check("u99@x.example", "10.0.0.99")).toEqual({ allowed: true });
  });
});
