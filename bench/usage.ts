/**
 * Usage ingestion: `POST /v1/usage/batch` with 1,000 events a request (each request with its
 * own Idempotency-Key, each event with a de-duplication key) sent by this process to an
 * `accrue serve` process on a loopback port, several requests in flight. Reports events per
 * second next to the limit measured in the same run: a `COPY` of as many rows of the same
 * values into the same table, with its primary key and indexes (the unique de-duplication key
 * among them) as the requests found it; BENCH_ROUNDS rounds (default 3), each on a fresh
 * database (PostgreSQL: `COPY FROM STDIN`; PGlite: `COPY FROM '/dev/blob'`).
 *
 *   node bin/run-ts.js bench/usage.ts                                   # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bin/run-ts.js bench/usage.ts
 *   BENCH_EVENTS=500000 BENCH_INFLIGHT=8 BENCH_BACKENDS=postgres …
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type Backend, migrate, openDatabase } from "../src/storage/db.js";
import { seedBook } from "../test/billing-book.js";
import { serve } from "../test/cli/process.js";
import { createPostgresDatabase, dropPostgresDatabase } from "../test/harness.js";
import { fmt, show, spread } from "./stats.js";
import { backends, machine } from "./target.js";

const BATCH = 1000;
const INFLIGHT = Number(process.env.BENCH_INFLIGHT ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONTRACTS = 100;

function eventsFor(backend: Backend): number {
  const env = process.env.BENCH_EVENTS;
  if (env) return Number(env);
  return backend === "postgres" ? 100_000 : 20_000;
}

type Target = {
  env: Record<string, string>;
  open: () => ReturnType<typeof openDatabase>;
  drop: () => Promise<void>;
  /** COPY of `rows` CSV lines into usage_records; seconds taken. */
  copy: (csv: string) => Promise<number>;
};

const COPY_SQL =
  "COPY usage_records (id, tenant_id, contract_id, component_id, quantity, due_at, key, created_at) FROM STDIN WITH (FORMAT csv)";

async function target(backend: Backend): Promise<Target> {
  if (backend === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-bench-usage-"));
    const dataDir = path.join(dir, "data");
    return {
      env: { ACCRUE_DATA_DIR: dataDir },
      open: () => openDatabase({ backend: "pglite", dataDir }),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
      copy: async (csv) => {
        const pglite = await PGlite.create(dataDir);
        try {
          const started = performance.now();
          await pglite.query(COPY_SQL.replace("STDIN", "'/dev/blob'"), [], {
            blob: new Blob([csv]),
          });
          return (performance.now() - started) / 1000;
        } finally {
          await pglite.close();
        }
      },
    };
  }
  const url = await createPostgresDatabase();
  return {
    env: { DATABASE_URL: url },
    open: () => openDatabase({ backend: "postgres", url }),
    drop: () => dropPostgresDatabase(url),
    copy: async (csv) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const started = performance.now();
        await pipeline(Readable.from([csv]), client.query(copyFrom(COPY_SQL)));
        return (performance.now() - started) / 1000;
      } finally {
        await client.end();
      }
    },
  };
}

type Round = { rate: number; raw: number; p50: number; p99: number; ok: boolean };

async function round(backend: Backend, total: number): Promise<Round> {
  const requests = Math.ceil(total / BATCH);
  const where = await target(backend);
  try {
    let database = await where.open();
    await migrate(database.db);
    const book = await seedBook(database.db, backend, { contracts: CONTRACTS });
    const contracts = (
      await database.db
        .selectFrom("contracts")
        .select("id")
        .where("tenant_id", "=", book.tenantId)
        .orderBy("id")
        .execute()
    ).map((c) => c.id);
    const calls = await database.db
      .selectFrom("components")
      .select("id")
      .where("tenant_id", "=", book.tenantId)
      .where("name", "=", "API calls")
      .executeTakeFirstOrThrow();
    await sql`VACUUM ANALYZE`.execute(database.db);
    await database.close();

    const server = await serve({ ...where.env, ACCRUE_WORKER: "false", LOG_LEVEL: "warn" });
    const body = (r: number) =>
      JSON.stringify({
        events: Array.from({ length: BATCH }, (_, i) => ({
          contract_id: contracts[(r * BATCH + i) % contracts.length],
          component_id: calls.id,
          quantity: "1",
          due_date: "2026-01-20T12:00:00Z",
          key: `r${r}-e${i}`,
        })),
      });
    const latencies: number[] = [];
    let next = 0;
    let failed = 0;
    let accepted = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: INFLIGHT }, async () => {
        for (let r = next++; r < requests; r = next++) {
          const payload = body(r);
          const sent = performance.now();
          const res = await fetch(`${server.url}/v1/usage/batch`, {
            method: "POST",
            headers: {
              authorization: `Bearer ${book.apiKey}`,
              "content-type": "application/json",
              "idempotency-key": `bench-usage-${r}`,
            },
            body: payload,
          });
          const answer = (await res.json()) as { accepted?: number };
          latencies.push(performance.now() - sent);
          if (res.status !== 200) failed += 1;
          else accepted += answer.accepted ?? 0;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await server.stop();

    // the limit: the same number of rows COPYed into the same table
    const now = new Date().toISOString();
    let csv = "";
    // the same rows as the requests' (contract, component, quantity, due date, no memo), ids
    // of the same length and keys of the same shape (c… instead of r…: the unique index holds)
    for (let n = 0; n < requests * BATCH; n++) {
      const r = Math.floor(n / BATCH);
      const id = `usage_${String(n).padStart(26, "0")}`;
      csv += `${id},${book.tenantId},${contracts[n % contracts.length]},${calls.id},1,2026-01-20T12:00:00Z,c${r}-e${n % BATCH},${now}\n`;
    }
    const copySeconds = await where.copy(csv);

    database = await where.open();
    const stored = await database.db
      .selectFrom("usage_records")
      .select(({ fn }) => fn.countAll<string>().as("n"))
      .where("tenant_id", "=", book.tenantId)
      .where("key", "like", "r%-e%")
      .executeTakeFirstOrThrow();
    await database.close();

    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
    const rate = (requests * BATCH) / seconds;
    const raw = (requests * BATCH) / copySeconds;
    const ok = failed === 0 && accepted === requests * BATCH && Number(stored.n) === accepted;
    if (!ok) console.error(`failed requests ${failed}, accepted ${accepted}, stored ${stored.n}`);
    return { rate, raw, p50: pct(0.5), p99: pct(0.99), ok };
  } finally {
    await where.drop();
  }
}

async function onBackend(backend: Backend) {
  const total = eventsFor(backend);
  const requests = Math.ceil(total / BATCH);
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round(backend, total));
  const rate = spread(rounds.map((r) => r.rate));
  const raw = spread(rounds.map((r) => r.raw));
  const ms = (x: number) => x.toFixed(0);
  console.log(
    `\n## ${backend}: ${fmt(requests * BATCH)} events, ${fmt(requests)} requests of ${fmt(BATCH)}, ${INFLIGHT} in flight; ${ROUNDS} round(s), each on a fresh database: median (min–max)\n`,
  );
  console.log("| measure | value |");
  console.log("|---|---|");
  console.log(`| ingestion, events/s | **${show(rate)}** |`);
  console.log(
    `| request latency p50 / p99, ms | ${show(spread(rounds.map((r) => r.p50)), ms)} / ${show(spread(rounds.map((r) => r.p99)), ms)} |`,
  );
  console.log(`| COPY of as many rows into usage_records (indexes, keys), rows/s | ${show(raw)} |`);
  console.log(`| ratio ingestion ÷ COPY (medians) | ${(rate.median / raw.median).toFixed(3)} |`);
  const ok = rounds.every((r) => r.ok);
  console.log(`| every event stored once, no failed request, every round | ${ok} |`);
  if (!ok) process.exitCode = 1;
}

console.log("# Accrue usage-ingestion benchmark");
console.log(machine());
// BENCH_BACKENDS=postgres: PostgreSQL alone
for (const backend of backends()) await onBackend(backend);
