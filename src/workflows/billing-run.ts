/**
 * The billing run: settles every due contract (next_billing_at ≤ its tenant's now). Contracts
 * are claimed in batches with SKIP LOCKED and each batch is settled in one unit of work, with
 * its billing run's counts: a batch is committed whole or not at all, so a crash loses nothing
 * and bills nothing twice. A batch that fails is settled again contract by contract, each in
 * its own unit of work, so one contract's bad data holds up no other; a contract that keeps
 * failing is tried again later, less and less often, and parked after a few attempts. A
 * database that cannot be reached (connections cut, a restart) is no contract's failure: the
 * run stops with the error and the next one claims the same contracts again.
 *
 * A run over every tenant (the worker's) is a round-robin: each tenant with due contracts in
 * turn gets one batch of at most TENANT_TURN contracts, and the next pass goes on from the
 * tenant after the last one served, so no tenant's backlog or failures starve another.
 *
 * Modules: invoicing (claims, settles, counts); contracts of transferred customers move first,
 * as Chargebee's renewal job does (./transfers.ts).
 */
import type { Kysely } from "kysely";
import type { SystemOperation } from "../domain/operations.js";
import { newId } from "../lib/ids.js";
import { clockFor } from "../modules/clock/index.js";
import {
  type BillingRun,
  type Claimed,
  claimDue,
  completeBillingRuns,
  countSettled,
  interruptBillingRuns,
  openBillingRun,
  recordSettlementFailure,
  SETTLEMENT_ATTEMPTS,
  type SettledCounts,
  type Settlement,
  settledCounts,
  settleLocked,
  tenantsDue,
} from "../modules/invoicing/index.js";
import { databaseFault } from "../storage/errors.js";
import type { DB } from "../storage/schema.js";
import { moveTransferredContracts } from "./transfers.js";
import { type Scope, unitOfWork, type Work } from "./unit-of-work.js";

/** Where a run reports progress (pino or Fastify's request logger). */
export type RunLog = {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type RunOptions = {
  /** Only this tenant's contracts (an API-triggered run); all tenants when absent. */
  tenantId?: string | undefined;
  trigger: "worker" | "api";
  /** At most this many contracts. */
  limit: number;
  /** Contracts per transaction (default BILLING_BATCH; a tenant's turn in a run over all). */
  batchSize?: number;
  /**
   * A run over every tenant: where the round-robin stands (the last tenant served), read and
   * moved on, so consecutive runs (the worker's passes) go on where the last one stopped.
   */
  rotation?: { last: string | null };
  /**
   * Runs of this caller that stopped on an error and could not be marked interrupted (the
   * database could not be reached): kept here, and marked first by the caller's next run.
   */
  unfinished?: string[];
  log?: RunLog | undefined;
  /**
   * Told after each transaction what it settled: contracts settled and failed, invoices and
   * credit notes written (a long run's progress, while its runs are still open).
   */
  progress?: (step: RunProgress) => void;
  /** The wall clock for tenants without a test clock. */
  systemNow: () => Date;
};

/** What one transaction of a run settled, and the contracts whose settlement failed. */
export type RunProgress = SettledCounts & { failures: number };

function progressOf(settled: readonly Settlement[]): RunProgress {
  return { ...settledCounts(settled.map((s) => s.invoice?.kind ?? null)), failures: 0 };
}

/** Contracts claimed and settled together in one transaction. */
export const BILLING_BATCH = 100;
/**
 * The fewest contracts of one tenant a run over every tenant settles before the next one's
 * turn; with fewer tenants due, each turn is larger (`turnOf`).
 */
export const TENANT_TURN = 25;

/**
 * A tenant's turn when `due` tenants have contracts due: one round over them settles about
 * one batch (BILLING_BATCH) in all, and no turn is smaller than TENANT_TURN. So a tenant waits
 * at most about a batch's time for its turn, and one tenant alone is settled in full batches:
 * each transaction's fixed statements and commit are shared by a hundred contracts, not 25.
 */
export function turnOf(due: number): number {
  return Math.max(TENANT_TURN, Math.floor(BILLING_BATCH / Math.max(1, due)));
}

const system = (tenantId: string, operation: SystemOperation): Omit<Scope, "clock"> => ({
  tenantId,
  actor: { type: "system", id: "billing" },
  requestId: newId("job"),
  operation,
});

/** The runs of one billing pass, one per tenant, opened as their first contract is settled. */
class Runs {
  private readonly ids = new Map<string, string>();
  /** Tenants whose run the current unit of work opened: forgotten if it rolls back. */
  private opened: string[] = [];
  /** Every run opened, also by a unit of work that rolled back (its commit may have landed). */
  private readonly touched = new Set<string>();

  async of(
    work: Work,
    tenantId: string,
    trigger: RunOptions["trigger"],
    now: Date,
    tenantTime: Date,
  ) {
    const known = this.ids.get(tenantId);
    if (known) return known;
    const id = await openBillingRun(work.db, { tenantId, trigger, now, tenantTime });
    this.ids.set(tenantId, id);
    this.opened.push(tenantId);
    this.touched.add(id);
    return id;
  }

  /** Runs `fn` as one unit of work; a rollback forgets the runs it opened. */
  async unit<T>(db: Kysely<DB>, fn: (work: Work) => Promise<T>): Promise<T> {
    this.opened = [];
    try {
      return await unitOfWork(db, fn);
    } catch (error) {
      for (const tenant of this.opened) this.ids.delete(tenant);
      throw error;
    }
  }

  /**
   * Forgets the runs of the tenants not in `keep` and answers their ids, to be completed: a
   * later batch of such a tenant opens a new run.
   */
  closeExcept(keep: ReadonlySet<string>): string[] {
    const closed: string[] = [];
    for (const [tenant, id] of this.ids) {
      if (keep.has(tenant)) continue;
      this.ids.delete(tenant);
      closed.push(id);
    }
    return closed;
  }

  /** Runs completed: no longer this pass's to mark interrupted should it stop. */
  completed(ids: readonly string[]): void {
    for (const id of ids) this.touched.delete(id);
  }

  /** Every run this pass may have stored. */
  stored(): string[] {
    return [...this.touched];
  }
}

/**
 * Settles due contracts; returns the runs, completed. A run that stops on an error (the
 * database went away) is marked `interrupted` with the error before it is thrown, or, when
 * even that cannot reach the database, by the caller's next run (`unfinished`).
 */
export async function runBilling(db: Kysely<DB>, options: RunOptions): Promise<BillingRun[]> {
  const unfinished = options.unfinished;
  if (unfinished && unfinished.length > 0) {
    await interruptBillingRuns(
      db,
      unfinished,
      "the database could not be reached",
      options.systemNow(),
    );
    unfinished.length = 0;
  }
  const runs = new Runs();
  try {
    return await settleDue(db, runs, options);
  } catch (error) {
    const ids = runs.stored();
    await interruptBillingRuns(db, ids, error, options.systemNow()).catch((markError) => {
      for (const id of ids) unfinished?.push(id);
      options.log?.error(
        { err: markError, runs: ids },
        "billing runs could not be marked interrupted; marked by the next run",
      );
    });
    throw error;
  }
}

async function settleDue(db: Kysely<DB>, runs: Runs, options: RunOptions): Promise<BillingRun[]> {
  const completed: BillingRun[] = [];
  let done = 0;
  if (options.tenantId !== undefined) {
    const size = options.batchSize ?? BILLING_BATCH;
    while (done < options.limit) {
      const n = await settleBatch(db, runs, options, options.tenantId, size, options.limit - done);
      if (n === 0) break;
      done += n;
    }
  } else {
    // round-robin: one batch per tenant with due contracts, then the next tenant
    const rotation = options.rotation ?? { last: null };
    while (done < options.limit) {
      const tenants = await tenantsDue(db, { now: options.systemNow(), after: rotation.last });
      // a tenant no longer due has had its run: completed now, not when a long pass over
      // the other tenants ends (its run would sit open, unchanged, meanwhile)
      await complete(runs.closeExcept(new Set(tenants.map((t) => t.id))));
      const size = options.batchSize ?? turnOf(tenants.length);
      let progressed = false;
      for (const tenant of tenants) {
        if (done >= options.limit) break;
        const n = await settleBatch(db, runs, options, tenant.id, size, options.limit - done);
        rotation.last = tenant.id;
        if (n > 0) progressed = true;
        done += n;
      }
      if (!progressed) break;
    }
  }
  await complete(runs.closeExcept(new Set()));
  return completed;

  async function complete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    for (const { tenantId, run } of await completeBillingRuns(db, ids, options.systemNow())) {
      options.log?.info(
        { run: run.id, tenant: tenantId, billed: run.contracts_billed, failures: run.failures },
        "billing run completed",
      );
      completed.push(run);
    }
    runs.completed(ids);
  }
}

/**
 * One batch of a tenant's due contracts in one unit of work; when it fails, its contracts one
 * by one. How many contracts were settled or failed (0: none was due).
 */
async function settleBatch(
  db: Kysely<DB>,
  runs: Runs,
  options: RunOptions,
  tenantId: string,
  size: number,
  left: number,
): Promise<number> {
  const now = options.systemNow();
  let claimed: string[] = [];
  let settled: Settlement[];
  try {
    settled = await runs.unit(db, async (work) => {
      const due = await claimDue(work.db, { tenantId, now, size: Math.min(size, left) });
      claimed = due.map((d) => d.contract.id);
      return settleClaimed(work, due, runs, options, now);
    });
  } catch (err) {
    // a database that cannot be reached fails the batch, not its contracts: the run stops
    // and the next one claims them again
    if (claimed.length === 0 || databaseFault(err) === "unavailable") throw err;
    options.log?.error(
      { err, contracts: claimed.length },
      "settling a batch failed; settling its contracts one by one",
    );
    let n = 0;
    for (const id of claimed) {
      // a contract another process settled meanwhile is not counted: the loop goes on
      if (await settleAlone(db, id, runs, options, now)) n += 1;
    }
    return n;
  }
  // told once committed, outside the try: what reports it cannot fail the settlement
  reportSettled(options, settled);
  return settled.length;
}

function reportSettled(options: RunOptions, settled: readonly Settlement[]): void {
  logSettled(options.log, settled);
  if (settled.length > 0) options.progress?.(progressOf(settled));
}

/** Settles claimed contracts tenant by tenant and counts them on each tenant's run. */
async function settleClaimed(
  work: Work,
  due: readonly Claimed[],
  runs: Runs,
  options: RunOptions,
  now: Date,
): Promise<Settlement[]> {
  const byTenant = new Map<string, Claimed[]>();
  for (const d of due) {
    const list = byTenant.get(d.contract.tenant_id);
    if (list) list.push(d);
    else byTenant.set(d.contract.tenant_id, [d]);
  }
  const all: Settlement[] = [];
  for (const [tenantId, claimed] of byTenant) {
    const clock = clockFor(claimed[0]!.testClockNow);
    const runId = await runs.of(
      work,
      tenantId,
      options.trigger,
      now,
      new Date(clock.now().epochMilliseconds),
    );
    const ctx = await work.context({ ...system(tenantId, "billing.settle"), clock });
    // the renewal job: contracts of customers transferred since their last run move first
    const contracts = await moveTransferredContracts(
      ctx,
      claimed.map((c) => c.contract),
    );
    const settled = await settleLocked(ctx, contracts, {
      billingRunId: runId,
      counted: (counts) => countSettled(work.db, runId, counts, now),
    });
    for (const contract of settled) all.push(contract);
  }
  return all;
}

/**
 * One contract of a failed batch in its own unit of work; a failure is recorded. False when
 * the contract is no longer due (another process settled it meanwhile).
 */
async function settleAlone(
  db: Kysely<DB>,
  contractId: string,
  runs: Runs,
  options: RunOptions,
  now: Date,
): Promise<boolean> {
  let tenantId: string | null = null;
  let settled: Settlement[];
  try {
    settled = await runs.unit(db, async (work) => {
      // still due and not taken by another process since the batch rolled back
      const due = await claimDue(work.db, { contractId, now, size: 1 });
      tenantId = due[0]?.contract.tenant_id ?? null;
      return settleClaimed(work, due, runs, options, now);
    });
  } catch (err) {
    // nor is an outage counted as the contract's failure (it would wait, and be parked)
    if (tenantId === null || databaseFault(err) === "unavailable") throw err;
    const failed: string = tenantId;
    options.log?.error(
      { err, contract: contractId },
      "settling the contract failed; retried later",
    );
    await runs.unit(db, async (work) => {
      const ctx = await work.context(system(failed, "billing.settle"));
      const runId = await runs.of(
        work,
        failed,
        options.trigger,
        now,
        new Date(ctx.clock.now().epochMilliseconds),
      );
      const parked = await recordSettlementFailure(ctx, { runId, contractId, error: err, now });
      if (parked) {
        options.log?.error(
          { contract: contractId, attempts: SETTLEMENT_ATTEMPTS },
          "the contract's settlement keeps failing; parked until retried",
        );
      }
    });
    options.progress?.({ contracts: 0, invoices: 0, creditNotes: 0, failures: 1 });
    return true;
  }
  reportSettled(options, settled);
  return settled.length > 0;
}

function logSettled(log: RunLog | undefined, settled: readonly Settlement[]): void {
  if (!log) return;
  for (const s of settled) {
    if (!s.invoice) continue;
    log.info(
      { contract: s.contract_id, invoice: s.invoice.id, kind: s.invoice.kind },
      "contract settled",
    );
  }
}
