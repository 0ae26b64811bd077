/**
 * Webhook delivery throughput: N outbox events, one endpoint on a local receiver (node:http
 * answering 204), the real worker jobs (fan-out, then claim → signed POST → record) until
 * every delivery has succeeded. Reports deliveries per second, next to the receiver's own
 * limit measured in the same run (plain signed POSTs with no database).
 * Runs on embedded PGlite, and on PostgreSQL too when DATABASE_URL is set (there also with
 * two workers on separate connection pools, as two processes would run).
 *
 *   node bin/run-ts.js bench/webhooks.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bin/run-ts.js bench/webhooks.ts
 *   BENCH_EVENTS=5000 BENCH_CONCURRENCY=32 node bin/run-ts.js bench/webhooks.ts
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { pino } from "pino";
import { Temporal } from "temporal-polyfill";
import { fixedClock } from "../src/domain/clock.js";
import { startWorker } from "../src/jobs/runner.js";
import { webhookJobs } from "../src/jobs/webhook-delivery.js";
import { newId } from "../src/lib/ids.js";
import { insertEvent } from "../src/modules/events/outbox.js";
import { generateWebhookSecret, signatureHeaders } from "../src/modules/webhooks/signing.js";
import { type Backend, openDatabase } from "../src/storage/db.js";
import { createTenant } from "../src/workflows/tenants.js";
import { createTestDatabase } from "../test/harness.js";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const log = pino({ level: "warn" });

type Row = { case: string; deliveries: number; seconds: number; perSecond: number };

async function receiver(): Promise<{ url: string; count: () => number; close(): Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      n++;
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    count: () => n,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The receiver's limit: the same signed POSTs, same concurrency, no database. */
async function bareRate(url: string): Promise<Row> {
  const secret = generateWebhookSecret();
  const body = JSON.stringify({ id: "evt_x", type: "bench.event", data: { n: 1 } });
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next++ < EVENTS) {
      const headers = {
        "content-type": "application/json",
        ...signatureHeaders([secret], `evt_${next}`, Math.floor(Date.now() / 1000), body),
      };
      const res = await fetch(url, { method: "POST", headers, body });
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const seconds = (performance.now() - started) / 1000;
  return {
    case: "bare signed fetch (no DB)",
    deliveries: EVENTS,
    seconds,
    perSecond: EVENTS / seconds,
  };
}

async function onBackend(backend: Backend, url: string, workers: number): Promise<Row> {
  const database = await createTestDatabase(backend);
  const extra = await Promise.all(
    Array.from({ length: workers - 1 }, () =>
      openDatabase({ backend: "postgres", url: database.url! }),
    ),
  );
  try {
    const tenant = await createTenant(database.db, { name: "Bench" });
    await database.db
      .insertInto("webhook_endpoints")
      .values({
        id: newId("webhookEndpoint"),
        tenant_id: tenant.tenant_id,
        url,
        event_types: ["*"],
        secret: generateWebhookSecret(),
      })
      .execute();
    const clock = fixedClock(Temporal.Now.instant());
    // distinct subjects: deliveries are independent (one subject would be sent one by one)
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < EVENTS; i++) {
        await insertEvent(trx, tenant.tenant_id, clock, {
          type: "customer.updated",
          subjectType: "customer",
          subjectId: `cus_bench_${i}`,
          payload: { id: `cus_bench_${i}`, company_name: "Bench GmbH", seats: i },
        });
      }
    });
    const handles = [database.db, ...extra.map((e) => e.db)];
    const loops = handles.map((db) =>
      startWorker({
        db,
        log,
        jobs: webhookJobs({
          allowPrivate: true,
          batchSize: BATCH,
          concurrency: CONCURRENCY,
        }),
        intervalMs: 10,
        autoStart: false,
      }),
    );
    const delivered = async () =>
      Number(
        (
          await database.db
            .selectFrom("webhook_deliveries")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("status", "=", "succeeded")
            .executeTakeFirstOrThrow()
        ).n,
      );
    const started = performance.now();
    while ((await delivered()) < EVENTS) {
      await Promise.all(loops.map((w) => w.tick()));
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      case: `${backend === "pglite" ? "PGlite" : "PostgreSQL"}, ${workers} worker${workers > 1 ? "s" : ""}`,
      deliveries: EVENTS,
      seconds,
      perSecond: EVENTS / seconds,
    };
  } finally {
    await Promise.all(extra.map((e) => e.close()));
    await database.close();
  }
}

const r = await receiver();
try {
  const rows: Row[] = [await bareRate(r.url), await onBackend("pglite", r.url, 1)];
  if (process.env.DATABASE_URL) {
    rows.push(await onBackend("postgres", r.url, 1));
    rows.push(await onBackend("postgres", r.url, 2));
  }
  process.stdout.write(
    `\nWebhook delivery: ${EVENTS} events, concurrency ${CONCURRENCY}, batch ${BATCH}; ` +
      `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}\n\n`,
  );
  process.stdout.write(
    "| case | deliveries | seconds | deliveries/s | ÷ bare |\n|---|---|---|---|---|\n",
  );
  const bare = rows[0]!.perSecond;
  for (const row of rows) {
    process.stdout.write(
      `| ${row.case} | ${row.deliveries} | ${row.seconds.toFixed(2)} | ${Math.round(row.perSecond)} | ${(row.perSecond / bare).toFixed(3)} |\n`,
    );
  }
} finally {
  await r.close();
}
