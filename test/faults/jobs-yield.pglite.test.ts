/**
 * The embedded database (PGlite) answers statements without letting go of the event loop, so a
 * job that handles item after item would hold the process (its HTTP server, its timers) for
 * the whole batch. The worker's jobs pause between items (src/lib/yield.ts): while a long
 * batch of scheduled actions runs, a timer keeps firing and an HTTP request is answered
 * before the batch ends.
 *
 * PGlite only: over PostgreSQL every statement waits on the network and the loop runs anyway.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type App, buildApp } from "../../src/http/app.js";
import { startWorker } from "../../src/jobs/runner.js";
import { scheduledActionsJob } from "../../src/jobs/scheduled-actions.js";
import { runBilling } from "../../src/workflows/billing-run.js";
import { seedBook } from "../billing-book.js";
import { createTestDatabase, type TestDatabase } from "../harness.js";

vi.setConfig({ testTimeout: 120_000 });

/** Actions in the batch: long enough to hold the loop for seconds without the pauses. */
const ACTIONS = 50;
/**
 * The longest the timer may wait while the batch runs: the pauses come every 20 ms of work;
 * the margin is for a busy machine.
 */
const MAX_GAP_MS = 1_000;

describe("a long batch of scheduled actions on PGlite lets the event loop run", () => {
  let database: TestDatabase;
  let app: App;
  let apiKey: string;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    app = await buildApp({
      db: database.db,
      backend: "pglite",
      config: { bodyLimit: 1_048_576, logLevel: "silent", publicUrl: "http://127.0.0.1" },
    });
    const book = await seedBook(database.db, "pglite", { contracts: ACTIONS });
    apiKey = book.apiKey;
    tenantId = book.tenantId;
    // billed on 2026-02-01, then a rest of each contract scheduled for 2026-02-05
    await runBilling(database.db, {
      tenantId,
      trigger: "api",
      limit: 1000,
      systemNow: () => new Date(),
    });
    const contracts = await database.db
      .selectFrom("contracts")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .execute();
    for (const c of contracts) {
      const res = await app.inject({
        method: "POST",
        url: "/v1/subscription_actions/rest",
        headers: { authorization: `Bearer ${apiKey}` },
        payload: { contract_id: c.id, scheduled_date: "2026-02-05T00:00:00Z" },
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    await database.db
      .updateTable("tenants")
      .set({ test_clock_now: new Date("2026-02-06T00:00:00Z") })
      .where("id", "=", tenantId)
      .execute();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it("a timer keeps firing and a request is answered while the batch runs", async () => {
    const worker = startWorker({
      db: database.db,
      log: pino({ level: "silent" }),
      jobs: [scheduledActionsJob()],
      intervalMs: 10,
      autoStart: false,
    });
    let last = performance.now();
    let longest = 0;
    let fired = 0;
    const timer = setInterval(() => {
      const at = performance.now();
      longest = Math.max(longest, at - last);
      last = at;
      fired += 1;
    }, 5);
    let batchEnded = false;
    let answeredDuringBatch: boolean | null = null;
    const started = performance.now();
    // a request sent as soon as the batch lets the loop run
    const request = new Promise<number>((resolve) => {
      setTimeout(async () => {
        const res = await app.inject({
          method: "GET",
          url: "/v1/customers?limit=1",
          headers: { authorization: `Bearer ${apiKey}` },
        });
        answeredDuringBatch = !batchEnded;
        resolve(res.statusCode);
      }, 0);
    });
    let handled: number;
    try {
      last = performance.now();
      handled = await worker.tick();
      batchEnded = true;
    } finally {
      clearInterval(timer);
    }
    const took = performance.now() - started;
    expect(await request).toBe(200);

    expect(handled).toBe(ACTIONS);
    const executed = await database.db
      .selectFrom("subscription_actions")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("tenant_id", "=", tenantId)
      .where("state", "=", "executed")
      .executeTakeFirstOrThrow();
    expect(Number(executed.n)).toBe(ACTIONS);
    // without the pauses the request waits for the whole batch
    expect(answeredDuringBatch, `batch took ${Math.round(took)} ms`).toBe(true);
    expect(longest, `batch took ${Math.round(took)} ms, timer fired ${fired}×`).toBeLessThan(
      MAX_GAP_MS,
    );
  });
});
