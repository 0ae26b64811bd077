/**
 * The embedded database's read cache (src/storage/read-cache.ts) against the real database:
 * an entry is served until a statement that may write runs, a load that raced a write is not
 * remembered, reads inside a transaction bypass it. PostgreSQL's, told of writes by its
 * listener: read-cache.postgres.test.ts.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedRead, readCacheOf } from "../../src/storage/read-cache.js";
import { billingTenant } from "../billing-tenant.js";
import { createTestDatabase, type TestDatabase } from "../harness.js";
import { describeServer } from "../server.js";

describe("read cache [pglite]", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
  });
  afterAll(async () => {
    await database?.close();
  });
  const db = () => database.db;

  const load = (email: string) => async () => {
    const { rows } = await sql<{ v: string }>`SELECT ${email}::text AS v`.execute(db());
    return rows[0]!.v;
  };

  it("is on", () => {
    expect(readCacheOf(db())?.live).toBe(true);
  });

  it("serves an entry until a write, then loads again", async () => {
    const first = await cachedRead(db(), "x", load("a"));
    const second = await cachedRead(db(), "x", load("b"));
    expect(first).toBe("a");
    expect(second).toBe("a");
    await sql`CREATE TABLE read_cache_probe (v text)`.execute(db());
    expect(await cachedRead(db(), "x", load("c"))).toBe("c");
  });

  it("a raw statement that writes empties it; a raw SELECT does not", async () => {
    await cachedRead(db(), "raw", load("1"));
    await sql`SELECT 1`.execute(db());
    expect(await cachedRead(db(), "raw", load("2"))).toBe("1");
    // a column whose name starts like a writing word is no write
    await sql`SELECT 1 AS updated_at, 2 AS deleted_at, 3 AS inserted`.execute(db());
    expect(await cachedRead(db(), "raw", load("2"))).toBe("1");
    await sql`INSERT INTO read_cache_probe VALUES ('x')`.execute(db());
    expect(await cachedRead(db(), "raw", load("3"))).toBe("3");
    // a locking read is treated as a write
    await cachedRead(db(), "raw", load("3"));
    await sql`SELECT v FROM read_cache_probe FOR UPDATE`.execute(db());
    expect(await cachedRead(db(), "raw", load("5"))).toBe("5");
    // a CTE may write: treated as a write
    await db()
      .with("t", (q) => q.selectFrom("tenants").select("id"))
      .selectFrom("t")
      .selectAll()
      .execute();
    expect(await cachedRead(db(), "raw", load("4"))).toBe("4");
  });

  it("a load that raced a write is answered but not remembered", async () => {
    const raced = await cachedRead(db(), "race", async () => {
      const value = await load("old")();
      // a write commits while the load is under way
      await sql`UPDATE read_cache_probe SET v = 'y'`.execute(db());
      return value;
    });
    expect(raced).toBe("old");
    expect(await cachedRead(db(), "race", load("new"))).toBe("new");
  });

  it("reads in a transaction bypass it and see the transaction's own writes", async () => {
    await cachedRead(db(), "tx", load("outside"));
    await db()
      .transaction()
      .execute(async (trx) => {
        expect(readCacheOf(trx)).toBeUndefined();
        expect(await cachedRead(trx, "tx", async () => "inside")).toBe("inside");
      });
  });

  it("entries are frozen: a caller cannot change what the next read gets", async () => {
    const value = await cachedRead(db(), "frozen", async () => ({ a: { b: [1] } }));
    const again = await cachedRead(db(), "frozen", async () => ({ a: { b: [2] } }));
    expect(again).toBe(value);
    expect(Object.isFrozen(again.a.b)).toBe(true);
    expect(() => {
      (again.a.b as number[]).push(3);
    }).toThrow(TypeError);
  });
});

describeServer("read cache through the API", (t) => {
  it("a customer or contract read after a change answers the change", async () => {
    const api = await billingTenant(t.server, "Read cache", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    const customer = await api.customer();
    const contract = await api.signup(customer, variant);
    // warm: read twice
    for (let i = 0; i < 2; i++) {
      expect((await api.get(`/v1/customers/${customer}`)).first_name).not.toBe("Renamed");
      expect((await api.get(`/v1/contracts/${contract}`)).end_date).toBeNull();
    }
    const patched = await api.request("PATCH", `/v1/customers/${customer}`, {
      first_name: "Renamed",
    });
    expect(patched.status).toBe(200);
    expect((await api.get(`/v1/customers/${customer}`)).first_name).toBe("Renamed");
    await api.post(`/v1/contracts/${contract}/end`, { end_date: "2026-03-01T00:00:00Z" });
    expect((await api.get(`/v1/contracts/${contract}`)).end_date).toBe("2026-03-01T00:00:00Z");
    // a deleted customer is gone at once
    const other = await api.customer();
    expect((await api.get(`/v1/customers/${other}`)).id).toBe(other);
    expect((await api.request("DELETE", `/v1/customers/${other}`)).status).toBe(204);
    expect((await api.request("GET", `/v1/customers/${other}`)).status).toBe(404);
  });
});
