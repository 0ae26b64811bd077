/**
 * API latency: reads and writes of customers and contracts sent by autocannon from this
 * process to an `accrue serve` process (its own process, as in production), first as fast as
 * they go (throughput, and its ratio to a bare Fastify route served by another process in the
 * same run), then at fixed rates (p50/p99 at a given load). The tenant runs on the system clock
 * with 10,000 customers and contracts.
 *
 *   node bin/run-ts.js bench/api.ts                                       # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bin/run-ts.js bench/api.ts
 *   BENCH_SECONDS=10 BENCH_READ_RATES=2000,5000,7000 BENCH_BACKENDS=postgres …
 */
import { type ChildProcess, spawn } from "node:child_process";
import autocannon from "autocannon";
import { sql } from "kysely";
import { seedBook } from "../test/billing-book.js";
import { serve } from "../test/cli/process.js";
import { backends, machine, target } from "./target.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
const rates = (name: string, fallback: number[]) =>
  process.env[name]?.split(",").map(Number) ?? fallback;
const READ_RATES = rates("BENCH_READ_RATES", [1000, 2500, 5000]);
const WRITE_RATES = rates("BENCH_WRITE_RATES", [100, 250]);
const fmt = (n: number) => Math.round(n).toLocaleString("en");

type Measured = { rps: number; p50: number; p99: number; failed: number };

type Case = {
  name: string;
  kind: "read" | "write";
  method: "GET" | "POST" | "PATCH";
  /** Path and body of the n-th request. */
  request: (n: number) => { path: string; body?: unknown };
};

let run = 0;

async function load(
  url: string,
  c: Case,
  headers: Record<string, string>,
  rate?: number,
): Promise<Measured> {
  let n = 0;
  const tag = `${Date.now()}-${run++}`;
  const result = await autocannon({
    url,
    connections: rate ? Math.max(CONNECTIONS, Math.ceil(rate / 100)) : CONNECTIONS,
    duration: SECONDS,
    overallRate: rate,
    requests: [
      {
        setupRequest: (req) => {
          const i = n++;
          const { path, body } = c.request(i);
          return {
            ...req,
            method: c.method,
            path,
            headers:
              c.method === "GET"
                ? headers
                : {
                    ...headers,
                    "content-type": "application/json",
                    "idempotency-key": `bench-${tag}-${i}`,
                  },
            body: body === undefined ? undefined : JSON.stringify(body),
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.errors + result.non2xx + result.timeouts,
  };
}

/** A bare Fastify route in its own process: the HTTP limit of this machine. */
async function bareServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import Fastify from "fastify";
       const app = Fastify();
       app.get("/bare", async () => ({ ok: true }));
       console.log(await app.listen({ host: "127.0.0.1", port: 0 }));`,
    ],
    { cwd: new URL("..", import.meta.url).pathname, stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d) => resolve(String(d).trim()));
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { url, child };
}

async function onBackend(backend: "pglite" | "postgres", bareRps: number) {
  const where = await target(backend);
  try {
    const database = await where.open();
    const { migrate } = await import("../src/storage/db.js");
    await migrate(database.db);
    const book = await seedBook(database.db, backend, { contracts: RECORDS });
    // production-like: the tenant on the system clock
    await database.db
      .updateTable("tenants")
      .set({ test_clock_now: null })
      .where("id", "=", book.tenantId)
      .execute();
    const ids = async (table: "customers" | "contracts") =>
      (
        await database.db
          .selectFrom(table)
          .select("id")
          .where("tenant_id", "=", book.tenantId)
          .orderBy("id")
          .execute()
      ).map((r) => r.id);
    const customers = await ids("customers");
    const contracts = await ids("contracts");
    const variant = await database.db
      .selectFrom("plan_variants")
      .select("id")
      .where("tenant_id", "=", book.tenantId)
      .executeTakeFirstOrThrow();
    await sql`VACUUM ANALYZE`.execute(database.db);
    await database.close();

    // one key sends every request: its rate limit is raised out of the way (still checked)
    const server = await serve({
      ...where.env,
      ACCRUE_WORKER: "false",
      LOG_LEVEL: "warn",
      ACCRUE_RATE_LIMIT: "1000000",
    });
    const pick = (list: string[], n: number) => list[(n * 7919) % list.length]!;
    const cases: Case[] = [
      {
        name: "GET /v1/customers/{id}",
        kind: "read",
        method: "GET",
        request: (n) => ({ path: `/v1/customers/${pick(customers, n)}` }),
      },
      {
        name: "GET /v1/contracts/{id}",
        kind: "read",
        method: "GET",
        request: (n) => ({ path: `/v1/contracts/${pick(contracts, n)}` }),
      },
      {
        name: "GET /v1/customers?limit=20",
        kind: "read",
        method: "GET",
        request: (n) => ({ path: `/v1/customers?limit=20&cursor=${pick(customers, n)}` }),
      },
      {
        name: "POST /v1/customers",
        kind: "write",
        method: "POST",
        request: (n) => ({
          path: "/v1/customers",
          body: { email: `bench-${n}@x.example`, first_name: "Bench", last_name: `No ${n}` },
        }),
      },
      {
        name: "PATCH /v1/customers/{id}",
        kind: "write",
        method: "PATCH",
        request: (n) => ({
          path: `/v1/customers/${pick(customers, n)}`,
          body: { company_name: `Company ${n}` },
        }),
      },
      {
        name: "POST /v1/orders (signup)",
        kind: "write",
        method: "POST",
        request: (n) => ({
          path: "/v1/orders",
          body: { customer_id: pick(customers, n), plan_variant_id: variant.id },
        }),
      },
      {
        name: "POST /v1/contracts/{id}/end",
        kind: "write",
        method: "POST",
        request: (n) => ({
          path: `/v1/contracts/${pick(contracts, n)}/end`,
          body: { end_date: "2027-06-30T00:00:00Z" },
        }),
      },
    ];
    const headers = { authorization: `Bearer ${book.apiKey}` };
    console.log(`\n## ${backend}: ${fmt(RECORDS)} customers and contracts\n`);
    console.log("| case | load | req/s | p50 ms | p99 ms | failed | ÷ bare route |");
    console.log("|---|---|---|---|---|---|---|");
    try {
      for (const c of cases) {
        const max = await load(server.url, c, headers);
        const row = (load: string, m: Measured, ratio: string) =>
          console.log(
            `| ${c.name} | ${load} | ${fmt(m.rps)} | ${m.p50} | ${m.p99} | ${m.failed} | ${ratio} |`,
          );
        row(`max, ${CONNECTIONS} conn.`, max, (max.rps / bareRps).toFixed(3));
        for (const rate of c.kind === "read" ? READ_RATES : WRITE_RATES) {
          row(`${fmt(rate)}/s`, await load(server.url, c, headers, rate), "");
        }
      }
    } finally {
      await server.stop();
    }
  } finally {
    await where.drop();
  }
}

console.log("# Accrue API latency benchmark");
console.log(machine());
console.log(
  `${SECONDS}s per run; autocannon in this process, accrue serve and the bare route in their own; all share the machine.`,
);
const bare = await bareServer();
try {
  const b = await load(
    bare.url,
    { name: "bare", kind: "read", method: "GET", request: () => ({ path: "/bare" }) },
    {},
  );
  console.log(
    `\nbare Fastify GET (own process): ${fmt(b.rps)} req/s, p50 ${b.p50} ms, p99 ${b.p99} ms`,
  );
  for (const backend of backends()) await onBackend(backend, b.rps);
} finally {
  bare.child.kill();
}
