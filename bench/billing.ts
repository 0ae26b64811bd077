/**
 * Billing-run throughput: a book of N contracts (test/billing-book.ts: a monthly plan, a
 * quantity component and a metered component with usage; one invoice of five lines each) is
 * settled by `accrue bill` processes — as an operator scales out — until nothing is due.
 * Reports invoices per second from the moment every process had opened the database to the
 * last exit, and the ratio to the limit measured in the same run: a `COPY` of the very invoice
 * and invoice-line rows the run wrote into the real, indexed tables of a copy of the database
 * taken just before the run (same book, same keys, constraints and indexes, empty invoices).
 * Checks one invoice per contract per period, and reports each process's resident memory and
 * V8 heap (first quarter, last quarter, high-water). Each round seeds a fresh database;
 * BENCH_ROUNDS rounds (default 3), min/median/max.
 *
 *   node bin/run-ts.js bench/billing.ts                    # PGlite: 3 × 5,000 contracts, 1 process
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bin/run-ts.js bench/billing.ts
 *                                                          # PostgreSQL too: 3 × 20,000, 2 processes
 *   BENCH_CONTRACTS=1000000 BENCH_ROUNDS=1 BENCH_WORKERS=3 BENCH_BACKENDS=postgres …
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { type Backend, migrate, openDatabase } from "../src/storage/db.js";
import { BOOK_INVOICE_TOTAL, BOOK_LINES_PER_INVOICE, seedBook } from "../test/billing-book.js";
import { spawnAccrue } from "../test/cli/process.js";
import { createPostgresDatabase, dropPostgresDatabase } from "../test/harness.js";
import { fmt, show, spread } from "./stats.js";
import { backends, machine } from "./target.js";

const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROBE = path.resolve(import.meta.dirname, "memory-probe.mjs");
/** BENCH_LIVE_HEAP=1: the probe also forces a collection once a second (slows the run). */
const LIVE_HEAP = process.env.BENCH_LIVE_HEAP === "1";

function contractsFor(backend: Backend): number {
  const env = process.env.BENCH_CONTRACTS;
  if (env) return Number(env);
  return backend === "postgres" ? 20_000 : 5_000;
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

type Where = {
  env: Record<string, string>;
  open: () => ReturnType<typeof openDatabase>;
  /** A copy of the database as it is now (call with no connection open). */
  snapshot: () => Promise<void>;
  /** Copies the tenant's billing runs, invoices and lines out of the database the run wrote,
   * then `COPY`s the invoices and lines into the snapshot; seconds of the two COPY FROMs. */
  copyIntoSnapshot: (tenantId: string) => Promise<number>;
  drop: () => Promise<void>;
};

const TABLES = ["billing_runs", "invoices", "invoice_lines"] as const;
const selectOf = (table: string, tenantId: string) =>
  `COPY (SELECT * FROM ${table} WHERE tenant_id = '${tenantId}' ORDER BY id) TO STDOUT`;

async function target(backend: Backend): Promise<Where> {
  if (backend === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-bench-billing-"));
    const dataDir = path.join(dir, "data");
    const copyDir = path.join(dir, "copy");
    return {
      env: { ACCRUE_DATA_DIR: dataDir },
      open: () => openDatabase({ backend: "pglite", dataDir }),
      snapshot: async () => fs.cpSync(dataDir, copyDir, { recursive: true }),
      copyIntoSnapshot: async (tenantId) => {
        const blobs: Blob[] = [];
        const source = await PGlite.create(dataDir);
        try {
          for (const t of TABLES) {
            const r = await source.query(
              selectOf(t, tenantId).replace("STDOUT", "'/dev/blob'"),
              [],
              {},
            );
            blobs.push(r.blob!);
          }
        } finally {
          await source.close();
        }
        const copy = await PGlite.create(copyDir);
        try {
          await copy.query("COPY billing_runs FROM '/dev/blob'", [], { blob: blobs[0]! });
          const started = performance.now();
          await copy.query("COPY invoices FROM '/dev/blob'", [], { blob: blobs[1]! });
          await copy.query("COPY invoice_lines FROM '/dev/blob'", [], { blob: blobs[2]! });
          return (performance.now() - started) / 1000;
        } finally {
          await copy.close();
        }
      },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = await createPostgresDatabase();
  const copyUrl = new URL(url);
  copyUrl.pathname = `${copyUrl.pathname}_copy`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const name = (u: string | URL) => new URL(u).pathname.slice(1);
  return {
    env: { DATABASE_URL: url },
    open: () => openDatabase({ backend: "postgres", url }),
    snapshot: () => admin(`CREATE DATABASE ${name(copyUrl)} TEMPLATE ${name(url)}`),
    copyIntoSnapshot: async (tenantId) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-bench-billing-rows-"));
      try {
        const source = new pg.Client({ connectionString: url });
        await source.connect();
        try {
          for (const t of TABLES) {
            await pipeline(
              source.query(copyTo(selectOf(t, tenantId))),
              fs.createWriteStream(path.join(dir, t)),
            );
          }
        } finally {
          await source.end();
        }
        const copy = new pg.Client({ connectionString: copyUrl.href });
        await copy.connect();
        try {
          const load = (t: string) =>
            pipeline(
              fs.createReadStream(path.join(dir, t)),
              copy.query(copyFrom(`COPY ${t} FROM STDIN`)),
            );
          await load("billing_runs");
          const started = performance.now();
          await load("invoices");
          await load("invoice_lines");
          return (performance.now() - started) / 1000;
        } finally {
          await copy.end();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name(copyUrl)} WITH (FORCE)`);
      await dropPostgresDatabase(url);
    },
  };
}

type Memory = {
  early: number;
  late: number;
  peak: number;
  peakRss: number;
  heapPeak: number;
  heapEarly: number;
  heapLate: number;
  /** Heap in use after a forced collection (BENCH_LIVE_HEAP=1), first and last sample. */
  liveFirst: number | null;
  liveLast: number | null;
};

function memoryOf(file: string, started: number): Memory {
  const { maxRssKib, samples, live } = JSON.parse(fs.readFileSync(file, "utf8")) as {
    maxRssKib: number;
    samples: [number, number, number][];
    live: [number, number][];
  };
  const liveDuring = live.filter((s) => s[0] >= started);
  const during = samples.filter((s) => s[0] >= started);
  const q = Math.max(1, Math.floor(during.length / 4));
  const median = (xs: number[]) => spread(xs.length ? xs : [0]).median;
  return {
    early: median(during.slice(0, q).map((s) => s[1])),
    late: median(during.slice(-q).map((s) => s[1])),
    peak: Math.max(0, ...during.map((s) => s[1])),
    peakRss: maxRssKib * 1024,
    heapEarly: median(during.slice(0, q).map((s) => s[2])),
    heapLate: median(during.slice(-q).map((s) => s[2])),
    heapPeak: Math.max(0, ...during.map((s) => s[2])),
    liveFirst: liveDuring[0]?.[1] ?? null,
    liveLast: liveDuring.at(-1)?.[1] ?? null,
  };
}

type Round = {
  rate: number;
  copyRate: number;
  seconds: number;
  seedSeconds: number;
  memory: Memory[];
  ok: boolean;
};

async function round(backend: Backend, n: number, workers: number): Promise<Round> {
  const where = await target(backend);
  const memDir = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-bench-memory-"));
  try {
    const seededAt = performance.now();
    let database = await where.open();
    await migrate(database.db);
    let last = 0;
    const book = await seedBook(database.db, backend, {
      contracts: n,
      progress: (copied) => {
        if (copied - last >= 50_000 || copied === n - 1) {
          process.stderr.write(`  seeded ${fmt(copied + 1)} / ${fmt(n)} contracts\n`);
          last = copied;
        }
      },
    });
    // as autovacuum would have left a database that was not just bulk-loaded: the tables the
    // book wrote vacuumed and analysed, the others (invoices among them) never touched. An
    // empty table analysed says "empty" to the planner, which then checks each invoice line's
    // foreign key by a sequential scan of invoices for the rest of a connection's life
    // (bench/README.md, 2026-12-07); autovacuum analyses only tables that changed.
    const written = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relpersistence = 'p'
      ORDER BY c.relname`.execute(database.db);
    const seededTables: string[] = [];
    for (const { name } of written.rows) {
      const any = await sql<{
        any: boolean;
      }>`SELECT EXISTS (SELECT FROM ${sql.table(name)}) AS any`.execute(database.db);
      if (any.rows[0]!.any) seededTables.push(name);
    }
    await sql`VACUUM ANALYZE ${sql.join(seededTables.map((t) => sql.table(t)))}`.execute(
      database.db,
    );
    const due = await sql<{ n: string }>`
      SELECT count(*) AS n FROM contracts c JOIN tenants t ON t.id = c.tenant_id
      WHERE c.tenant_id = ${book.tenantId} AND c.next_billing_at <= t.test_clock_now`.execute(
      database.db,
    );
    const dueContracts = Number(due.rows[0]!.n);
    await database.close();
    const seedSeconds = (performance.now() - seededAt) / 1000;
    // the limit's database: the same book, not billed
    await where.snapshot();

    const children = Array.from({ length: workers }, () =>
      spawnAccrue(["bill"], {
        ...where.env,
        LOG_LEVEL: "warn",
        NODE_OPTIONS:
          `${process.env.NODE_OPTIONS ?? ""} --import ${PROBE}${LIVE_HEAP ? " --expose-gc" : ""}`.trim(),
        BENCH_MEMORY_FILE: path.join(memDir, "m"),
      }),
    );
    // billing starts once every process has opened the database (start-up is not billing)
    await Promise.all(children.map((c) => c.waitFor(/settling due contracts/)));
    const started = performance.now();
    const startedWall = Date.now();
    const codes = await Promise.all(children.map((c) => c.exited));
    const seconds = (performance.now() - started) / 1000;
    for (const [i, c] of children.entries()) {
      if (codes[i] !== 0) throw new Error(`accrue bill exited with ${codes[i]}:\n${c.output()}`);
      process.stderr.write(c.output().replace(/^/gm, `  [${i + 1}] `));
    }
    const memory = children.map((c) => memoryOf(path.join(memDir, `m.${c.pid}`), startedWall));

    database = await where.open();
    const t = book.tenantId;
    const totals = await sql<{
      n: string;
      sum: string;
      numbers: string;
      contracts: string;
      lines: string;
    }>`
      SELECT count(*) AS n, sum(total_net) AS sum, count(DISTINCT number) AS numbers,
             count(DISTINCT contract_id) AS contracts,
             (SELECT count(*) FROM invoice_lines WHERE tenant_id = ${t}) AS lines
      FROM invoices WHERE tenant_id = ${t}`.execute(database.db);
    // one invoice per contract per period: no contract with two invoices for the same
    // service period, and no charge (contract, charge key: the charge and its period) billed twice
    const twice = await sql<{ invoices: string; charges: string }>`
      SELECT
        (SELECT count(*) FROM (SELECT 1 FROM invoices WHERE tenant_id = ${t}
           GROUP BY contract_id, service_period_start, service_period_end HAVING count(*) > 1) d)
          AS invoices,
        (SELECT count(*) FROM (SELECT 1 FROM invoice_lines WHERE tenant_id = ${t}
           GROUP BY contract_id, charge_key, period_start, period_end HAVING count(*) > 1) d)
          AS charges`.execute(database.db);
    await database.close();
    const r = totals.rows[0]!;
    const d = twice.rows[0]!;
    const expectedSum = BigInt(BOOK_INVOICE_TOTAL.replace(".", "")) * BigInt(n);
    const ok =
      dueContracts === n &&
      Number(r.n) === n &&
      Number(r.numbers) === n &&
      Number(r.contracts) === dueContracts &&
      Number(r.lines) === n * BOOK_LINES_PER_INVOICE &&
      BigInt(r.sum) === expectedSum &&
      Number(d.invoices) === 0 &&
      Number(d.charges) === 0;
    console.error(
      `  round: ${fmt(n / seconds)} invoices/s; due ${dueContracts}, invoices ${r.n}, numbered ${r.numbers}, distinct contracts ${r.contracts}, lines ${r.lines}, sum ${r.sum}, contract periods billed twice ${d.invoices}, charges billed twice ${d.charges}`,
    );

    const copySeconds = await where.copyIntoSnapshot(t);
    return { rate: n / seconds, copyRate: n / copySeconds, seconds, seedSeconds, memory, ok };
  } finally {
    fs.rmSync(memDir, { recursive: true, force: true });
    await where.drop();
  }
}

async function onBackend(backend: Backend) {
  const n = contractsFor(backend);
  // PGlite is one process's database
  const workers = backend === "postgres" ? WORKERS : 1;
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round(backend, n, workers));
  console.log(
    `\n## ${backend}: ${fmt(n)} contracts, ${workers} \`accrue bill\` process(es), ${ROUNDS} round(s) each on a fresh database: median (min–max)\n`,
  );
  console.log("| measure | value |");
  console.log("|---|---|");
  for (const [i, r] of rounds.entries()) {
    console.log(
      `| round ${i + 1}: billing run | ${r.seconds.toFixed(1)} s, **${fmt(r.rate)} invoices/s** |`,
    );
    console.log(`| round ${i + 1}: COPY of the same rows | ${fmt(r.copyRate)} invoices/s |`);
    console.log(
      `| round ${i + 1}: book seeded in ${r.seedSeconds.toFixed(1)} s; one invoice per due contract and period (${BOOK_INVOICE_TOTAL} each, numbered once) | ${r.ok} |`,
    );
  }
  const rate = spread(rounds.map((r) => r.rate));
  const copy = spread(rounds.map((r) => r.copyRate));
  const ok = rounds.every((r) => r.ok);
  console.log(`| invoices per round | ${fmt(n)} (${BOOK_LINES_PER_INVOICE} lines each) |`);
  console.log(`| billing run, invoices/s | **${show(rate)}** |`);
  console.log(
    `| COPY of the same invoices and lines into the indexed tables, invoices/s | ${show(copy)} |`,
  );
  console.log(`| ratio billing ÷ COPY (medians) | ${(rate.median / copy.median).toFixed(3)} |`);
  const per = (pick: (m: Memory) => number) =>
    show(spread(rounds.flatMap((r) => r.memory.map(pick))), (x) => String(mib(x)));
  console.log(
    `| resident memory per process, MiB: first quarter / last quarter / high-water of the process (getrusage, start-up included) | ${per((m) => m.early)} / ${per((m) => m.late)} / ${per((m) => m.peakRss)} |`,
  );
  console.log(
    `| V8 heap used per process, MiB: first quarter / last quarter / peak | ${per((m) => m.heapEarly)} / ${per((m) => m.heapLate)} / ${per((m) => m.heapPeak)} |`,
  );
  if (LIVE_HEAP) {
    const live = (pick: (m: Memory) => number | null) => per((m) => pick(m) ?? Number.NaN);
    console.log(
      `| live heap per process after a forced collection, MiB: first second / last second of the run | ${live((m) => m.liveFirst)} / ${live((m) => m.liveLast)} |`,
    );
  }
  console.log(
    `| one invoice per due contract and period, ${BOOK_INVOICE_TOTAL} each, numbered once, every round | ${ok} |`,
  );
  if (!ok) process.exitCode = 1;
}

console.log("# Accrue billing-run benchmark");
console.log(machine());
// BENCH_BACKENDS=postgres: PostgreSQL alone
for (const backend of backends()) await onBackend(backend);
