/**
 * The read cache on PostgreSQL (src/storage/read-cache.ts, read-cache-fence.ts): two
 * database handles, each with its own pool, cache and fence connection, stand for two
 * processes. A write through one is never hidden from a read through the other by a cached
 * entry, whichever table-level path it takes; a write that changes no cached column keeps the
 * entries; reads that arrive together share a fence; a lost connection suspends the cache
 * until a new one answers; recorded changes are deleted once every process has had time to
 * see them, and a process that has not looked for that long forgets its cache.
 */
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findContractWithTimeline } from "../../src/modules/contracts/contracts.repository.js";
import { findCustomerView } from "../../src/modules/customers/customers.repository.js";
import { type Database, openDatabase } from "../../src/storage/db.js";
import { CONTRACT_CACHE_IGNORED } from "../../src/storage/migrations/0072_contract_read_cache_row_trigger.js";
import { type ReadCache, readCacheOf } from "../../src/storage/read-cache.js";
import {
  fenceOf,
  READ_CACHE_APPLICATION,
  RETENTION_MS,
  ReadCacheFence,
} from "../../src/storage/read-cache-fence.js";
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
      if (performance.now() > until) throw new Error("the read cache never connected");
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
      // read until an answer comes from memory (a load that overlapped a fence which saw the
      // last write is not remembered, so the first read after a write may load twice)
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

  it("a contract's update trigger names every column but the billing dates", async () => {
    // a column added to contracts without recreating the trigger (contractReadCacheTrigger,
    // migration 0072) would change cached reads unseen: this names it
    const { rows } = await sql<{ name: string; named: boolean }>`
      SELECT a.attname AS name, a.attnum = any(t.tgattr::int2[]) AS named
      FROM pg_attribute a, pg_trigger t
      WHERE a.attrelid = 'contracts'::regclass AND a.attnum > 0 AND NOT a.attisdropped
        AND t.tgrelid = 'contracts'::regclass AND t.tgname = 'contracts_read_cache_update'`.execute(
      writer.db,
    );
    expect(rows.length).toBeGreaterThan(20);
    const unnamed = rows.filter((r) => !r.named).map((r) => r.name);
    expect(unnamed.sort()).toEqual([...CONTRACT_CACHE_IGNORED].sort());
  });

  it("a contract updated in a cached column empties the entries; its billing dates alone do not", async () => {
    const cache = cacheOf(reader);
    const readContract = () => findContractWithTimeline(reader.db, tenantId, contractId);
    await readContract();
    await readContract();
    const hits = cache.hits;
    // both billing dates, as a settlement sets them; and a cached column set to what it holds
    await sql`UPDATE contracts SET next_billing_at = now(), last_billed_at = now() WHERE id = ${contractId}`.execute(
      writer.db,
    );
    await sql`UPDATE contracts SET currency = currency WHERE id = ${contractId}`.execute(writer.db);
    await readContract();
    expect(cache.hits).toBe(hits + 1);
    await sql`UPDATE contracts SET billing_frozen = NOT billing_frozen WHERE id = ${contractId}`.execute(
      writer.db,
    );
    const misses = cache.misses;
    await readContract();
    expect(cache.misses).toBe(misses + 1);
    await sql`UPDATE contracts SET billing_frozen = NOT billing_frozen WHERE id = ${contractId}`.execute(
      writer.db,
    );
    // the restoring write seen before the next test counts its hits
    await readContract();
    await readContract();
  });

  it("reads that arrive together share a fence", async () => {
    const cache = cacheOf(reader);
    await readName();
    const hits = cache.hits;
    const fences = fenceOf(reader.db)!.fences;
    const names = await Promise.all(Array.from({ length: 50 }, () => readName()));
    expect(new Set(names).size).toBe(1);
    expect(cache.hits).toBe(hits + 50);
    // the first read sends a fence, the other 49 wait for at most one more
    expect(fenceOf(reader.db)!.fences - fences).toBeLessThanOrEqual(2);
  });

  it("a lost fence connection suspends the cache until a new one answers", async () => {
    const cache = cacheOf(reader);
    // a transaction left open elsewhere holds the horizon back: changes committed before the
    // new connection stay past it, and must not read as new to it
    const held = new pg.Client({ connectionString: writer.url! });
    await held.connect();
    await held.query("BEGIN");
    await held.query("SELECT pg_current_xact_id()");
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
    await held.query("ROLLBACK");
    await held.end();
  });

  it("changes are deleted once seen long enough ago; a process silent that long forgets its cache", async () => {
    let clock = 0;
    const fence = new ReadCacheFence(writer.url!, () => clock);
    fence.start();
    try {
      await untilLive(fence.cache);
      const load = (value: string) => async () => value;
      await fence.cache.get("k", load("a"));
      expect(await fence.cache.get("k", load("b"))).toBe("a");
      // silent for more than half the retention: the next read loads
      clock += RETENTION_MS / 2 + 1;
      expect(await fence.cache.get("k", load("c"))).toBe("c");
      expect(await fence.cache.get("k", load("d"))).toBe("c");

      await writer.db
        .updateTable("customers")
        .set({ first_name: "Recorded" })
        .where("id", "=", customerId)
        .execute();
      const below = async (horizon: bigint) =>
        Number(
          (
            await sql<{ n: string }>`SELECT count(*)::text AS n FROM read_cache_changes
              WHERE xid < ${horizon.toString()}::xid8`.execute(writer.db)
          ).rows[0]!.n,
        );
      // the fence that sees the change empties the cache; a minute later, one notes its
      // horizon as what may be deleted a retention later (the horizon is the oldest
      // transaction running on the whole server, so the change is past it unless another
      // database's transaction is older)
      expect(await fence.cache.get("k", load("e"))).toBe("e");
      clock += 60_000;
      expect(await fence.cache.get("k", load("f"))).toBe("e");
      const noted = fence.horizon;
      const cleanings = fence.cleanings;
      clock += 30_000;
      await fence.cache.get("k", load("g"));
      expect(fence.cleanings).toBe(cleanings);
      // a retention later, a fence deletes what is below that horizon, and only that
      const total = async () => below(2n ** 63n);
      const past = (await total()) - (await below(noted));
      clock += RETENTION_MS;
      await fence.cache.get("k", load("h"));
      await fence.cache.get("k", load("i"));
      expect(fence.cleanings).toBe(cleanings + 1);
      expect(await below(noted)).toBe(0);
      expect(await total()).toBeGreaterThanOrEqual(past);
    } finally {
      await fence.close();
    }
  });
});
