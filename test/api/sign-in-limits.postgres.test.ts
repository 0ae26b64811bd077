/**
 * Console sign-in limits across processes (PostgreSQL only): two app instances on one
 * database, behind one proxy (ACCRUE_TRUST_PROXY), count the same failures, where each
 * process alone would allow the full number of guesses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../../src/http/app.js";
import {
  deleteFullBuckets,
  deleteStaleSignInCounters,
} from "../../src/modules/access/rate-limits.repository.js";
import { SIGN_IN_LIMITS } from "../../src/modules/access/sign-in-throttle.js";
import { createTenant, type TenantCredentials } from "../../src/workflows/tenants.js";
import { createTestDatabase, type TestDatabase } from "../harness.js";

// vitest.config.ts collects this file only in the PostgreSQL pass
describe("console sign-in limits shared by two processes [postgres]", () => {
  const password = "correct horse battery staple";
  let database: TestDatabase;
  let tenant: TenantCredentials;
  const apps: App[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    tenant = await createTenant(database.db, { name: "Signing in" });
    for (let i = 0; i < 2; i++) {
      const app = await buildApp({
        db: database.db,
        backend: "postgres",
        config: {
          bodyLimit: 1_048_576,
          logLevel: "silent",
          publicUrl: "http://127.0.0.1",
          // the load balancer in front of both is this machine
          trustProxy: ["127.0.0.1"],
        },
      });
      urls.push(await app.listen({ host: "127.0.0.1", port: 0 }));
      apps.push(app);
    }
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.close();
  });

  let users = 0;
  const newUser = async () => {
    const email = `user-${++users}@example.com`;
    const res = await fetch(`${urls[0]}/v1/console_users`, {
      method: "POST",
      headers: { authorization: `Bearer ${tenant.api_key}`, "content-type": "application/json" },
      body: JSON.stringify({ email, name: "Operator", password, roles: ["read_only"] }),
    });
    expect(res.status).toBe(201);
    return email;
  };

  /** A sign-in through process `via`, from the client `from` as the proxy forwards it. */
  const signIn = async (via: number, from: string, email: string, pw: string) => {
    const res = await fetch(`${urls[via]}/v1/console_sessions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": from },
      body: JSON.stringify({ email, password: pw }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("failures spread over both processes back off as one streak", async () => {
    const email = await newUser();
    const guesser = "203.0.113.9";
    // the free failures and one more, alternating: each process alone has seen three
    for (let i = 0; i <= SIGN_IN_LIMITS.freeFailures; i++) {
      expect((await signIn(i % 2, guesser, email, `guess ${i}`)).status).toBe(401);
    }
    for (const via of [0, 1]) {
      const waiting = await signIn(via, guesser, email, password);
      expect(waiting.status).toBe(429);
      expect(waiting.body.error).toMatchObject({
        code: "too_many_sign_in_attempts",
        details: { retry_after_seconds: 2 },
      });
    }
    // the wait over, the next failure (through the other process) doubles it
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await signIn(1, guesser, email, "guess again")).status).toBe(401);
    const longer = await signIn(0, guesser, email, password);
    expect(longer.status).toBe(429);
    expect(longer.body.error.details.retry_after_seconds).toBe(4);

    // the user, from their own address behind the same proxy, signs in through either
    for (const via of [0, 1]) {
      const right = await signIn(via, "198.51.100.7", email, password);
      expect(right.status, JSON.stringify(right.body)).toBe(201);
    }

    const keys = await database.db
      .selectFrom("rate_limit_buckets")
      .select(["key", "tokens"])
      .where("key", "like", "sign\\_in:%")
      .orderBy("key")
      .execute();
    expect(keys).toEqual([
      { key: `sign_in:address:${guesser}`, tokens: expect.any(Number) },
      { key: `sign_in:failures:${guesser} ${email}`, tokens: SIGN_IN_LIMITS.freeFailures + 2 },
    ]);
  });

  it("a right password through one process forgets the failures the other counted", async () => {
    const email = await newUser();
    const from = "192.0.2.44";
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailures; i++) {
      expect((await signIn(0, from, email, `guess ${i}`)).status).toBe(401);
    }
    expect((await signIn(1, from, email, password)).status).toBe(201);
    // the free failures again, through the first process
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailures; i++) {
      expect((await signIn(0, from, email, `guess ${i}`)).status).toBe(401);
    }
    expect((await signIn(0, from, email, password)).status).toBe(201);
  });

  it("one address's budget of failures spans both processes, whichever e-mail addresses", async () => {
    const sprayer = "198.18.0.77";
    for (let i = 0; i < SIGN_IN_LIMITS.addressBurst; i++) {
      const res = await signIn(i % 2, sprayer, `nobody-${i}@example.com`, "guess");
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    for (const via of [0, 1]) {
      const refused = await signIn(via, sprayer, "someone-new@example.com", "guess");
      expect(refused.status).toBe(429);
      expect(refused.body.error.details.retry_after_seconds).toBe(SIGN_IN_LIMITS.addressIntervalS);
    }
    // another client behind the proxy is not affected
    const email = await newUser();
    expect((await signIn(1, "198.18.0.78", email, password)).status).toBe(201);
  });

  it("pruning request buckets leaves the sign-in counters alone, which are pruned on their own terms", async () => {
    await database.db
      .insertInto("rate_limit_buckets")
      .values({
        key: "api_key:key_pruned",
        tokens: 1,
        at: new Date(Date.now() - 60_000),
        allowed: true,
      })
      .execute();
    const before = await database.db
      .selectFrom("rate_limit_buckets")
      .select("key")
      .where("key", "like", "sign\\_in:%")
      .execute();
    expect(before.length).toBeGreaterThanOrEqual(4);
    // request buckets refill completely within a millisecond here: all of them are "full"
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await deleteFullBuckets(database.db, { rate: 1000, burst: 1 })).toBeGreaterThanOrEqual(
      1,
    );
    const after = await database.db.selectFrom("rate_limit_buckets").select("key").execute();
    expect(after.map((r) => r.key).sort()).toEqual(before.map((r) => r.key).sort());
    // the sign-in counters are fresh: nothing of them is stale yet
    expect(
      await deleteStaleSignInCounters(database.db, {
        address: { rate: 1 / SIGN_IN_LIMITS.addressIntervalS, burst: SIGN_IN_LIMITS.addressBurst },
        backOffMs: [0],
        forgetAfterS: SIGN_IN_LIMITS.forgetAfterMs / 1000,
      }),
    ).toBe(0);
  });
});
