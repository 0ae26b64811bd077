/**
 * Rate limits across processes (PostgreSQL only): two app instances on one database share
 * one limit per caller, counted in the database, where each process alone would allow the
 * full rate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../../src/http/app.js";
import { leaseSize } from "../../src/modules/access/rate-limits.js";
import { createTenant, type TenantCredentials } from "../../src/workflows/tenants.js";
import { createTestDatabase, type TestDatabase } from "../harness.js";

// vitest.config.ts collects this file only in the PostgreSQL pass
describe("rate limits shared by two processes [postgres]", () => {
  const RATE = 1;
  let database: TestDatabase;
  let tenant: TenantCredentials;
  const apps: App[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    tenant = await createTenant(database.db, { name: "Limited" });
    for (let i = 0; i < 2; i++) {
      const app = await buildApp({
        db: database.db,
        backend: "postgres",
        config: {
          bodyLimit: 1_048_576,
          logLevel: "silent",
          publicUrl: "http://127.0.0.1",
          rateLimit: RATE,
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

  const get = (url: string) =>
    fetch(`${url}/v1/customers`, { headers: { authorization: `Bearer ${tenant.api_key}` } });

  it("one caller gets one limit however many processes it spreads its requests over", async () => {
    // a bucket holds 2 × RATE; requests alternate between the two processes, each of which
    // alone would allow the whole burst; sent at once, so the bucket barely refills meanwhile
    const burst = 2 * RATE;
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 4 * burst }, async (_, i) => {
        const res = await get(urls[i % 2]!);
        await res.arrayBuffer();
        return { status: res.status, retryAfter: res.headers.get("retry-after") };
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const allowed = answers.filter((a) => a.status === 200).length;
    // the one bucket's burst and what it refilled while they ran (each process counting
    // alone would allow a burst each: twice as many)
    expect(allowed).toBeGreaterThanOrEqual(burst);
    expect(allowed, `in ${seconds.toFixed(2)} s`).toBeLessThanOrEqual(
      burst + Math.floor(seconds * RATE),
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBe(4 * burst - allowed);
    for (const r of refused) expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(await database.db.selectFrom("rate_limit_buckets").select("key").execute()).toHaveLength(
      1,
    );

    // the bucket refills at the rate, for both processes
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await get(urls[1]!)).status).toBe(200);
  });
});

describe("a process draws a caller's tokens a few at a time [postgres]", () => {
  // a bucket of 2 × 100 tokens; a process draws up to 5 of them at once
  const RATE = 100;
  let database: TestDatabase;
  let tenant: TenantCredentials;
  const apps: App[] = [];
  const urls: string[] = [];
  let draws = 0;

  beforeAll(async () => {
    database = await createTestDatabase("postgres", {
      onStatement: (s) => {
        if (s.includes("rate_limit_buckets")) draws += 1;
      },
    });
    tenant = await createTenant(database.db, { name: "Leased" });
    for (let i = 0; i < 2; i++) {
      const app = await buildApp({
        db: database.db,
        backend: "postgres",
        config: {
          bodyLimit: 1_048_576,
          logLevel: "silent",
          publicUrl: "http://127.0.0.1",
          rateLimit: RATE,
          // X-Forwarded-For names the client address: many addresses from one test
          trustProxy: true,
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

  /** `count` requests spread over both processes, `inFlight` at a time: their statuses. */
  const send = async (count: number, inFlight: number): Promise<number[]> => {
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < count) {
          const i = next++;
          const res = await fetch(`${urls[i % 2]}/v1/tenant`, {
            headers: { authorization: `Bearer ${tenant.api_key}` },
          });
          await res.arrayBuffer();
          statuses.push(res.status);
        }
      }),
    );
    return statuses;
  };

  it("spends drawn tokens without asking the database, and both together stay within the one bucket", async () => {
    expect(leaseSize(RATE)).toBe(5);
    const started = performance.now();
    // fewer than a bucket holds: every one allowed, with a draw for several requests
    const first = await send(120, 8);
    expect(first.filter((s) => s !== 200)).toEqual([]);
    expect(draws).toBeGreaterThan(0);
    // one draw per request would be 120; a draw brings 5 (requests waiting on a draw under
    // way share it, or draw again when the others spent it)
    expect(draws).toBeLessThanOrEqual(120 / 2);
    // then more than the bucket holds: what both processes allowed in all is what one
    // bucket allows over the time it took
    const second = await send(400, 8);
    const seconds = (performance.now() - started) / 1000;
    const allowed = [...first, ...second].filter((s) => s === 200).length;
    expect(allowed, `in ${seconds.toFixed(2)} s`).toBeLessThanOrEqual(
      2 * RATE + Math.floor(seconds * RATE),
    );
    expect(second.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect([...new Set(second)].sort()).toEqual([200, 429]);
  });

  it("many slow holders of one caller's budget, each far below it, are never refused", async () => {
    // 20 client addresses × 2 processes, each sending a request every 200 ms: 200 requests
    // a second in all against a rate of 100, spread so that no address or process is busy;
    // a lease sized by demand stays at a token or two and what ends unspent goes back
    const other = await createTenant(database.db, { name: "Spread" });
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, a) => {
        for (let i = 0; i < 4; i++) {
          const res = await fetch(`${urls[i % 2]}/v1/tenant`, {
            headers: {
              authorization: `Bearer ${other.api_key}`,
              "x-forwarded-for": `10.0.0.${a + 1}`,
            },
          });
          await res.arrayBuffer();
          statuses.push(res.status);
          await new Promise((resolve) => setTimeout(resolve, 400));
        }
      }),
    );
    expect(statuses).toHaveLength(80);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});
