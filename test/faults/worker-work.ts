/**
 * Work queued for every job of the worker that changes billing state, each on a tenant of its
 * own (a book of contracts, test/billing-book.ts), and the invariants it must end with however
 * often the worker is killed along the way:
 *
 * - billing: M contracts due on 2026-02-01, each billed exactly once (one invoice per contract,
 *   numbers INV-000001 … without a gap or a repeat); T of their customers transferred to another
 *   business entity beforehand, whose contracts billing moves first (each moved once, leaving
 *   one copy behind, and invoiced UK-000001 … by the new entity);
 * - scheduled actions: a `rest` of each of N billed contracts scheduled for 2026-02-05, each
 *   executed once (one inactive phase, one executed event);
 * - dunning: N unpaid invoices past two dunning steps (the second with grace), each step
 *   noticed once per invoice (one notice, one event) and grace extended once per contract;
 * - grace expiry: N contracts whose grace has ended while they owe: each deactivated once and
 *   its grace ended once.
 */

import type { Kysely } from "kysely";
import { sql } from "kysely";
import { buildApp } from "../../src/http/app.js";
import type { Backend } from "../../src/storage/db.js";
import type { DB } from "../../src/storage/schema.js";
import { runBilling } from "../../src/workflows/billing-run.js";
import { type Book, seedBook } from "../billing-book.js";

export type WorkerWork = {
  /** Contracts of each job's tenant; `billed` of the billing tenant. */
  contracts: number;
  billed: number;
  /** Customers of the billing tenant transferred to another business entity. */
  transferred: number;
  billing: Book;
  actions: Book;
  dunning: Book;
  grace: Book;
};

/** The worker's jobs this work is for, in the order a tick runs them. */
export const TARGET_JOBS = ["scheduled-actions", "billing", "dunning", "grace-expiry"] as const;
export type TargetJob = (typeof TARGET_JOBS)[number];

const setClock = (db: Kysely<DB>, tenantId: string, at: string) =>
  db
    .updateTable("tenants")
    .set({ test_clock_now: new Date(at) })
    .where("id", "=", tenantId)
    .execute();

/** Bills a book's contracts in this process (work the worker then finds done). */
export async function bill(db: Kysely<DB>, book: Book): Promise<void> {
  for (;;) {
    const runs = await runBilling(db, {
      tenantId: book.tenantId,
      trigger: "api",
      limit: 1000,
      systemNow: () => new Date(),
    });
    if (runs.reduce((n, r) => n + r.contracts_billed, 0) === 0) return;
  }
}

export async function seedWorkerWork(
  db: Kysely<DB>,
  backend: Backend,
  size: { contracts: number; billed: number; transferred: number },
): Promise<WorkerWork> {
  const { contracts, billed, transferred } = size;
  const app = await buildApp({
    db,
    backend,
    config: { bodyLimit: 1_048_576, logLevel: "silent", publicUrl: "http://127.0.0.1" },
  });
  const call = async (book: Book, method: "POST" | "PUT", url: string, body: object) => {
    const res = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${book.apiKey}` },
      payload: body,
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const policy = {
    steps: [
      { name: "reminder", after_days: 0 },
      { name: "final", after_days: 10, grace_days: 5 },
    ],
  };
  const contractIds = async (book: Book) =>
    (
      await db
        .selectFrom("contracts")
        .select("id")
        .where("tenant_id", "=", book.tenantId)
        .orderBy("id")
        .execute()
    ).map((c) => c.id);
  try {
    // grace expiry: billed, a day's grace given to each contract (until 2026-02-02), then
    // past the grace
    const grace = await seedBook(db, backend, { contracts });
    await bill(db, grace);
    for (const id of await contractIds(grace)) {
      await call(grace, "POST", "/v1/subscription_actions/extend_grace_period", {
        contract_id: id,
        end_grace_period_after_specific_days: 1,
      });
    }
    await setClock(db, grace.tenantId, "2026-02-03T00:00:00Z");

    // dunning: billed, both steps reached on 2026-02-12, left to the worker
    const dunning = await seedBook(db, backend, { contracts });
    await bill(db, dunning);
    await call(dunning, "PUT", "/v1/dunning_policy", policy);
    await setClock(db, dunning.tenantId, "2026-02-12T00:00:00Z");

    // scheduled actions: billed, a rest of each contract scheduled for 2026-02-05
    const actions = await seedBook(db, backend, { contracts });
    await bill(db, actions);
    for (const id of await contractIds(actions)) {
      await call(actions, "POST", "/v1/subscription_actions/rest", {
        contract_id: id,
        scheduled_date: "2026-02-05T00:00:00Z",
      });
    }
    await setClock(db, actions.tenantId, "2026-02-06T00:00:00Z");

    // billing: due on 2026-02-01; some customers transferred to another business entity,
    // their contracts to follow when billing reaches them
    const billing = await seedBook(db, backend, { contracts: billed });
    const entity = await call(billing, "POST", "/v1/business_entities", {
      name: "Acme Ltd",
      country: "GB",
      invoice_prefix: "UK-",
      currencies: ["EUR"],
    });
    const customers = await db
      .selectFrom("customers")
      .select("id")
      .where("tenant_id", "=", billing.tenantId)
      .orderBy("id")
      .limit(transferred)
      .execute();
    for (const c of customers) {
      await call(billing, "POST", "/v1/business_entity_transfers", {
        customer_id: c.id,
        destination_business_entity_id: entity.id,
      });
    }
    return { contracts, billed, transferred, billing, actions, dunning, grace };
  } finally {
    await app.close();
  }
}

/** How much of each job's work is done (0 … contracts). */
export async function progress(
  db: Kysely<DB>,
  work: WorkerWork,
): Promise<Record<TargetJob, number>> {
  const one = async (query: ReturnType<typeof sql<{ n: string }>>) =>
    Number((await query.execute(db)).rows[0]!.n);
  return {
    "scheduled-actions": await one(sql`
      SELECT count(*) AS n FROM subscription_actions
      WHERE tenant_id = ${work.actions.tenantId} AND state = 'executed'`),
    billing: await one(sql`
      SELECT count(DISTINCT contract_id) AS n FROM invoices
      WHERE tenant_id = ${work.billing.tenantId}`),
    dunning: await one(sql`
      SELECT count(DISTINCT invoice_id) AS n FROM dunning_notices
      WHERE tenant_id = ${work.dunning.tenantId}`),
    "grace-expiry": await one(sql`
      SELECT count(*) AS n FROM contracts
      WHERE tenant_id = ${work.grace.tenantId} AND grace_period_end_at IS NULL`),
  };
}

/**
 * Contracts the worker's billing runs have counted as settled or failed, over every tenant
 * (the scheduled rests make the actions tenant's contracts due again): counted in the
 * transaction that settles them.
 */
export async function settledByWorkers(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ n: string | null }>`
    SELECT sum(contracts_billed + failures) AS n FROM billing_runs WHERE trigger = 'worker'`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Every invariant of the finished work, as lines naming what broke (empty: all hold). Counts
 * are per record, so a record done twice shows as well as one not done.
 */
export async function violations(db: Kysely<DB>, work: WorkerWork): Promise<string[]> {
  const n = work.billed;
  const found: string[] = [];
  const rows = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows;
  const expectRows = async (what: string, query: ReturnType<typeof sql<{ k: string }>>) => {
    const bad = await rows(query);
    if (bad.length > 0)
      found.push(
        `${what}: ${bad
          .slice(0, 5)
          .map((r) => r.k)
          .join(", ")}`,
      );
  };

  // billing: one invoice per contract (copies a transfer left behind aside), numbered by
  // its entity without a gap; each transferred customer's contract moved once
  const t = work.transferred;
  await expectRows(
    "billing: a contract not invoiced exactly once",
    sql<{ k: string }>`
      SELECT c.id || ' × ' || count(i.id) AS k FROM contracts c
      LEFT JOIN invoices i ON i.contract_id = c.id AND i.tenant_id = c.tenant_id
      WHERE c.tenant_id = ${work.billing.tenantId} AND c.active_id IS NULL
      GROUP BY c.id HAVING count(i.id) <> 1`,
  );
  const numbers = await rows(sql<{ number: string }>`
    SELECT number FROM invoices WHERE tenant_id = ${work.billing.tenantId}`);
  const expected = [
    ...Array.from({ length: n - t }, (_, i) => `INV-${String(i + 1).padStart(6, "0")}`),
    ...Array.from({ length: t }, (_, i) => `UK-${String(i + 1).padStart(6, "0")}`),
  ].sort();
  const got = numbers.map((r) => r.number).sort();
  if (got.join() !== expected.join()) {
    found.push(`billing: invoice numbers are not INV-… and UK-… without gaps: ${got.slice(-3)}`);
  }
  await expectRows(
    "billing: a contract still due",
    sql<{ k: string }>`
      SELECT id AS k FROM contracts
      WHERE tenant_id = ${work.billing.tenantId} AND active_id IS NULL
        AND next_billing_at <= '2026-02-01T00:00:00Z'`,
  );
  await expectRows(
    "transfers: a transferred customer's contract not moved exactly once",
    sql<{ k: string }>`
      SELECT c.id || ' × ' || count(copy.id) AS k FROM contracts c
      LEFT JOIN contracts copy ON copy.active_id = c.id
      WHERE c.tenant_id = ${work.billing.tenantId} AND c.active_id IS NULL
        AND EXISTS (SELECT 1 FROM customers left_behind WHERE left_behind.active_id = c.customer_id)
      GROUP BY c.id HAVING count(copy.id) <> 1`,
  );
  const moved = await rows(sql<{ n: string }>`
    SELECT count(*) AS n FROM contracts
    WHERE tenant_id = ${work.billing.tenantId} AND active_id IS NOT NULL`);
  if (Number(moved[0]!.n) !== t) found.push(`transfers: ${moved[0]!.n} contracts moved, not ${t}`);

  // scheduled actions: each executed, once; one inactive phase per contract from 2026-02-05
  await expectRows(
    "scheduled actions: an action not executed",
    sql<{ k: string }>`
      SELECT id || ' ' || state AS k FROM subscription_actions
      WHERE tenant_id = ${work.actions.tenantId} AND state <> 'executed'`,
  );
  await expectRows(
    "scheduled actions: a contract without exactly one executed rest",
    sql<{ k: string }>`
      SELECT c.id || ' × ' || count(a.id) AS k FROM contracts c
      LEFT JOIN subscription_actions a ON a.contract_id = c.id AND a.state = 'executed'
      WHERE c.tenant_id = ${work.actions.tenantId}
      GROUP BY c.id HAVING count(a.id) <> 1`,
  );
  await expectRows(
    "scheduled actions: a contract without exactly one inactive phase from 2026-02-05",
    sql<{ k: string }>`
      SELECT c.id || ' × ' || count(p.contract_id) AS k FROM contracts c
      LEFT JOIN contract_phases p ON p.contract_id = c.id AND p.type = 'inactive'
        AND p.start_at = '2026-02-05T00:00:00Z'
      WHERE c.tenant_id = ${work.actions.tenantId}
      GROUP BY c.id HAVING count(p.contract_id) <> 1`,
  );
  await expectRows(
    "scheduled actions: an action without exactly one audit record",
    sql<{ k: string }>`
      SELECT a.id || ' × ' || count(e.id) AS k FROM subscription_actions a
      LEFT JOIN audit_events e ON e.tenant_id = a.tenant_id AND e.target_id = a.id
        AND e.operation = 'subscription_actions.execute'
      WHERE a.tenant_id = ${work.actions.tenantId}
      GROUP BY a.id HAVING count(e.id) <> 1`,
  );

  // dunning: levels 1 and 2 noticed once per invoice (a notice and an event each); grace
  // extended once per contract
  await expectRows(
    "dunning: an invoice without exactly one notice of each level",
    sql<{ k: string }>`
      SELECT i.id || ' ' || coalesce(string_agg(d.level::text, ',' ORDER BY d.level), '-') AS k
      FROM invoices i LEFT JOIN dunning_notices d ON d.invoice_id = i.id
      WHERE i.tenant_id = ${work.dunning.tenantId}
      GROUP BY i.id HAVING coalesce(string_agg(d.level::text, ',' ORDER BY d.level), '') <> '1,2'`,
  );
  await expectRows(
    "dunning: an invoice without exactly one event of each level",
    sql<{ k: string }>`
      SELECT i.id || ' ' || coalesce(string_agg(e.payload->>'level', ',' ORDER BY e.payload->>'level'), '-') AS k
      FROM invoices i LEFT JOIN outbox_events e ON e.tenant_id = i.tenant_id
        AND e.type = 'invoice.dunning_level_reached' AND e.subject_id = i.id
      WHERE i.tenant_id = ${work.dunning.tenantId}
      GROUP BY i.id
      HAVING coalesce(string_agg(e.payload->>'level', ',' ORDER BY e.payload->>'level'), '') <> '1,2'`,
  );
  await expectRows(
    "dunning: a contract without exactly one grace extension",
    sql<{ k: string }>`
      SELECT c.id || ' × ' || count(a.id) AS k FROM contracts c
      LEFT JOIN subscription_actions a ON a.contract_id = c.id
        AND a.behaviour_code = 'extend_grace_period' AND a.classification = 'dunning:final'
      WHERE c.tenant_id = ${work.dunning.tenantId}
      GROUP BY c.id HAVING count(a.id) <> 1`,
  );

  // grace expiry: each contract deactivated once, its grace ended once
  await expectRows(
    "grace expiry: a contract whose grace has not ended",
    sql<{ k: string }>`
      SELECT id AS k FROM contracts
      WHERE tenant_id = ${work.grace.tenantId} AND grace_period_end_at IS NOT NULL`,
  );
  await expectRows(
    "grace expiry: a contract without exactly one deactivation",
    sql<{ k: string }>`
      SELECT c.id || ' × ' || count(a.id) AS k FROM contracts c
      LEFT JOIN subscription_actions a ON a.contract_id = c.id
        AND a.classification = 'grace_period_expired'
      WHERE c.tenant_id = ${work.grace.tenantId}
      GROUP BY c.id HAVING count(a.id) <> 1`,
  );
  await expectRows(
    "grace expiry: a contract without exactly one grace_period_ended event",
    sql<{ k: string }>`
      SELECT c.id || ' × ' || count(e.id) AS k FROM contracts c
      LEFT JOIN outbox_events e ON e.tenant_id = c.tenant_id
        AND e.type = 'contract.grace_period_ended' AND e.subject_id = c.id
      WHERE c.tenant_id = ${work.grace.tenantId}
      GROUP BY c.id HAVING count(e.id) <> 1`,
  );
  return found;
}
