/**
 * Billing-run throughput: a book of N contracts (test/billing-book.ts: a monthly plan, a
 * quantity component and a metered component with usage; one invoice of five lines each) is
 * settled by `accrue bill` processes — as an operator scales out — until nothing is due.
 * Reports invoices per second from the moment every process had opened the database to the
 * last exit, the ratio to a raw insert of the same invoice and line rows measured in the same
 * run, and each process's resident memory early and late in the run (it must not grow with N).
 *
 *   node bin/run-ts.js bench/billing.ts                    # PGlite: 10,000 contracts, 1 process
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bin/run-ts.js bench/billing.ts
 *                                                          # PostgreSQL too: 100,000, 2 processes
 *   BENCH_CONTRACTS=1000000 BENCH_WORKERS=3 BENCH_BACKENDS=postgres …
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import { type Backend, migrate, openDatabase } from "../src/storage/db.js";
import type { DB } from "../src/storage/schema.js";
import { BOOK_INVOICE_TOTAL, BOOK_LINES_PER_INVOICE, seedBook } from "../test/billing-book.js";
import { spawnAccrue } from "../test/cli/process.js";
import { createPostgresDatabase, dropPostgresDatabase } from "../test/harness.js";
import { backends, machine } from "./target.js";

const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

function contractsFor(backend: Backend): number {
  const env = process.env.BENCH_CONTRACTS;
  if (env) return Number(env);
  return backend === "postgres" ? 100_000 : 10_000;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const mib = (kib: number) => Math.round(kib / 1024);

/** Resident memory of a process in KiB (Linux), or null once it has gone. */
function rssKib(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function target(backend: Backend) {
  if (backend === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accrue-bench-billing-"));
    const dataDir = path.join(dir, "data");
    return {
      env: { ACCRUE_DATA_DIR: dataDir },
      open: () => openDatabase({ backend: "pglite", dataDir }),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = await createPostgresDatabase();
  return {
    env: { DATABASE_URL: url },
    open: () => openDatabase({ backend: "postgres", url }),
    drop: () => dropPostgresDatabase(url),
  };
}

async function onBackend(backend: Backend) {
  const n = contractsFor(backend);
  // PGlite is one process's database
  const workers = backend === "postgres" ? WORKERS : 1;
  const where = await target(backend);
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
    // as autovacuum would have left a database that was not just bulk-loaded
    await sql`VACUUM ANALYZE`.execute(database.db);
    await database.close();
    const seedSeconds = (performance.now() - seededAt) / 1000;

    const children = Array.from({ length: workers }, () =>
      spawnAccrue(["bill"], { ...where.env, LOG_LEVEL: "warn" }),
    );
    const samples: { at: number; kib: number }[][] = children.map(() => []);
    const sampler = setInterval(() => {
      children.forEach((c, i) => {
        const kib = c.pid ? rssKib(c.pid) : null;
        if (kib !== null) samples[i]!.push({ at: performance.now(), kib });
      });
    }, 200);
    // billing starts once every process has opened the database (start-up is not billing)
    await Promise.all(children.map((c) => c.waitFor(/settling due contracts/)));
    const started = performance.now();
    const codes = await Promise.all(children.map((c) => c.exited));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    for (const [i, c] of children.entries()) {
      if (codes[i] !== 0) throw new Error(`accrue bill exited with ${codes[i]}:\n${c.output()}`);
      process.stderr.write(c.output().replace(/^/gm, `  [${i + 1}] `));
    }

    database = await where.open();
    const totals = await database.db
      .selectFrom("invoices")
      .select(({ fn }) => [
        fn.countAll<string>().as("n"),
        fn.sum<string>("total_net").as("sum"),
        fn.count<string>("number").distinct().as("numbers"),
      ])
      .where("tenant_id", "=", book.tenantId)
      .executeTakeFirstOrThrow();
    const expectedSum = BigInt(BOOK_INVOICE_TOTAL.replace(".", "")) * BigInt(n);
    const ok =
      Number(totals.n) === n && Number(totals.numbers) === n && BigInt(totals.sum) === expectedSum;
    const raw = await rawInsert(database.db, n);
    await database.close();

    const rate = n / seconds;
    console.log(
      `\n## ${backend}: ${fmt(n)} contracts, ${workers} \`accrue bill\` process(es) (book seeded in ${seedSeconds.toFixed(1)} s)\n`,
    );
    console.log("| measure | value |");
    console.log("|---|---|");
    console.log(`| invoices | ${fmt(Number(totals.n))} (${BOOK_LINES_PER_INVOICE} lines each) |`);
    console.log(`| billing run | ${seconds.toFixed(1)} s, **${fmt(rate)} invoices/s** |`);
    console.log(`| raw insert of the same rows (one process) | ${fmt(raw)} invoices/s |`);
    console.log(`| ratio billing ÷ raw | ${(rate / raw).toFixed(3)} |`);
    for (const [i, s] of samples.entries()) {
      const during = s.filter((x) => x.at >= started);
      const q = Math.max(1, Math.floor(during.length / 4));
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      const early = median(during.slice(0, q).map((x) => x.kib));
      const late = median(during.slice(-q).map((x) => x.kib));
      const peak = Math.max(0, ...during.map((x) => x.kib));
      console.log(
        `| process ${i + 1} resident memory: first quarter, last quarter, peak | ${mib(early)}, ${mib(late)}, ${mib(peak)} MiB |`,
      );
    }
    console.log(
      `| every invoice as expected (${BOOK_INVOICE_TOTAL} each, numbered once) | ${ok} |`,
    );
    if (!ok) {
      process.exitCode = 1;
      console.error(`unexpected result: ${JSON.stringify(totals)}`);
    }
  } finally {
    await where.drop();
  }
}

/**
 * The limit: the run's own invoice and line rows inserted again into scratch tables by one
 * process, 500 invoices (2,500 lines) per multi-row INSERT. Invoices per second.
 */
async function rawInsert(db: Kysely<DB>, n: number): Promise<number> {
  await sql`CREATE TABLE raw_invoices (LIKE invoices INCLUDING DEFAULTS)`.execute(db);
  await sql`CREATE TABLE raw_lines (LIKE invoice_lines INCLUDING DEFAULTS)`.execute(db);
  const template = await db.selectFrom("invoices").selectAll().limit(1).executeTakeFirstOrThrow();
  const lines = await db
    .selectFrom("invoice_lines")
    .selectAll()
    .where("invoice_id", "=", template.id)
    .execute();
  const started = performance.now();
  const BATCH = 500; // 2,500 lines × 15 columns: within the 65,535 parameters of one statement
  for (let from = 0; from < n; from += BATCH) {
    const count = Math.min(BATCH, n - from);
    const invoices = Array.from({ length: count }, (_, i) => ({
      ...template,
      sender: JSON.stringify(template.sender),
      recipient: JSON.stringify(template.recipient),
      tax_rows: JSON.stringify(template.tax_rows),
      id: `raw_${from + i}`,
      number: `R-${from + i}`,
      sequence: String(from + i),
    }));
    await db
      .insertInto("raw_invoices" as "invoices")
      .values(invoices as never)
      .execute();
    const rows = invoices.flatMap((inv) =>
      lines.map((l, p) => ({ ...l, id: `${inv.id}_${p}`, invoice_id: inv.id })),
    );
    await db
      .insertInto("raw_lines" as "invoice_lines")
      .values(rows as never)
      .execute();
  }
  const rate = n / ((performance.now() - started) / 1000);
  await sql`DROP TABLE raw_invoices, raw_lines`.execute(db);
  return rate;
}

console.log("# Accrue billing-run benchmark");
console.log(machine());
// BENCH_BACKENDS=postgres: PostgreSQL alone
for (const backend of backends()) await onBackend(backend);
