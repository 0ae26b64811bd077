/**
 * API latency: reads and writes of customers, contracts and usage sent by autocannon from this
 * process to an `accrue serve` process (its own process, as in production). Each case runs
 * as fast as it goes three times, interleaved with its baseline (baseline, case, baseline,
 * case, …), reported min/median/max; the ratio is the case's median over the baseline's
 * median from the same rounds. Then the case runs once at each fixed rate (p50/p99 at a given
 * load). The tenant runs on the system clock with 10,000 customers and contracts.
 *
 * Baselines, each a Fastify process of its own on the same machine:
 *   - reads and writes: a bare route answering `{ ok: true }` (the HTTP limit);
 *   - a single usage event (`POST /v1/contracts/{id}/usage`, sent without and with an
 *     Idempotency-Key; the event's own `key` de-duplicates it): a bare route doing one
 *     `INSERT … ON CONFLICT DO NOTHING RETURNING *` into `usage_records` of the same database,
 *     as the endpoint's own insert. PostgreSQL only: PGlite's data directory is locked by the
 *     `accrue serve` process, so no second process can open it.
 *
 *   node bin/run-ts.js bench/api.ts                                       # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bin/run-ts.js bench/api.ts
 *   BENCH_SECONDS=10 BENCH_ROUNDS=5 BENCH_READ_RATES=2000,5000 BENCH_BACKENDS=postgres …
 */
import { type ChildProcess, spawn } from "node:child_process";
import autocannon from "autocannon";
import { sql } from "kysely";
import pg from "pg";
import { seedBook } from "../test/billing-book.js";
import { serve } from "../test/cli/process.js";
import { fmt, show, spread } from "./stats.js";
import { backends, machine, target } from "./target.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const FIXED_SECONDS = Number(process.env.BENCH_FIXED_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
/** BENCH_CASES="GET /v1/customers/{id},POST /v1/customers": only the cases whose names contain one. */
const ONLY = process.env.BENCH_CASES?.split(",");
/** How many customers the hot-set read case reads. */
const HOT = 1_000;
const rates = (name: string, fallback: number[]) =>
  process.env[name]?.split(",").map(Number) ?? fallback;
const READ_RATES = rates("BENCH_READ_RATES", [1000, 2500, 5000]);
const WRITE_RATES = rates("BENCH_WRITE_RATES", [100, 250]);

type Measured = {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  /** Requests answered. */
  total: number;
  /** WAL the database wrote per answered request (PostgreSQL), bytes. */
  wal?: number;
};

/** The database's WAL position (PostgreSQL), to measure what a load run wrote. */
let walPosition: (() => Promise<bigint>) | null = null;
let walClient: pg.Client | null = null;

type Case = {
  name: string;
  kind: "read" | "write";
  method: "GET" | "POST" | "PATCH";
  /** Path and body of the n-th request; `tag` is unique to the load run. */
  request: (n: number, tag: string) => { path: string; body?: unknown };
  /** The baseline measured beside it: the bare route, or the bare usage insert. */
  baseline: "bare" | "usage-insert";
  /** Whether each write sends an `Idempotency-Key` (default: yes). */
  idempotencyKey?: boolean;
};

let run = 0;

async function load(
  url: string,
  c: Pick<Case, "method" | "request" | "idempotencyKey">,
  headers: Record<string, string>,
  options: { rate?: number; seconds?: number } = {},
): Promise<Measured> {
  let n = 0;
  const tag = `${Date.now()}-${run++}`;
  const { rate } = options;
  const walBefore = walPosition ? await walPosition() : null;
  const result = await autocannon({
    url,
    connections: rate ? Math.max(CONNECTIONS, Math.ceil(rate / 100)) : CONNECTIONS,
    duration: options.seconds ?? SECONDS,
    overallRate: rate,
    requests: [
      {
        setupRequest: (req) => {
          const i = n++;
          const { path, body } = c.request(i, tag);
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
                    ...(c.idempotencyKey === false
                      ? {}
                      : { "idempotency-key": `bench-${tag}-${i}` }),
                  },
            body: body === undefined ? undefined : JSON.stringify(body),
          };
        },
      },
    ],
  });
  const walAfter = walPosition && walBefore !== null ? await walPosition() : null;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.errors + result.non2xx + result.timeouts,
    total: result.requests.total,
    ...(walAfter !== null && walBefore !== null && result.requests.total > 0
      ? { wal: Number(walAfter - walBefore) / result.requests.total }
      : {}),
  };
}

/**
 * The baselines' process: `GET /bare`, and with a database `POST /usage/:contract` — one
 * insert into usage_records, the same statement as the endpoint's, over a pool of the same
 * size (10) as `accrue serve`'s.
 */
const BARE_SERVER = `
import Fastify from "fastify";
import pg from "pg";
const app = Fastify();
app.get("/bare", async () => ({ ok: true }));
const url = process.env.BARE_DATABASE_URL;
if (url) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const tenant = process.env.BARE_TENANT;
  let seq = 0;
  app.post("/usage/:contract", async (req, reply) => {
    const b = req.body;
    const now = new Date();
    const id = "usage_" + now.getTime().toString(32).padStart(10, "0") + String(seq++).padStart(16, "0");
    const { rows } = await pool.query(
      "INSERT INTO usage_records (id, tenant_id, contract_id, component_id, quantity, due_at, memo, key, created_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) " +
        "ON CONFLICT (tenant_id, contract_id, key) WHERE key IS NOT NULL DO NOTHING RETURNING *",
      [id, tenant, req.params.contract, b.component_id, b.quantity, b.due_date ?? now, b.memo ?? null, b.key ?? null, now],
    );
    reply.code(201);
    return rows[0];
  });
}
console.log(await app.listen({ host: "127.0.0.1", port: 0 }));
`;

async function bareServer(env: Record<string, string> = {}): Promise<{
  url: string;
  child: ChildProcess;
}> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", BARE_SERVER], {
    cwd: new URL("..", import.meta.url).pathname,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d) => resolve(String(d).trim()));
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { url, child };
}

async function onBackend(backend: "pglite" | "postgres") {
  const where = await target(backend);
  const children: ChildProcess[] = [];
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
    const calls = await database.db
      .selectFrom("components")
      .select("id")
      .where("tenant_id", "=", book.tenantId)
      .where("name", "=", "API calls")
      .executeTakeFirstOrThrow();
    await sql`VACUUM ANALYZE`.execute(database.db);
    await database.close();

    const bare = await bareServer(
      backend === "postgres"
        ? { BARE_DATABASE_URL: where.location, BARE_TENANT: book.tenantId }
        : {},
    );
    children.push(bare.child);
    // one key sends every request: its rate limit is raised out of the way (still checked)
    const server = await serve(
      {
        ...where.env,
        ACCRUE_WORKER: "false",
        LOG_LEVEL: "warn",
        ACCRUE_RATE_LIMIT: "1000000",
      },
      undefined,
      // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server
      process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
    );
    children.push(server.child);
    const pick = (list: string[], n: number) => list[(n * 7919) % list.length]!;
    const hot = customers.slice(0, HOT);
    const usageEvent = (n: number, tag: string) => ({
      component_id: calls.id,
      quantity: "1",
      key: `bench-${tag}-${n}`,
    });
    const cases: Case[] = [
      {
        name: "GET /v1/customers/{id}",
        kind: "read",
        method: "GET",
        baseline: "bare",
        request: (n) => ({ path: `/v1/customers/${pick(customers, n)}` }),
      },
      {
        // a hot set, as real traffic has: the same 1,000 customers read again and again
        name: "GET /v1/customers/{id} (1,000 hot)",
        kind: "read",
        method: "GET",
        baseline: "bare",
        request: (n) => ({ path: `/v1/customers/${pick(hot, n)}` }),
      },
      {
        name: "GET /v1/contracts/{id}",
        kind: "read",
        method: "GET",
        baseline: "bare",
        request: (n) => ({ path: `/v1/contracts/${pick(contracts, n)}` }),
      },
      {
        name: "GET /v1/customers?limit=20",
        kind: "read",
        method: "GET",
        baseline: "bare",
        request: (n) => ({ path: `/v1/customers?limit=20&cursor=${pick(customers, n)}` }),
      },
      {
        // the event's own `key` de-duplicates it, as the baseline's insert does: no
        // Idempotency-Key, so the event is one statement without a transaction
        name: "POST /v1/contracts/{id}/usage (one event)",
        kind: "write",
        method: "POST",
        baseline: "usage-insert",
        idempotencyKey: false,
        request: (n, tag) => ({
          path: `/v1/contracts/${pick(contracts, n)}/usage`,
          body: usageEvent(n, tag),
        }),
      },
      {
        name: "POST /v1/contracts/{id}/usage (one event, Idempotency-Key)",
        kind: "write",
        method: "POST",
        baseline: "usage-insert",
        request: (n, tag) => ({
          path: `/v1/contracts/${pick(contracts, n)}/usage`,
          body: usageEvent(n, tag),
        }),
      },
      {
        name: "POST /v1/customers",
        kind: "write",
        method: "POST",
        baseline: "bare",
        request: (n, tag) => ({
          path: "/v1/customers",
          body: { email: `bench-${tag}-${n}@x.example`, first_name: "Bench", last_name: `No ${n}` },
        }),
      },
      {
        name: "PATCH /v1/customers/{id}",
        kind: "write",
        method: "PATCH",
        baseline: "bare",
        request: (n) => ({
          path: `/v1/customers/${pick(customers, n)}`,
          body: { company_name: `Company ${n}` },
        }),
      },
      {
        name: "POST /v1/orders (signup)",
        kind: "write",
        method: "POST",
        baseline: "bare",
        request: (n) => ({
          path: "/v1/orders",
          body: { customer_id: pick(customers, n), plan_variant_id: variant.id },
        }),
      },
      {
        name: "POST /v1/contracts/{id}/end",
        kind: "write",
        method: "POST",
        baseline: "bare",
        request: (n) => ({
          path: `/v1/contracts/${pick(contracts, n)}/end`,
          body: { end_date: "2027-06-30T00:00:00Z" },
        }),
      },
    ];
    const baselines = {
      bare: {
        name: "bare Fastify GET",
        run: () => load(bare.url, { method: "GET", request: () => ({ path: "/bare" }) }, {}),
      },
      "usage-insert":
        backend === "postgres"
          ? {
              name: "bare route: one INSERT into usage_records",
              run: () =>
                load(
                  bare.url,
                  {
                    method: "POST",
                    request: (n, tag) => ({
                      path: `/usage/${pick(contracts, n)}`,
                      body: usageEvent(n, tag),
                    }),
                  },
                  {},
                ),
            }
          : undefined,
    };
    if (backend === "postgres") {
      const client = new pg.Client({ connectionString: where.location });
      await client.connect();
      walClient = client;
      walPosition = async () => {
        const { rows } = await client.query<{ at: string }>(
          "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::text AS at",
        );
        return BigInt(rows[0]!.at);
      };
    }
    const headers = { authorization: `Bearer ${book.apiKey}` };
    const ms = (n: number) => String(Math.round(n));
    console.log(`\n## ${backend}: ${fmt(RECORDS)} customers and contracts\n`);
    console.log(
      `As fast as it goes, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s, each baseline run right before the case: median (min–max).\n`,
    );
    console.log(
      "| case | req/s | p99 ms | failed | baseline | baseline req/s | baseline p99 ms | ÷ baseline (medians) | WAL bytes/request, case / baseline |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|");
    const fixed: string[] = [];
    try {
      for (const c of cases.filter((c) => !ONLY || ONLY.some((o) => c.name.includes(o)))) {
        const base = baselines[c.baseline];
        const caseRuns: Measured[] = [];
        const baseRuns: Measured[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          if (base) baseRuns.push(await base.run());
          caseRuns.push(await load(server.url, c, headers));
        }
        const rps = spread(caseRuns.map((m) => m.rps));
        const p99 = spread(caseRuns.map((m) => m.p99));
        const failed = caseRuns.reduce((s, m) => s + m.failed, 0);
        const walOf = (runs: Measured[]) => {
          const each = runs.flatMap((m) => (m.wal === undefined ? [] : [m.wal]));
          return each.length ? fmt(Math.round(spread(each).median)) : "—";
        };
        let baseCells = `none (PGlite: a second process cannot open the database) | | | | ${walOf(caseRuns)} |`;
        if (base) {
          const bRps = spread(baseRuns.map((m) => m.rps));
          const bP99 = spread(baseRuns.map((m) => m.p99));
          const bFailed = baseRuns.reduce((s, m) => s + m.failed, 0);
          baseCells = `${base.name}${bFailed ? ` (${bFailed} failed)` : ""} | ${show(bRps)} | ${show(bP99, ms)} | ${(rps.median / bRps.median).toFixed(3)} | ${walOf(caseRuns)} / ${walOf(baseRuns)} |`;
        }
        console.log(`| ${c.name} | ${show(rps)} | ${show(p99, ms)} | ${failed} | ${baseCells}`);
        for (const rate of c.kind === "read" ? READ_RATES : WRITE_RATES) {
          const m = await load(server.url, c, headers, { rate, seconds: FIXED_SECONDS });
          fixed.push(
            `| ${c.name} | ${fmt(rate)}/s | ${fmt(m.rps)} | ${m.p50} | ${m.p99} | ${m.failed} |`,
          );
        }
      }
      console.log(`\nAt fixed rates, ${FIXED_SECONDS} s each, once:\n`);
      console.log("| case | load | req/s | p50 ms | p99 ms | failed |");
      console.log("|---|---|---|---|---|---|");
      for (const line of fixed) console.log(line);
    } finally {
      await server.stop();
      walPosition = null;
      await walClient?.end();
    }
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
    await where.drop();
  }
}

console.log("# Accrue API latency benchmark");
console.log(machine());
console.log(
  "autocannon in this process; accrue serve and the baselines' Fastify process in their own; all share the machine.",
);
for (const backend of backends()) await onBackend(backend);
