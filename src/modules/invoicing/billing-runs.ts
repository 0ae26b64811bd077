/**
 * What the billing run (src/workflows/billing-run.ts) needs of this module: claiming due
 * contracts with SKIP LOCKED, and the run records (opened, counted, completed, interrupted).
 */
import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { conflict, notFound } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import type { DB } from "../../storage/schema.js";
import { type Ctx, dateOf } from "../context.js";
import {
  type ContractRow,
  clearFailedSettlement,
  findContract,
  getContract,
  lockDueContracts,
  recordFailedSettlement,
} from "../contracts/index.js";
import { fetchPage, type Page } from "../pagination.js";
import {
  addRunFailure,
  addToRunCounts,
  type BillingRunRow,
  completeRunRows,
  insertBillingRun,
  interruptRunRows,
  interruptRunRowsById,
  listBillingRunRows,
  tenantsWithDueContracts,
} from "./billing-runs.repository.js";
import type { BillingRunSchema } from "./invoicing.schemas.js";

/** A billing run as the API returns it. */
export type BillingRun = Static<typeof BillingRunSchema>;

export const toBillingRun = (r: BillingRunRow): BillingRun => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status,
  started_at: r.started_at.toISOString(),
  tenant_time: r.tenant_time.toISOString(),
  finished_at: r.finished_at ? r.finished_at.toISOString() : null,
  contracts_billed: r.contracts_billed,
  invoices_created: r.invoices_created,
  credit_notes_created: r.credit_notes_created,
  failures: r.failures,
  last_error: r.last_error,
});

/** The tenant's billing runs, newest first. */
export async function listBillingRuns(
  ctx: Ctx,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<BillingRun>> {
  return fetchPage(
    page.limit,
    (n) => listBillingRunRows(ctx.db, ctx.tenantId, { limit: n, cursor: page.cursor }),
    toBillingRun,
  );
}

/** How long a contract whose settlement failed first waits before the next attempt. */
const FIRST_RETRY_AFTER_MS = 15 * 60 * 1000;
/** Failed settlements in a row after which billing parks the contract. */
export const SETTLEMENT_ATTEMPTS = 5;

/**
 * When a contract whose settlement failed for the `failures`-th time in a row is tried again
 * (15 minutes after its tenant's now, doubled after each failure: 15, 30, 60, 120 minutes), or
 * null: parked, tried no more until a retry.
 */
export function nextSettlementAttempt(failures: number, now: Date): Date | null {
  if (failures >= SETTLEMENT_ATTEMPTS) return null;
  return new Date(now.getTime() + FIRST_RETRY_AFTER_MS * 2 ** (failures - 1));
}

export type Claimed = { contract: ContractRow; testClockNow: Date | null };

/**
 * Locks up to `size` due contracts of one tenant that no other transaction holds (SKIP
 * LOCKED). Tenants are served longest-waiting first (their earliest due contract), and a
 * batch never spans tenants, so a tenant's number counters are locked only while its own
 * documents are written. Each step reads an index on (tenant, next billing date) up to the
 * tenant's own clock: a claim reads what it locks however many contracts are not due. The
 * contracts of a frozen customer (billing_frozen) are outside that partial index and wait.
 */
export async function claimDue(
  trx: Kysely<DB>,
  options: { tenantId?: string | undefined; contractId?: string; now: Date; size: number },
): Promise<Claimed[]> {
  const tenants = await tenantsWithDueContracts(trx, options);
  for (const tenant of tenants) {
    const rows = await lockDueContracts(
      trx,
      tenant.id,
      tenant.test_clock_now ?? options.now,
      options.size,
      options.contractId,
    );
    if (rows.length > 0) {
      return rows.map((contract) => ({ contract, testClockNow: tenant.test_clock_now }));
    }
  }
  return [];
}

/**
 * The tenants with a due contract, for one round of a worker's billing: in id order from the
 * first after `after` (the last tenant served), wrapping round, each with its test clock.
 */
export async function tenantsDue(
  db: Kysely<DB>,
  options: { now: Date; after: string | null },
): Promise<{ id: string; testClockNow: Date | null }[]> {
  const rows = await tenantsWithDueContracts(db, options);
  return rows.map((r) => ({ id: r.id, testClockNow: r.test_clock_now }));
}

/** A new billing run of the tenant, running; its id. */
export async function openBillingRun(
  db: Kysely<DB>,
  input: { tenantId: string; trigger: "worker" | "api"; now: Date; tenantTime: Date },
): Promise<string> {
  const id = newId("billingRun");
  await insertBillingRun(db, { id, ...input });
  return id;
}

/** What a settlement counts on its run: contracts settled, documents written for them. */
export type SettledCounts = { contracts: number; invoices: number; creditNotes: number };

/** The counts of settled contracts, given the kind of each one's document (null: none). */
export function settledCounts(documents: readonly (string | null)[]): SettledCounts {
  let invoices = 0;
  let creditNotes = 0;
  for (const kind of documents) {
    if (kind === "invoice") invoices += 1;
    else if (kind === "credit_note") creditNotes += 1;
  }
  return { contracts: documents.length, invoices, creditNotes };
}

/** Counts settled contracts and the documents written for them on their run. */
export async function countSettled(
  db: Kysely<DB>,
  runId: string,
  counts: SettledCounts,
  now: Date,
): Promise<void> {
  await addToRunCounts(db, runId, counts, now);
}

/**
 * A contract whose settlement failed: counted on its run with the error and on the contract,
 * and tried again later on its tenant's clock (see nextSettlementAttempt), or parked after
 * SETTLEMENT_ATTEMPTS failures in a row (`contract.settlement_parked`). Returns whether it was
 * parked.
 */
export async function recordSettlementFailure(
  ctx: Ctx,
  input: { runId: string; contractId: string; error: unknown; now: Date },
): Promise<boolean> {
  const error = input.error;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const row = await findContract(ctx.db, ctx.tenantId, input.contractId, { forUpdate: true });
  let parked = false;
  if (row) {
    const failures = row.settlement_failures + 1;
    const tenantNow = dateOf(ctx.clock.now());
    const retryAt = nextSettlementAttempt(failures, tenantNow);
    await recordFailedSettlement(ctx.db, ctx.tenantId, row.id, {
      failures,
      error: message,
      failedAt: tenantNow,
      retryAt,
    });
    if (retryAt === null) {
      parked = true;
      await ctx.emit({
        type: "contract.settlement_parked",
        subjectType: "contract",
        subjectId: row.id,
        payload: await getContract(ctx, row.id),
      });
    }
  }
  await addRunFailure(
    ctx.db,
    input.runId,
    `${input.contractId}: ${message}`.slice(0, 500),
    input.now,
  );
  return parked;
}

/**
 * Un-parks a contract whose settlement failed (parked, or waiting for its next attempt): its
 * failures are cleared and billing settles it at its tenant's now. 409
 * `settlement_not_failed` when no settlement of it failed.
 */
export async function retrySettlement(ctx: Ctx, contractId: string) {
  const row = await findContract(ctx.db, ctx.tenantId, contractId, { forUpdate: true });
  if (!row) throw notFound("contract_not_found", `no contract ${contractId}`, { id: contractId });
  await ctx.guard({ kind: "contract", row });
  if (row.settlement_failures === 0 && row.settlement_parked_at === null) {
    throw conflict("settlement_not_failed", `no settlement of contract ${contractId} failed`, {
      id: contractId,
    });
  }
  const before = await getContract(ctx, contractId);
  const now = dateOf(ctx.clock.now());
  await clearFailedSettlement(ctx.db, ctx.tenantId, contractId, now, now);
  const after = await getContract(ctx, contractId);
  ctx.audit({ targetType: "contract", targetId: contractId, before, after });
  return after;
}

/** Marks runs completed. */
export async function completeBillingRuns(
  db: Kysely<DB>,
  ids: readonly string[],
  finished: Date,
): Promise<{ tenantId: string; run: BillingRun }[]> {
  const rows = await completeRunRows(db, ids, finished);
  return rows.map((r) => ({ tenantId: r.tenant_id, run: toBillingRun(r) }));
}

/** Marks runs that stopped reporting progress (their process died) as interrupted. */
export async function interruptStaleRuns(db: Kysely<DB>, olderThan: Date): Promise<number> {
  return interruptRunRows(db, olderThan);
}

/**
 * Marks runs of this process that stopped on an error (the database went away mid-run)
 * interrupted at once, with the error as their last one: their contracts not yet settled are
 * still due, and the next run claims them. Runs already finished, or never stored (their
 * transaction rolled back), are passed over.
 */
export async function interruptBillingRuns(
  db: Kysely<DB>,
  ids: readonly string[],
  error: unknown,
  now: Date,
): Promise<number> {
  const message = error instanceof Error ? error.message : String(error);
  return interruptRunRowsById(db, ids, `interrupted: ${message}`.slice(0, 500), now);
}
