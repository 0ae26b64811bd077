import { runDueActions } from "../workflows/scheduled-actions.js";
import type { Job } from "./runner.js";

const BATCH = 100;

/** Scheduled subscription actions whose date has come (src/workflows/scheduled-actions.ts). */
export function scheduledActionsJob(options: { now?: () => Date } = {}): Job {
  const now = options.now ?? (() => new Date());
  return {
    name: "scheduled-actions",
    everyMs: 0,
    batchSize: BATCH,
    run: ({ db, log }) =>
      runDueActions(db, {
        now,
        limit: BATCH,
        onError: (actionId, error) =>
          log.error({ err: error, action: actionId }, "scheduled action failed; retried next run"),
      }),
  };
}
