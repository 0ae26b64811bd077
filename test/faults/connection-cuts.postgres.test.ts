/**
 * PostgreSQL connections cut while work is under way: a separate admin connection ends every
 * backend of the test database (`pg_terminate_backend`) again and again, at random short
 * intervals for a few seconds, during a billing run, a stream of usage requests and webhook
 * delivery. The same
 * pool goes on (it replaces broken connections, no restart); once the cuts stop, the work
 * finishes, and:
 *
 * - billing: every contract billed exactly once (one invoice each, numbers without a gap),
 *   no cut counted as the contract's own settlement failure, and no run left `running` (a
 *   run a cut stopped is marked interrupted at once);
 * - usage: every request answered 2xx or `503 database_unavailable` with Retry-After, never
 *   anything else; retried with its Idempotency-Key until acknowledged, every event is stored
 *   exactly once;
 * - webhooks: every event delivered at least once, one delivery per event recorded as
 *   delivered with one successful attempt.
 *
 * PostgreSQL only (embedded PGlite has no connection to cut): vitest.config.ts collects this
 * file only in the PostgreSQL pass.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type App, buildApp } from "../../src/http/app.js";
import { billingJob } from "../../src/jobs/billing.js";
import { startWorker } from "../../src/jobs/runner.js";
import { webhookJobs } from "../../src/jobs/webhook-delivery.js";
import { BOOK_BILLED_AT, bookInvoices, seedBook } from "../billing-book.js";
import { createTestDatabase, type TestDatabase } from "../harness.js";
import { Receiver, TestTime } from "../webhook-receiver.js";
import { whileCutting } from "./cutting.js";

vi.setConfig({ testTimeout: 120_000 });

describe("PostgreSQL connections cut during work [postgres]", () => {
  let database: TestDatabase;
  let name: string;
  const adminUrl = process.env.DATABASE_URL!;
  const silent = pino({ level: "silent" });

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    name = new URL(database.url!).pathname.slice(1);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("a billing run: every contract billed exactly once, no cut counted against a contract", async () => {
    const CONTRACTS = 150;
    const book = await seedBook(database.db, "postgres", { contracts: CONTRACTS });
    const worker = startWorker({
      db: database.db,
      log: silent,
      jobs: [billingJob({ now: () => new Date(BOOK_BILLED_AT) })],
      intervalMs: 10,
      autoStart: false,
    });
    const billed = async () =>
      Number(
        (
          await database.db
            .selectFrom("invoices")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("tenant_id", "=", book.tenantId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    let cutWhileBilling = 0;
    // the worker's ticks go on through the cuts (a failed job is retried by the next tick)
    await whileCutting(adminUrl, name, async (cutter) => {
      while (!cutter.over) {
        await worker.tick();
        const done = await billed().catch(() => 0);
        if (done < CONTRACTS) cutWhileBilling = cutter.cuts;
        else break;
      }
    });
    expect(cutWhileBilling).toBeGreaterThan(0);

    // the cuts are over: the same pool finishes the work
    while ((await worker.tick()) > 0);
    const after = await bookInvoices(database.db, book.tenantId);
    expect(after.contracts).toBe(CONTRACTS);
    expect(after.invoices).toBe(CONTRACTS);
    expect(after.numbers).toEqual(
      Array.from({ length: CONTRACTS }, (_, i) => `INV-${String(i + 1).padStart(6, "0")}`),
    );
    // every contract's invoice is the same (the book's five lines)
    expect(new Set(after.byContract).size).toBe(1);
    const failed = await database.db
      .selectFrom("contracts")
      .select(["id", "settlement_failures", "settlement_error"])
      .where("tenant_id", "=", book.tenantId)
      .where((eb) =>
        eb.or([eb("settlement_failures", ">", 0), eb("settlement_parked_at", "is not", null)]),
      )
      .execute();
    expect(failed).toEqual([]);
    // no run is left running for the stale-run cleanup (the book's clock stands still): a run
    // a cut stopped is interrupted at once, and the runs count every contract once
    const runs = await database.db
      .selectFrom("billing_runs")
      .select(["status", "contracts_billed", "last_error"])
      .where("tenant_id", "=", book.tenantId)
      .execute();
    expect(runs.filter((r) => r.status === "running")).toEqual([]);
    expect(runs.reduce((n, r) => n + r.contracts_billed, 0)).toBe(CONTRACTS);
    for (const r of runs.filter((r) => r.status === "interrupted")) {
      expect(r.last_error).toMatch(/^interrupted: /);
    }
  });

  describe("requests through the cuts", () => {
    let app: App;
    beforeAll(async () => {
      app = await buildApp({
        db: database.db,
        backend: "postgres",
        config: {
          bodyLimit: 1_048_576,
          logLevel: "silent",
          publicUrl: "http://127.0.0.1",
          webhookAllowPrivate: true,
        },
      });
    });
    afterAll(async () => {
      await app?.close();
    });

    it("usage ingestion: answers are 2xx or 503 database_unavailable; every event stored once", async () => {
      const book = await seedBook(database.db, "postgres", { contracts: 10 });
      const contracts = (
        await database.db
          .selectFrom("contracts")
          .select("id")
          .where("tenant_id", "=", book.tenantId)
          .execute()
      ).map((c) => c.id);
      const calls = await database.db
        .selectFrom("components")
        .select("id")
        .where("tenant_id", "=", book.tenantId)
        .where("name", "=", "API calls")
        .executeTakeFirstOrThrow();
      const REQUESTS = 60;
      const PER_BATCH = 20;
      const event = (r: number, i: number) => ({
        component_id: calls.id,
        quantity: "1",
        due_date: "2026-01-20T12:00:00Z",
        key: `r${r}-e${i}`,
      });
      // even requests: a batch of events; odd ones: one event on a contract
      const request = (r: number) =>
        r % 2 === 0
          ? {
              url: "/v1/usage/batch",
              payload: {
                events: Array.from({ length: PER_BATCH }, (_, i) => ({
                  contract_id: contracts[i % contracts.length]!,
                  ...event(r, i),
                })),
              },
            }
          : { url: `/v1/contracts/${contracts[r % contracts.length]}/usage`, payload: event(r, 0) };
      const expectedKeys = Array.from({ length: REQUESTS }, (_, r) =>
        r % 2 === 0 ? Array.from({ length: PER_BATCH }, (_, i) => `r${r}-e${i}`) : [`r${r}-e0`],
      ).flat();

      const answers: Record<string, number> = {};
      const wrong: string[] = [];
      let next = 0;
      const send = () =>
        Promise.all(
          Array.from({ length: 3 }, async () => {
            for (let r = next++; r < REQUESTS; r = next++) {
              // retried with the same Idempotency-Key until acknowledged
              for (let attempt = 0; ; attempt++) {
                const res = await app.inject({
                  method: "POST",
                  url: request(r).url,
                  headers: {
                    authorization: `Bearer ${book.apiKey}`,
                    "idempotency-key": `req-${r}`,
                  },
                  payload: request(r).payload,
                });
                answers[res.statusCode] = (answers[res.statusCode] ?? 0) + 1;
                if (res.statusCode < 300) break;
                const body = res.json();
                if (
                  res.statusCode !== 503 ||
                  body.error?.code !== "database_unavailable" ||
                  !(Number(res.headers["retry-after"]) > 0)
                ) {
                  wrong.push(`${res.statusCode} ${res.body}`);
                  break;
                }
                if (attempt > 100) {
                  throw new Error(`request ${r} never acknowledged: ${JSON.stringify(answers)}`);
                }
                await new Promise((resolve) => setTimeout(resolve, 20));
              }
            }
          }),
        );
      const cuts = await whileCutting(adminUrl, name, async () => {
        await send();
      });
      expect(wrong, JSON.stringify(answers)).toEqual([]);
      expect(cuts).toBeGreaterThan(0);
      // some requests met a cut connection
      expect(answers[503], JSON.stringify(answers)).toBeGreaterThan(0);

      const stored = await database.db
        .selectFrom("usage_records")
        .select("key")
        .where("tenant_id", "=", book.tenantId)
        .where("key", "like", "r%-e%")
        .execute();
      const keys = stored.map((s) => s.key!).sort();
      expect(keys).toEqual([...expectedKeys].sort());
    });

    it("webhook delivery: every event delivered at least once and recorded once", async () => {
      const receiver = await Receiver.start();
      try {
        const book = await seedBook(database.db, "postgres", { contracts: 1 });
        const post = async (url: string, payload: object) => {
          const res = await app.inject({
            method: "POST",
            url,
            headers: { authorization: `Bearer ${book.apiKey}` },
            payload,
          });
          expect(res.statusCode, res.body).toBe(201);
          return res.json();
        };
        const endpoint = await post("/v1/webhook_endpoints", {
          url: receiver.url,
          event_types: ["customer.created"],
        });
        const EVENTS = 80;
        for (let i = 0; i < EVENTS; i++) await post("/v1/customers", { email: `c${i}@x.example` });
        const events = await database.db
          .selectFrom("outbox_events")
          .select("id")
          .where("tenant_id", "=", book.tenantId)
          .where("type", "=", "customer.created")
          .execute();
        expect(events).toHaveLength(EVENTS + 1); // and the book's own customer

        const time = new TestTime();
        const worker = startWorker({
          db: database.db,
          log: silent,
          jobs: webhookJobs({
            allowPrivate: true,
            timeoutMs: 2_000,
            leaseMs: 2_000,
            concurrency: 4,
            random: () => 0.5,
            now: time.now,
          }),
          intervalMs: 10,
          autoStart: false,
        });
        const delivered = async () =>
          Number(
            (
              await database.db
                .selectFrom("webhook_deliveries")
                .select((eb) => eb.fn.countAll<string>().as("n"))
                .where("endpoint_id", "=", endpoint.id)
                .where("status", "=", "succeeded")
                .executeTakeFirstOrThrow()
            ).n,
          );
        let cutWhileDelivering = 0;
        await whileCutting(adminUrl, name, async (cutter) => {
          while (!cutter.over) {
            await worker.tick();
            const done = await delivered().catch(() => 0);
            if (done < events.length) cutWhileDelivering = cutter.cuts;
            else break;
          }
        });
        expect(cutWhileDelivering).toBeGreaterThan(0);

        // the cuts are over: leases and retry delays run out, the rest is delivered
        for (let round = 0; round < 20 && (await delivered()) < events.length; round++) {
          time.advance(10 * 60_000);
          await worker.tick();
        }
        const deliveries = await database.db
          .selectFrom("webhook_deliveries as d")
          .leftJoin("webhook_attempts as a", (j) =>
            j.onRef("a.delivery_id", "=", "d.id").on("a.succeeded", "=", true),
          )
          .select(["d.event_id", "d.status"])
          .select((eb) => eb.fn.count<string>("a.id").as("successes"))
          .where("d.endpoint_id", "=", endpoint.id)
          .groupBy(["d.id", "d.event_id", "d.status"])
          .execute();
        expect(deliveries.map((d) => d.event_id).sort()).toEqual(events.map((e) => e.id).sort());
        const notOnce = deliveries.filter((d) => d.status !== "succeeded" || d.successes !== "1");
        expect(notOnce).toEqual([]);
        for (const e of events) expect(receiver.forEvent(e.id).length).toBeGreaterThan(0);
      } finally {
        await receiver.close();
      }
    });
  });
});
