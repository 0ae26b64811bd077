/**
 * PostgreSQL connections cut while the worker runs each of its jobs that change billing state
 * or talk to the outside world: scheduled actions, billing, automatic collection (the test
 * gateway), dunning, grace expiry and customer messages (composed, then sent to a real SMTP
 * server, test/smtp-receiver.ts). Work is queued for every job (./worker-work.ts, and a tenant
 * whose customers pay by card); each job then runs in turn on a worker whose pool loses every
 * connection every 50–250 ms (./cutting.ts), until its work is done or the cuts end, and a
 * worker on a healthy connection finishes the rest. Then, exactly:
 *
 * - each scheduled action executed once (one phase, one audit record), each dunning step
 *   noticed once per invoice (one notice, one event, one grace extension), each grace period
 *   ended once (one deactivation, one event), each contract billed once (./worker-work.ts);
 * - each invoice collected once: one attempt, one succeeded payment of what it owed, one
 *   `payment.succeeded` event, and nothing owed;
 * - no billing run left `running`;
 * - each event composed once into its messages (one per kind the jobs' events make), each
 *   message `sent`, and the SMTP server given each message, copies only under the same
 *   Message-ID (a cut between the server's acceptance and the record of it sends it again).
 *
 * PostgreSQL only (PGlite has no connection to cut).
 */
import { sql } from "kysely";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildApp } from "../../src/http/app.js";
import { billingJob } from "../../src/jobs/billing.js";
import { collectionJob } from "../../src/jobs/collection.js";
import { dunningJob, graceExpiryJob } from "../../src/jobs/dunning.js";
import { messageJobs } from "../../src/jobs/messages.js";
import { type Job, startWorker } from "../../src/jobs/runner.js";
import { scheduledActionsJob } from "../../src/jobs/scheduled-actions.js";
import { BOOK_INVOICE_TOTAL, type Book, seedBook } from "../billing-book.js";
import { createTestDatabase, type TestDatabase } from "../harness.js";
import { SmtpReceiver } from "../smtp-receiver.js";
import { TestTime } from "../webhook-receiver.js";
import { whileCutting } from "./cutting.js";
import { bill, progress, seedWorkerWork, violations, type WorkerWork } from "./worker-work.js";

vi.setConfig({ testTimeout: 180_000 });

/** Contracts (actions, invoices) of work per job. */
const SIZE = { contracts: 8, billed: 6, transferred: 2 };
/** The longest each job runs under the cuts (it stops sooner when its work is done). */
const CUTTING_MS = 2_500;

const VISA = { number: "4242424242424242", exp_month: 12, exp_year: 2030 };

describe("PostgreSQL connections cut during the worker's jobs [postgres]", () => {
  let database: TestDatabase;
  let name: string;
  let work: WorkerWork;
  /** A tenant whose customers each have a card and an invoice to collect. */
  let collection: Book;
  let receiver: SmtpReceiver;
  const adminUrl = process.env.DATABASE_URL!;
  const silent = pino({ level: "silent" });
  const time = new TestTime();

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    name = new URL(database.url!).pathname.slice(1);
    receiver = await SmtpReceiver.start();
    work = await seedWorkerWork(database.db, "postgres", SIZE);
    collection = await seedBook(database.db, "postgres", { contracts: SIZE.contracts });
    const app = await buildApp({
      db: database.db,
      backend: "postgres",
      config: { bodyLimit: 1_048_576, logLevel: "silent", publicUrl: "http://127.0.0.1" },
    });
    try {
      const customers = await database.db
        .selectFrom("customers")
        .select("id")
        .where("tenant_id", "=", collection.tenantId)
        .execute();
      for (const c of customers) {
        const res = await app.inject({
          method: "POST",
          url: `/v1/customers/${c.id}/payment_sources`,
          headers: { authorization: `Bearer ${collection.apiKey}` },
          payload: { type: "card", card: VISA },
        });
        expect(res.statusCode, res.body).toBe(201);
      }
    } finally {
      await app.close();
    }
    await bill(database.db, collection);
    // what seeding announced is not the jobs' to mail
    await database.db
      .updateTable("outbox_events")
      .set({ messages_composed_at: new Date() })
      .where("messages_composed_at", "is", null)
      .execute();
  });
  afterAll(async () => {
    await receiver?.close();
    await database?.close();
  });

  const count = async (query: ReturnType<typeof sql<{ n: string }>>) =>
    Number((await query.execute(database.db)).rows[0]!.n);

  /** Invoices of the collection tenant collected (a succeeded attempt). */
  const collected = () =>
    count(sql`
      SELECT count(*) AS n FROM collection_attempts
      WHERE tenant_id = ${collection.tenantId} AND status = 'succeeded'`);

  /** Events not yet composed and messages not yet sent. */
  const mailLeft = async () =>
    (await count(sql`SELECT count(*) AS n FROM outbox_events WHERE messages_composed_at IS NULL`)) +
    (await count(sql`SELECT count(*) AS n FROM messages WHERE status = 'queued'`));

  it("each job's work is done exactly once", async () => {
    const jobs: Record<string, Job[]> = {
      "scheduled-actions": [scheduledActionsJob()],
      billing: [billingJob()],
      // collection and dunning look at every unpaid invoice at most every 10 s: here at once
      collection: [{ ...collectionJob(), everyMs: 0 }],
      dunning: [{ ...dunningJob(), everyMs: 0 }],
      "grace-expiry": [graceExpiryJob()],
      messages: messageJobs({
        smtpUrl: receiver.url,
        smtpTimeoutMs: 2_000,
        // short turns: each tick looks again whether the cuts are over
        turnMs: 1_000,
        // small transactions: some get through between two cuts
        composeBatchSize: 10,
        now: time.now,
        defaultSender: "billing@accrue.example",
        publicUrl: "http://127.0.0.1",
      }),
    };
    const left: Record<string, () => Promise<number>> = {
      "scheduled-actions": async () =>
        SIZE.contracts - (await progress(database.db, work))["scheduled-actions"],
      billing: async () => SIZE.billed - (await progress(database.db, work)).billing,
      collection: async () => SIZE.contracts - (await collected()),
      dunning: async () =>
        2 * SIZE.contracts -
        (await count(sql`
          SELECT count(*) AS n FROM dunning_notices WHERE tenant_id = ${work.dunning.tenantId}`)),
      "grace-expiry": async () =>
        SIZE.contracts - (await progress(database.db, work))["grace-expiry"],
      messages: mailLeft,
    };

    // each job in turn, on a worker of its own, while the connections are cut
    const cutDuring: Record<string, number> = {};
    for (const [job, list] of Object.entries(jobs)) {
      const worker = startWorker({
        db: database.db,
        log: silent,
        jobs: list,
        intervalMs: 10,
        autoStart: false,
      });
      cutDuring[job] = 0;
      await whileCutting(
        adminUrl,
        name,
        async (cutter) => {
          // the job starts once the cuts are under way (a connection of the pool ended), so
          // that a job whose work takes less than one interval between cuts still meets them
          await sql`SELECT 1`.execute(database.db).catch(() => undefined);
          while (cutter.cuts === 0 && !cutter.over) {
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          while (!cutter.over) {
            const remaining = await left[job]!().catch(() => 1);
            if (remaining === 0) break;
            cutDuring[job] = cutter.cuts;
            await worker.tick();
            // leases of messages whose record a cut lost run out
            time.advance(60_000);
          }
        },
        CUTTING_MS,
      );
    }
    // every job met cut connections while it still had work
    for (const job of Object.keys(jobs)) {
      expect(cutDuring[job], `${job}: ${JSON.stringify(cutDuring)}`).toBeGreaterThan(0);
    }

    // the cuts are over: one worker with every job finishes on the same pool (leases of
    // messages and their retry delays run out on the injected time)
    const worker = startWorker({
      db: database.db,
      log: pino({ level: "error" }),
      jobs: Object.values(jobs).flat(),
      intervalMs: 10,
      autoStart: false,
    });
    for (let round = 0; round < 30; round++) {
      while ((await worker.tick()) > 0);
      if ((await mailLeft()) === 0 && (await left.collection!()) === 0) break;
      time.advance(10 * 60_000);
    }

    // scheduled actions, billing, dunning, grace expiry: each once
    expect(await violations(database.db, work)).toEqual([]);
    expect(await progress(database.db, work)).toEqual({
      "scheduled-actions": SIZE.contracts,
      billing: SIZE.billed,
      dunning: SIZE.contracts,
      "grace-expiry": SIZE.contracts,
    });
    const running = await database.db
      .selectFrom("billing_runs")
      .select(["id", "tenant_id"])
      .where("status", "=", "running")
      .execute();
    expect(running).toEqual([]);

    // collection: one attempt and one payment of the invoice's total per invoice
    const byInvoice = await sql<{
      invoice: string;
      attempts: string;
      succeeded: string;
      payments: string;
      paid: string | null;
      events: string;
    }>`
      SELECT i.id AS invoice,
        (SELECT count(*) FROM collection_attempts a WHERE a.invoice_id = i.id) AS attempts,
        (SELECT count(*) FROM collection_attempts a
          WHERE a.invoice_id = i.id AND a.status = 'succeeded') AS succeeded,
        (SELECT count(*) FROM payments p WHERE p.customer_id = i.customer_id) AS payments,
        (SELECT sum(p.amount)::text FROM payments p
          WHERE p.customer_id = i.customer_id AND p.status = 'succeeded') AS paid,
        (SELECT count(*) FROM outbox_events e WHERE e.tenant_id = i.tenant_id
          AND e.type = 'payment.succeeded' AND e.payload->>'customer_id' = i.customer_id) AS events
      FROM invoices i WHERE i.tenant_id = ${collection.tenantId}
      ORDER BY i.id`.execute(database.db);
    expect(byInvoice.rows).toHaveLength(SIZE.contracts);
    const totalMinor = BOOK_INVOICE_TOTAL.replace(".", "");
    const wrong = byInvoice.rows.filter(
      (r) =>
        r.attempts !== "1" ||
        r.succeeded !== "1" ||
        r.payments !== "1" ||
        r.paid !== totalMinor ||
        r.events !== "1",
    );
    expect(wrong).toEqual([]);

    // messages: every event composed once, into one message of its kind per recipient
    const expectedKinds = {
      dunning_step: 2 * SIZE.contracts,
      grace_ending: SIZE.contracts,
      payment_succeeded: SIZE.contracts,
      invoice_issued: SIZE.billed,
    };
    const kinds = await sql<{ kind: string; n: string }>`
      SELECT kind, count(*) AS n FROM messages GROUP BY kind`.execute(database.db);
    const byKind = Object.fromEntries(kinds.rows.map((k) => [k.kind, Number(k.n)]));
    expect(byKind).toMatchObject(expectedKinds);
    const messages = await database.db
      .selectFrom("messages")
      .select(["id", "status", "kind", "last_error"])
      .execute();
    expect(messages.filter((m) => m.status !== "sent")).toEqual([]);
    // the SMTP server was given each message; any copy carries the same Message-ID
    const ids = receiver.received.map((r) => String(r.mail.headers.get("x-accrue-message-id")));
    expect([...new Set(ids)].sort()).toEqual(messages.map((m) => m.id).sort());
    expect(receiver.distinct).toHaveLength(messages.length);
  });
});
