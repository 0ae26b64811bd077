/**
 * The read cache on PostgreSQL (src/storage/read-cache.ts, read-cache-listener.ts): two
 * database handles, each with its own pool, cache and listening connection, stand for two
 * processes. A write through one is never hidden from a read through the other by a cached
 * entry, whichever table-level path it takes; a write that changes no cached column keeps the
 * entries; reads that arrive together share a fence; a lost listening connection suspends the
 * cache until a new one listens.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findContractWithTimeline } from "../../src/modules/contracts/contracts.repository.js";
import { findCustomerView } from "../../src/modules/customers/customers.repository.js";
import { type Database, openDatabase } from "../../src/storage/db.js";
import { type ReadCache, readCacheOf } from "../../src/storage/read-cache.js";
import { listenerOf, READ_CACHE_APPLICATION } from "../../src/storage/read-cache-listener.js";
import { billingTenant } from "../billing-tenant.js";
import type { TestDatabase } from "../harness.js";
import { startTestServer, type TestServer } from "../server.js";

// vitest.config.ts collects this file only in the PostgreSQL pass
describe("read cache shared by two processes [postgres]", () => {
  let server: TestServer;
  let writer: TestDatabase;
  let reader: Database;
  let tenantId: string;
  let customerId: string;
  let contractId: string;

  const cacheOf = (database: { db: object }): ReadCache => {
    const cache = readCacheOf(database.db);
    if (!cache) throw new Error("no read cache");
    return cache;
  };
  const untilLive = async (cache: ReadCache) => {
    const until = performance.now() + 10_000;
    while (!cache.live) {
      if (performance.now() > until) throw new Error("the read cache never started listening");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  beforeAll(async () => {
    server = await startTestServer("postgres");
    writer = server.database;
    const api = await billingTenant(server, "Two processes", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    customerId = await api.customer();
    contractId = await api.signup(customerId, variant);
    const row = await writer.db
      .selectFrom("customers")
      .select("tenant_id")
      .where("id", "=", customerId)
      .executeTakeFirstOrThrow();
    tenantId = row.tenant_id;
    reader = await openDatabase({ backend: "postgres", url: writer.url!, readCache: true });
    await untilLive(cacheOf(reader));
    await untilLive(cacheOf(writer));
  });

  afterAll(async () => {
    await reader?.close();
    await server?.close();
  });

  const readName = async () =>
    (await findCustomerView(reader.db, tenantId, customerId))?.first_name;

  it("a read through the other process answers every committed write, at once", async () => {
    const cache = cacheOf(reader);
    const rename = (name: string) =>
      writer.db
        .updateTable("customers")
        .set({ first_name: name })
        .where("id", "=", customerId)
        .execute();
    await rename("Name 0");
    let answeredFromMemory = 0;
    for (let i = 1; i <= 100; i++) {
      // read until an answer comes from memory (a load that overlapped the last write's
      // notification is not remembered, so the first read after a write may load twice)
      for (let tries = 0; tries < 5; tries++) {
        const hits = cache.hits;
        expect(await readName()).toBe(`Name ${i - 1}`);
        if (cache.hits > hits) {
          answeredFromMemory++;
          break;
        }
      }
      await rename(`Name ${i}`);
      // no wait: the write has committed, so the next read must see it
      expect(await readName()).toBe(`Name ${i}`);
    }
    expect(answeredFromMemory).toBe(100);
  });

  it("sees inserts, deletes and a contract's phases", async () => {
    const timeline = async () => (await findContractWithTimeline(reader.db, tenantId, contractId))!;
    const before = await timeline();
    await timeline();
    await writer.db
      .updateTable("contracts")
      .set({ end_at: new Date("2026-06-01T00:00:00Z") })
      .where("id", "=", contractId)
      .execute();
    expect((await timeline()).row.end_at?.toISOString()).toBe("2026-06-01T00:00:00.000Z");
    const phase = await writer.db
      .selectFrom("contract_phases")
      .selectAll()
      .where("contract_id", "=", contractId)
      .executeTakeFirstOrThrow();
    await writer.db
      .insertInto("contract_phases")
      .values({
        ...phase,
        type: "inactive",
        start_at: new Date("2026-05-01T00:00:00Z"),
      })
      .execute();
    const after = await timeline();
    expect(after.timeline.phases.length).toBe(before.timeline.phases.length + 1);
    await timeline();
    await writer.db
      .deleteFrom("contract_phases")
      .where("contract_id", "=", contractId)
      .where("type", "=", "inactive")
      .execute();
    expect((await timeline()).timeline.phases.length).toBe(before.timeline.phases.length);
  });

  it("a write that changes no cached column keeps the entries; one that does empties them", async () => {
    const cache = cacheOf(reader);
    await readName();
    await readName();
    const hits = cache.hits;
    // what a usage event and the billing run write: a contract's billing dates
    await writer.db
      .updateTable("contracts")
      .set({ next_billing_at: new Date("2026-02-01T00:00:00Z") })
      .where("id", "=", contractId)
      .execute();
    // an update that matches no row, and one that sets a column to what it holds
    await writer.db
      .updateTable("customers")
      .set({ first_name: "nobody" })
      .where("id", "=", "none")
      .execute();
    await sql`UPDATE customers SET first_name = first_name WHERE id = ${customerId}`.execute(
      writer.db,
    );
    await readName();
    expect(cache.hits).toBe(hits + 1);
    await sql`UPDATE contracts SET settlement_failures = settlement_failures + 1 WHERE id = ${contractId}`.execute(
      writer.db,
    );
    const misses = cache.misses;
    await readName();
    expect(cache.misses).toBe(misses + 1);
  });

  it("reads that arrive together share a fence", async () => {
    const listener = cacheOf(reader);
    await readName();
    const hits = listener.hits;
    const fences = listenerOf(reader.db)!.fences;
    const names = await Promise.all(Array.from({ length: 50 }, () => readName()));
    expect(new Set(names).size).toBe(1);
    expect(listener.hits).toBe(hits + 50);
    // the first read sends a fence, the other 49 wait for at most one more
    expect(listenerOf(reader.db)!.fences - fences).toBeLessThanOrEqual(2);
  });

  it("a lost listening connection suspends the cache until a new one listens", async () => {
    const cache = cacheOf(reader);
    await readName();
    const { rows } = await sql<{ pid: number }>`
      SELECT pid FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${READ_CACHE_APPLICATION}`.execute(
      writer.db,
    );
    expect(rows.length).toBe(2);
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${READ_CACHE_APPLICATION}`.execute(
      writer.db,
    );
    await expect.poll(() => cache.live, { timeout: 5_000, interval: 5 }).toBe(false);
    // meanwhile every read loads, and a write is seen
    await writer.db
      .updateTable("customers")
      .set({ first_name: "While lost" })
      .where("id", "=", customerId)
      .execute();
    expect(await readName()).toBe("While lost");
    await untilLive(cache);
    await readName();
    const hits = cache.hits;
    expect(await readName()).toBe("While lost");
    expect(cache.hits).toBe(hits + 1);
  });
});
