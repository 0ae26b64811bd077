/**
 * A real `accrue serve` process SIGKILLed while clients post usage batches: after a restart
 * every acknowledged event is there, and a client that retries what was not acknowledged
 * (same Idempotency-Key, same event keys) ends with every event stored exactly once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { type Backend, migrate, openDatabase } from "../../src/storage/db.js";
import { seedBook } from "../billing-book.js";
import { BACKENDS, createPostgresDatabase, dropPostgresDatabase } from "../harness.js";
import { type Env, serve } from "./process.js";

// each test starts real processes (tsx, PGlite, migrations): slow on a busy two-core machine
vi.setConfig({ testTimeout: 300_000 });

const BATCHES = 40;
const PER_BATCH = 200;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-ingest-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function target(backend: Backend) {
  if (backend === "pglite") {
    const dataDir = path.join(tmp, "data");
    return {
      env: { ACCRUE_DATA_DIR: dataDir } as Env,
      open: () => openDatabase({ backend: "pglite", dataDir }),
      drop: async () => {},
    };
  }
  const url = await createPostgresDatabase();
  return {
    env: { DATABASE_URL: url } as Env,
    open: () => openDatabase({ backend: "postgres", url }),
    drop: () => dropPostgresDatabase(url),
  };
}

for (const backend of BACKENDS) {
  describe(`usage ingestion through a crash [${backend}]`, () => {
    it("SIGKILL mid-stream: acknowledged events survive; retries complete the rest exactly once", async () => {
      const where = await target(backend);
      try {
        let database = await where.open();
        await migrate(database.db);
        const book = await seedBook(database.db, backend, { contracts: 10 });
        const contracts = (
          await database.db
            .selectFrom("contracts")
            .select("id")
            .where("tenant_id", "=", book.tenantId)
            .execute()
        ).map((c) => c.id);
        const calls = await database.db
          .selectFrom("components")
          .select("id")
          .where("tenant_id", "=", book.tenantId)
          .where("name", "=", "API calls")
          .executeTakeFirstOrThrow();
        await database.close();

        const body = (b: number) =>
          JSON.stringify({
            events: Array.from({ length: PER_BATCH }, (_, i) => ({
              contract_id: contracts[i % contracts.length],
              component_id: calls.id,
              quantity: "1",
              due_date: "2026-01-20T12:00:00Z",
              key: `b${b}-e${i}`,
            })),
          });
        const send = (url: string, b: number) =>
          fetch(`${url}/v1/usage/batch`, {
            method: "POST",
            headers: {
              authorization: `Bearer ${book.apiKey}`,
              "content-type": "application/json",
              "idempotency-key": `batch-${b}`,
            },
            body: body(b),
          }).then(
            async (res) => ({ status: res.status, body: (await res.json()) as any }),
            () => null, // the connection died with the server
          );

        const server = await serve({ ...where.env, ACCRUE_WORKER: "false" });
        const acknowledged = new Map<number, { accepted: number }>();
        let next = 0;
        let killed = false;
        await Promise.all(
          Array.from({ length: 3 }, async () => {
            for (let b = next++; b < BATCHES && !killed; b = next++) {
              const res = await send(server.url, b);
              if (res?.status === 200) acknowledged.set(b, res.body);
              if (acknowledged.size >= BATCHES / 4 && !killed) {
                killed = true;
                server.child.kill("SIGKILL");
              }
            }
          }),
        );
        await server.stop("SIGKILL");
        expect(acknowledged.size).toBeGreaterThan(0);
        expect(acknowledged.size).toBeLessThan(BATCHES);

        // after the restart: every acknowledged event is stored
        database = await where.open();
        const stored = async () =>
          (
            await database.db
              .selectFrom("usage_records")
              .select("key")
              .where("tenant_id", "=", book.tenantId)
              .where("key", "like", "b%-e%")
              .execute()
          ).map((r) => r.key!);
        const afterCrash = new Set(await stored());
        for (const b of acknowledged.keys()) {
          for (let i = 0; i < PER_BATCH; i++) expect(afterCrash.has(`b${b}-e${i}`)).toBe(true);
        }
        await database.close();

        // the client retries every batch (acknowledged ones included) with the same keys
        const again = await serve({ ...where.env, ACCRUE_WORKER: "false" });
        try {
          for (let b = 0; b < BATCHES; b++) {
            const res = await send(again.url, b);
            expect(res?.status, JSON.stringify(res?.body)).toBe(200);
            // an acknowledged batch answers its first response again
            if (acknowledged.has(b)) expect(res!.body).toEqual(acknowledged.get(b));
          }
        } finally {
          await again.stop();
        }
        database = await where.open();
        const keys = await stored();
        await database.close();
        expect(keys).toHaveLength(BATCHES * PER_BATCH);
        expect(new Set(keys).size).toBe(BATCHES * PER_BATCH);
      } finally {
        await where.drop();
      }
    });
  });
}
