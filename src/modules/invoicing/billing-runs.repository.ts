/**
 * Storage of billing runs (a tenant's record of one billing pass: what it settled and what
 * failed), and the first step of claiming due contracts: which tenants have any.
 */
import { type Kysely, type Selectable, sql } from "kysely";
import type { BillingRunsTable, DB } from "../../storage/schema.js";
import { firstDueContract } from "../contracts/index.js";
import { tenantSettings } from "../tenants/index.js";

export type BillingRunRow = Selectable<BillingRunsTable>;

/**
 * Up to 1,000 tenants with a contract due by their own clock (`now` for tenants on the system
 * clock), each with its test clock: the longest-waiting first (their earliest due contract),
 * or, with `after`, in id order from the first tenant after it, wrapping round (a round-robin
 * whose turn passes on however long a tenant's backlog).
 */
export async function tenantsWithDueContracts(
  db: Kysely<DB>,
  options: {
    tenantId?: string | undefined;
    contractId?: string | undefined;
    now: Date;
    after?: string | null | undefined;
  },
): Promise<{ id: string; test_clock_now: Date | null }[]> {
  const asOf = sql<Date>`coalesce(t.test_clock_now, ${options.now})`;
  const order =
    options.after === undefined
      ? sql`d.first_due, t.id`
      : sql`t.id <= ${options.after ?? ""}, t.id`;
  const { rows } = await sql<{ id: string; test_clock_now: Date | null }>`
    SELECT t.id, t.test_clock_now
    FROM ${tenantSettings(db)} t
    CROSS JOIN LATERAL (${firstDueContract(sql.ref("t.id"), asOf, options.contractId)}) d
    ${options.tenantId ? sql`WHERE t.id = ${options.tenantId}` : sql``}
    ORDER BY ${order}
    LIMIT 1000`.execute(db);
  return rows;
}

/** Writes a new billing run. */
export async function insertBillingRun(
  db: Kysely<DB>,
  run: {
    id: string;
    tenantId: string;
    trigger: "worker" | "api";
    now: Date;
    tenantTime: Date;
  },
): Promise<void> {
  await db
    .insertInto("billing_runs")
    .values({
      id: run.id,
      tenant_id: run.tenantId,
      trigger: run.trigger,
      status: "running",
      started_at: run.now,
      tenant_time: run.tenantTime,
      updated_at: run.now,
    })
    .execute();
}

/** Adds settled contracts and the documents written for them to a run's counts. */
export async function addToRunCounts(
  db: Kysely<DB>,
  runId: string,
  counts: { contracts: number; invoices: number; creditNotes: number },
  now: Date,
): Promise<void> {
  await db
    .updateTable("billing_runs")
    .set((eb) => ({
      contracts_billed: eb("contracts_billed", "+", counts.contracts),
      invoices_created: eb("invoices_created", "+", counts.invoices),
      credit_notes_created: eb("credit_notes_created", "+", counts.creditNotes),
      updated_at: now,
    }))
    .where("id", "=", runId)
    .execute();
}

/** Counts a failed settlement on its run, with its error as the run's last one. */
export async function addRunFailure(
  db: Kysely<DB>,
  runId: string,
  lastError: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable("billing_runs")
    .set((eb) => ({
      failures: eb("failures", "+", 1),
      last_error: lastError,
      updated_at: now,
    }))
    .where("id", "=", runId)
    .execute();
}

/** Marks runs completed; returns them as now stored. */
export async function completeRunRows(
  db: Kysely<DB>,
  ids: readonly string[],
  finished: Date,
): Promise<BillingRunRow[]> {
  if (ids.length === 0) return [];
  return db
    .updateTable("billing_runs")
    .set({ status: "completed", finished_at: finished, updated_at: finished })
    .where("id", "in", ids)
    .returningAll()
    .execute();
}

/** Marks running runs whose last progress is older than `olderThan` interrupted; how many. */
export async function interruptRunRows(db: Kysely<DB>, olderThan: Date): Promise<number> {
  const rows = await db
    .updateTable("billing_runs")
    .set({ status: "interrupted", finished_at: olderThan, updated_at: olderThan })
    .where("status", "=", "running")
    .where("updated_at", "<", olderThan)
    .returning("id")
    .execute();
  return rows.length;
}

/**
 * Marks the runs among `ids` still running interrupted at `now`, with `lastError`; how many
 * (ids of runs never stored, or already finished, are passed over).
 */
export async function interruptRunRowsById(
  db: Kysely<DB>,
  ids: readonly string[],
  lastError: string,
  now: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .updateTable("billing_runs")
    .set({ status: "interrupted", finished_at: now, updated_at: now, last_error: lastError })
    .where("id", "in", ids)
    .where("status", "=", "running")
    .returning("id")
    .execute();
  return rows.length;
}

/** The tenant's runs before `cursor` (newest first), at most `limit`. */
export async function listBillingRunRows(
  db: Kysely<DB>,
  tenantId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<BillingRunRow[]> {
  let q = db.selectFrom("billing_runs").selectAll().where("tenant_id", "=", tenantId);
  if (page.cursor) q = q.where("id", "<", page.cursor);
  return q.orderBy("id", "desc").limit(page.limit).execute();
}
