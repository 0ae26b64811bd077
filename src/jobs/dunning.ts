import { runDunning, runGraceExpiry } from "../workflows/dunning.js";
import type { Job } from "./runner.js";

const BATCH = 100;

/** Dunning steps reached by unpaid invoices (src/workflows/dunning.ts). */
export function dunningJob(options: { now?: () => Date } = {}): Job {
  const now = options.now ?? (() => new Date());
  return {
    name: "dunning",
    // a run looks at every unpaid invoice: not more often than this
    everyMs: 10_000,
    batchSize: Number.POSITIVE_INFINITY,
    run: ({ db }) => runDunning(db, { now, limit: BATCH }),
  };
}

/** Contracts whose grace period has ended: deactivated while their customer owes money. */
export function graceExpiryJob(options: { now?: () => Date } = {}): Job {
  const now = options.now ?? (() => new Date());
  return {
    name: "grace-expiry",
    everyMs: 0,
    batchSize: BATCH,
    run: ({ db }) => runGraceExpiry(db, { now, limit: BATCH }),
  };
}
