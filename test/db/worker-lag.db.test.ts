/**
 * The worker's batches that write an item at a time let the event loop run within a batch:
 * while one full batch of contract phase events, of gift events or of webhook fan-out runs, a
 * timer keeps firing, and (on PostgreSQL) /healthz keeps answering. On the embedded database
 * (PGlite) every statement is answered on the process's own thread: without the pauses the
 * timer does not fire once in the batch. (/healthz asks the database, and PGlite serves one
 * transaction at a time, so there it waits for the batch's commit: not checked there.)
 */
import { type Kysely, sql } from "kysely";
import { pino } from "pino";
import { expect, it, vi } from "vitest";
import { contractPhaseEvents } from "../../src/jobs/contract-phase-events.js";
import { giftEvents } from "../../src/jobs/gift-events.js";
import type { Job } from "../../src/jobs/runner.js";
import { webhookFanOut } from "../../src/jobs/webhook-fan-out.js";
import type { DB } from "../../src/storage/schema.js";
import { seedBook } from "../billing-book.js";
import { billingTenant } from "../billing-tenant.js";
import { expectLoopFree, measureLag } from "../loop-lag.js";
import { describeServer } from "../server.js";

// seconds of work each, and room for a slow, busy machine
vi.setConfig({ testTimeout: 120_000 });

const log = pino({ enabled: false });

/** Events of `type` of the tenant. */
async function countEvents(db: Kysely<DB>, tenantId: string, type: string): Promise<number> {
  const row = await db
    .selectFrom("outbox_events")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("type", "=", type)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Runs `job` until it finds nothing to do (work other tests left). */
async function drain(db: Kysely<DB>, job: Job) {
  while ((await job.run({ db, log })) > 0) {
    // next batch
  }
}

describeServer("the worker's batches let the event loop run", (t) => {
  it("contract phase events: a batch of 200 phase starts", async () => {
    const db = t.server.db;
    const job = contractPhaseEvents();
    await drain(db, job);
    // 200 contracts whose first phase has begun by the tenant's clock, not yet announced
    const book = await seedBook(db, t.backend, { contracts: 200 });
    await db
      .updateTable("contract_phases")
      .set({ announced_at: null })
      .where("contract_id", "in", (eb) =>
        eb.selectFrom("contracts").select("id").where("tenant_id", "=", book.tenantId),
      )
      .execute();

    const lag = await measureLag(t.server.url, () => job.run({ db, log }));
    expect(lag.result).toBe(200);
    expect(await countEvents(db, book.tenantId, "contract.phase_started")).toBe(200);
    expectLoopFree(lag, { healthz: t.backend === "postgres" });
  });

  it("gift events: a batch of 200 gifts that became claimable and expired", async () => {
    const db = t.server.db;
    const job = giftEvents();
    await drain(db, job);
    const api = await billingTenant(t.server, "Gifts", "2026-05-01T12:00:00Z");
    const { plan } = await api.plan();
    const monthly = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    const gifter = await api.customer({ first_name: "Gifter" });
    const gift = await api.post("/v1/gifts", {
      gifter: { customer_id: gifter },
      gift_receiver: { email: "friend@x.example" },
      subscription: { plan_variant_id: monthly },
      scheduled_at: "2026-06-01T00:00:00Z",
      claim_expiry_date: "2026-07-01T00:00:00Z",
    });
    // 199 more like it (ids from the copy's number)
    const columns = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'gifts'
      ORDER BY ordinal_position`.execute(db);
    const names = columns.rows.map((r) => r.column_name);
    const select = names.map((c) => (c === "id" ? `g.id || '_' || n` : `g.${c}`)).join(", ");
    await sql
      .raw(
        `INSERT INTO gifts (${names.join(", ")}) SELECT ${select}
         FROM gifts g, generate_series(1, 199) AS n WHERE g.id = '${gift.id}'`,
      )
      .execute(db);
    // each gift's date and its claim expiry pass: unclaimed, then expired
    await api.advance("2026-08-01T00:00:00Z");
    const tenant = await db
      .selectFrom("gifts")
      .select("tenant_id")
      .where("id", "=", gift.id)
      .executeTakeFirstOrThrow();

    const lag = await measureLag(t.server.url, () => job.run({ db, log }));
    expect(lag.result).toBe(200);
    expect(await countEvents(db, tenant.tenant_id, "gift.unclaimed")).toBe(200);
    expect(await countEvents(db, tenant.tenant_id, "gift.expired")).toBe(200);
    expectLoopFree(lag, { healthz: t.backend === "postgres" });
  });

  it("webhook fan-out: a batch of 500 events to 20 endpoints", async () => {
    const db = t.server.db;
    const job = webhookFanOut();
    const api = await billingTenant(t.server, "Hooks", "2026-05-01T12:00:00Z");
    const endpoints: { id: string }[] = [];
    for (let i = 0; i < 20; i++) {
      endpoints.push(await api.post("/v1/webhook_endpoints", { url: `https://h${i}.example/in` }));
    }
    await api.customer();
    await drain(db, job);
    // 500 events of the tenant not yet fanned out: copies of its customer.created event
    const event = await db
      .selectFrom("outbox_events")
      .select("id")
      .where("type", "=", "customer.created")
      .where("tenant_id", "=", (eb) =>
        eb.selectFrom("webhook_endpoints").select("tenant_id").where("id", "=", endpoints[0]!.id),
      )
      .executeTakeFirstOrThrow();
    const columns = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'outbox_events'
      ORDER BY ordinal_position`.execute(db);
    const names = columns.rows.map((r) => r.column_name);
    const replace: Record<string, string> = {
      id: `e.id || '_' || lpad(n::text, 4, '0')`,
      fanned_out_at: "NULL",
    };
    const select = names.map((c) => replace[c] ?? `e.${c}`).join(", ");
    await sql
      .raw(
        `INSERT INTO outbox_events (${names.join(", ")}) SELECT ${select}
         FROM outbox_events e, generate_series(1, 500) AS n WHERE e.id = '${event.id}'`,
      )
      .execute(db);

    const lag = await measureLag(t.server.url, () => job.run({ db, log }));
    expect(lag.result).toBe(500);
    const deliveries = await db
      .selectFrom("webhook_deliveries")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("event_id", "like", `${event.id}\\_%`)
      .executeTakeFirstOrThrow();
    expect(Number(deliveries.n)).toBe(500 * 20);
    expectLoopFree(lag, { healthz: t.backend === "postgres" });
  });
});
