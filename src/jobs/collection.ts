import { runCollection } from "../workflows/collection.js";
import type { Job } from "./runner.js";

const BATCH = 100;

/**
 * Automatic collection (src/workflows/collection.ts): issued invoices of customers with
 * `auto_collection` on are charged through their payment sources, failed attempts retried on
 * the tenant's schedule, pending ones recorded once settled.
 */
export function collectionJob(options: { now?: () => Date } = {}): Job {
  const now = options.now ?? (() => new Date());
  return {
    name: "collection",
    // a run looks at every unpaid invoice: not more often than this
    everyMs: 10_000,
    batchSize: Number.POSITIVE_INFINITY,
    run: ({ db, log }) => runCollection(db, { now, limit: BATCH, log }),
  };
}
