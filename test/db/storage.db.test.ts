import { sql } from "kysely";
import { pino } from "pino";
import { expect, it } from "vitest";
import { idempotencyCleanup } from "../../src/jobs/idempotency-cleanup.js";
import { startWorker } from "../../src/jobs/runner.js";
import { migrate } from "../../src/storage/db.js";
import { migrations } from "../../src/storage/migrations/index.js";
import { ensureDefaultTenant } from "../../src/workflows/tenants.js";
import { createTestDatabase, describeEachBackend } from "../harness.js";

describeEachBackend("storage", (t) => {
  it("both drivers return the same types: int8, numeric and date as strings", async () => {
    const { rows } = await sql<{
      big: unknown;
      num: unknown;
      day: unknown;
      ts: unknown;
      j: unknown;
      arr: unknown;
    }>`SELECT 9007199254740993::int8 AS big, 12.3400::numeric AS num, DATE '2024-02-29' AS day,
        TIMESTAMPTZ '2024-02-29T12:00:00Z' AS ts, '{"a":1}'::jsonb AS j, ARRAY['x','y']::text[] AS arr`.execute(
      t.database.db,
    );
    expect(rows[0]).toEqual({
      big: "9007199254740993",
      num: "12.3400",
      day: "2024-02-29",
      ts: new Date("2024-02-29T12:00:00Z"),
      j: { a: 1 },
      arr: ["x", "y"],
    });
  });

  it("migrations are recorded and a second run applies nothing", async () => {
    expect(await migrate(t.database.db)).toEqual([]);
    const { rows } = await sql<{
      name: string;
    }>`SELECT name FROM kysely_migration ORDER BY name`.execute(t.database.db);
    expect(rows.map((r) => r.name)).toContain("0001_foundation");
  });

  it("concurrent first starts create exactly one default tenant", async () => {
    const results = await Promise.all([
      ensureDefaultTenant(t.database.db),
      ensureDefaultTenant(t.database.db),
      ensureDefaultTenant(t.database.db),
    ]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await ensureDefaultTenant(t.database.db)).toBeNull();
  });

  it("the worker's cleanup job forgets idempotency keys after 24 hours", async () => {
    const tenant = await t.database.db.selectFrom("tenants").select("id").executeTakeFirstOrThrow();
    const old = new Date(Date.now() - 25 * 3600_000);
    await t.database.db
      .insertInto("idempotency_keys")
      .values([
        {
          tenant_id: tenant.id,
          key: "old",
          operation: "x",
          fingerprint: "f",
          status_code: 200,
          response: "{}",
          created_at: old,
        },
        {
          tenant_id: tenant.id,
          key: "new",
          operation: "x",
          fingerprint: "f",
          status_code: 200,
          response: "{}",
        },
      ] as never)
      .execute();
    const worker = startWorker({
      db: t.database.db,
      log: pino({ level: "silent" }),
      jobs: [idempotencyCleanup],
      intervalMs: 1000,
      autoStart: false,
    });
    expect(await worker.tick()).toBe(1);
    await worker.stop();
    const keys = await t.database.db.selectFrom("idempotency_keys").select("key").execute();
    expect(keys.map((k) => k.key)).toEqual(["new"]);
  });
});

it("an unmigrated database has no tables until migrate runs", async () => {
  const database = await createTestDatabase("pglite", { migrate: false });
  try {
    const before = await sql<{
      n: string;
    }>`SELECT count(*)::int8 AS n FROM pg_tables WHERE tablename = 'tenants'`.execute(database.db);
    expect(before.rows[0]!.n).toBe("0");
    expect(await migrate(database.db)).toEqual(Object.keys(migrations).sort());
  } finally {
    await database.close();
  }
});
