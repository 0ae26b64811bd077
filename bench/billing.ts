/**
 * Billing-run throughput: a book of N contracts (test/billing-book.ts: a monthly plan, a
 * quantity component and a metered component with usage; five lines each), settled by the
 * real billing run until nothing is due. Reports invoices per second and the ratio to a raw
 * insert of the same invoice and line rows measured in the same run, and the process memory
 * sampled while the run goes (it should not grow with N).
 *
 *   node bin/run-ts.js bench/billing.ts                    # PGlite, 10,000 contracts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bin/run-ts.js bench/billing.ts
 *                                                          # PostgreSQL too, 100,000 contracts
 *   BENCH_CONTRACTS=1000000 BENCH_WORKERS=2 …              # size and concurrent workers (PG)
 */
import os from "node:os";
import { sql } from "kysely";
import { runBilling } from "../src/modules/invoicing/billing.js";
import type { Backend } from "../src/storage/db.js";
import {
  BOOK_BILLED_AT,
  BOOK_INVOICE_TOTAL,
  BOOK_LINES_PER_INVOICE,
  bookInvoices,
  seedBook,
} from "../test/billing-book.js";
import { createTestDatabase } from "../test/harness.js";

const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);

function contractsFor(backend: Backend): number {
  const env = process.env.BENCH_CONTRACTS;
  if (env) return Number(env);
  return backend === "postgres" ? 100_000 : 10_000;
}

const mib = (n: number) => Math.round(n / 2 ** 20);
const fmt = (n: number) => Math.round(n).toLocaleString("en");

async function onBackend(backend: Backend) {
  const n = contractsFor(backend);
  const workers = backend === "postgres" ? WORKERS : 1;
  const database = await createTestDatabase(backend, { poolSize: workers + 2 });
  const db = database.db;
  const seeded = performance.now();
  let last = 0;
  const book = await seedBook(db, backend, {
    contracts: n,
    progress: (copied) => {
      if (copied - last >= 50_000 || copied === n - 1) {
        process.stderr.write(`  seeded ${fmt(copied + 1)} / ${fmt(n)} contracts\n`);
        last = copied;
      }
    },
  });
  await sql`ANALYZE`.execute(db);
  console.log(
    `\n## ${backend}: ${fmt(n)} contracts, ${workers} worker(s) (seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s)\n`,
  );

  // memory while the run goes: sampled, and the run's growth over the process before it
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    samples.push(m.heapUsed);
  }, 250);
  let billed = 0;
  const progress = setInterval(() => {
    process.stderr.write(`  billed ${fmt(billed)} / ${fmt(n)}\n`);
  }, 5000);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const runs = await runBilling(db, {
          trigger: "worker",
          limit: 1000,
          systemNow: () => new Date(BOOK_BILLED_AT),
        });
        const done = runs.reduce((s, r) => s + r.contracts_billed + r.failures, 0);
        billed += done;
        if (done === 0) break;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(progress);

  const result = await bookInvoices(db, book.tenantId);
  const totals = await db
    .selectFrom("invoices")
    .select(({ fn }) => [fn.countAll<string>().as("n"), fn.sum<string>("total_net").as("sum")])
    .where("tenant_id", "=", book.tenantId)
    .executeTakeFirstOrThrow();
  const expectedSum = BigInt(BOOK_INVOICE_TOTAL.replace(".", "")) * BigInt(n);
  const ok =
    result.invoices === n &&
    BigInt(totals.sum) === expectedSum &&
    result.numbers.length === n &&
    new Set(result.byContract).size === 1;

  // the limit: the same invoice and line rows inserted raw, in one statement each per 500
  const raw = await rawInsert(database.db, n);

  const rate = n / seconds;
  console.log("| measure | value |");
  console.log("|---|---|");
  console.log(`| invoices | ${fmt(result.invoices)} (${BOOK_LINES_PER_INVOICE} lines each) |`);
  console.log(`| billing run | ${seconds.toFixed(1)} s, ${fmt(rate)} invoices/s |`);
  console.log(`| raw insert of the same rows | ${fmt(raw)} invoices/s |`);
  console.log(`| ratio billing ÷ raw | ${(rate / raw).toFixed(3)} |`);
  console.log(
    `| heap before → peak | ${mib(before.heapUsed)} → ${mib(peakHeap)} MiB (RSS peak ${mib(peakRss)} MiB) |`,
  );
  const q = Math.floor(samples.length / 4);
  if (q > 0) {
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `| heap, first vs last quarter of the run | ${mib(avg(samples.slice(0, q)))} vs ${mib(avg(samples.slice(-q)))} MiB |`,
    );
  }
  console.log(`| every invoice as expected (${BOOK_INVOICE_TOTAL} each, numbered once) | ${ok} |`);
  await database.close();
  if (!ok) {
    process.exitCode = 1;
    console.error(
      `unexpected result: ${result.invoices} invoices, ${result.numbers.length} numbers, sum ${totals.sum}`,
    );
  }
}

/** Inserts n invoices and their lines into scratch copies of the tables; invoices per second. */
async function rawInsert(db: Parameters<typeof seedBook>[0], n: number): Promise<number> {
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
console.log(
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
// BENCH_BACKENDS=postgres: PostgreSQL alone
const only = process.env.BENCH_BACKENDS?.split(",");
for (const backend of ["pglite", "postgres"] as const) {
  if (only && !only.includes(backend)) continue;
  if (backend === "postgres" && !process.env.DATABASE_URL) continue;
  await onBackend(backend);
}
