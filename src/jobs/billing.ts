import { interruptStaleRuns } from "../modules/invoicing/index.js";
import { runBilling } from "../workflows/billing-run.js";
import type { Job } from "./runner.js";

/** Contracts settled per batch; a full batch is followed at once by the next. */
const BATCH = 100;
/** A run that made no progress for this long belonged to a process that died. */
const STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Billing: settles every contract whose next billing date has come on its tenant's clock,
 * in batches of one tenant's contracts, one transaction each, claimed with SKIP LOCKED (several
 * workers share the work). Tenants take turns (a round-robin that goes on from one pass to
 * the next), so one tenant's backlog never holds up another's billing. A run that stops on an
 * error (a cut connection) is marked `interrupted` at once, or by the job's next run when the
 * database is still away; a run whose process died is marked after STALE_AFTER_MS.
 */
export function billingJob(options: { now?: () => Date; turn?: number } = {}): Job {
  const now = options.now ?? (() => new Date());
  const rotation = { last: null as string | null };
  // runs that stopped on a cut connection and could not be marked interrupted then
  const unfinished: string[] = [];
  return {
    name: "billing",
    everyMs: 0,
    batchSize: BATCH,
    async run({ db, log }) {
      await interruptStaleRuns(db, new Date(now().getTime() - STALE_AFTER_MS));
      const runs = await runBilling(db, {
        trigger: "worker",
        limit: BATCH,
        // a tenant's turn: by how many tenants are due (turnOf) unless given
        batchSize: options.turn,
        log,
        systemNow: now,
        rotation,
        unfinished,
      });
      return runs.reduce((n, r) => n + r.contracts_billed + r.failures, 0);
    },
  };
}
