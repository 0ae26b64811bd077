/**
 * Rate limits across processes (PostgreSQL only): two app instances on one database share
 * one limit per caller, counted in the database, where each process alone would allow the
 * full rate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../../src/http/app.js";
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
