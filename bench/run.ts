/**
 * Benchmarks of the foundation, each reported next to the limit measured in the same run:
 *   - HTTP: a bare Fastify route, GET /healthz, an authenticated read (GET /v1/tenant) and an
 *     authenticated, audited, idempotent write (POST /v1/api_keys) — req/s, p50, p99 and the
 *     ratio to the bare route;
 *   - database: raw multi-row INSERT into the audit table vs. API writes per second.
 * Runs on embedded PGlite, and on PostgreSQL too when DATABASE_URL is set.
 *
 *   npm run bench                      # BENCH_SECONDS=5 per HTTP case by default
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench
 */
import os from "node:os";
import autocannon from "autocannon";
import Fastify from "fastify";
import { buildApp } from "../src/http/app.js";
import { newId } from "../src/lib/ids.js";
import type { Backend } from "../src/storage/db.js";
import { createTenant } from "../src/workflows/tenants.js";
import { createTestDatabase } from "../test/harness.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

type Row = { case: string; rps: number; p50: number; p99: number; errors: number };

async function load(
  url: string,
  options: {
    method?: "GET" | "POST";
    headers?: Record<string, string>;
    body?: (i: number) => string;
  },
): Promise<Omit<Row, "case">> {
  let i = 0;
  const result = await autocannon({
    url,
    method: options.method ?? "GET",
    headers: options.headers,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: options.body
      ? [
          {
            setupRequest: (req) => {
              const n = i++;
              return {
                ...req,
                body: options.body!(n),
                headers: { ...req.headers, "idempotency-key": `bench-${n}` },
              };
            },
          },
        ]
      : undefined,
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function bare(): Promise<Row> {
  const app = Fastify();
  app.get("/bare", async () => ({ ok: true }));
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const r = await load(`${url}/bare`, {});
  await app.close();
  return { case: "bare Fastify GET", ...r };
}

async function onBackend(backend: Backend, bareRps: number) {
  const database = await createTestDatabase(backend);
  const app = await buildApp({
    db: database.db,
    backend,
    config: { bodyLimit: 1_048_576, logLevel: "silent", publicUrl: "http://127.0.0.1" },
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const tenant = await createTenant(database.db, { name: "Bench" });
  const auth = { authorization: `Bearer ${tenant.api_key}` };
  const rows: Row[] = [];
  rows.push({ case: "GET /healthz (one SELECT 1)", ...(await load(`${url}/healthz`, {})) });
  rows.push({
    case: "GET /v1/tenant (auth + read)",
    ...(await load(`${url}/v1/tenant`, { headers: auth })),
  });
  rows.push({
    case: "POST /v1/api_keys (auth + tx + audit + outbox + idempotency)",
    ...(await load(`${url}/v1/api_keys`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: (i) => JSON.stringify({ name: `bench-${i}`, roles: ["read_only"] }),
    })),
  });
  await app.close();

  // raw database insert rate: 20 batches of 1,000 rows into the audit table
  const started = performance.now();
  const total = 20_000;
  for (let b = 0; b < total / 1000; b++) {
    await database.db
      .insertInto("audit_events")
      .values(
        Array.from({ length: 1000 }, () => ({
          id: newId("audit"),
          tenant_id: tenant.tenant_id,
          occurred_at: new Date(),
          tenant_time: new Date(),
          actor_type: "system",
          actor_id: "bench",
          operation: "bench.insert",
          outcome: "succeeded" as const,
          request_id: "bench",
        })),
      )
      .execute();
  }
  const insertRate = Math.round(total / ((performance.now() - started) / 1000));
  await database.close();

  console.log(`\n## ${backend}\n`);
  console.log("| case | req/s | p50 ms | p99 ms | non-2xx/errors | vs bare route |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(
      `| ${r.case} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / bareRps).toFixed(3)} |`,
    );
  }
  const writes = rows[2]!.rps;
  console.log(
    `\nraw multi-row INSERT: ${insertRate} rows/s; API writes/s ÷ raw rows/s = ${(writes / insertRate).toFixed(4)}`,
  );
}

console.log(`# Accrue foundation benchmark`);
console.log(
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
console.log(
  `${SECONDS}s per case, ${CONNECTIONS} connections; load generator and server share the machine.`,
);
const b = await bare();
console.log(`\nbare Fastify GET: ${b.rps} req/s, p50 ${b.p50} ms, p99 ${b.p99} ms`);
await onBackend("pglite", b.rps);
if (process.env.DATABASE_URL) await onBackend("postgres", b.rps);
