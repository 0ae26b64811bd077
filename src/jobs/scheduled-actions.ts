import { runDueActions } from "../modules/actions/scheduled.js";
import type { Job } from "./runner.js";

const BATCH = 100;

/** Scheduled subscription actions whose date has come (src/modules/actions/scheduled.ts). */
export function scheduledActionsJob(options: { now?: () => Date } = {}): Job {
  const now = options.now ?? (() => new Date());
  return {
    name: "scheduled-actions",
    everyMs: 0,
    batchSize: BATCH,
    run: ({ db }) => runDueActions(db, { now, limit: BATCH }),
  };
}
