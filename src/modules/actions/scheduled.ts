/**
 * Scheduled subscription actions whose date a tenant's clock (its test clock included) has
 * reached are run, one transaction each, claimed with FOR UPDATE SKIP LOCKED so several
 * workers share them and none runs twice. An action the subscription no longer allows is
 * rolled back to a savepoint and recorded as rejected with the reason.
 */
import { type Kysely, sql } from "kysely";
import { inSavepoint } from "../../storage/savepoint.js";
import type { DB } from "../../storage/schema.js";
import { clockFor } from "../clock/clock.service.js";
import { systemContext } from "../invoicing/billing.js";
import { executeScheduledAction, rejectScheduledAction } from "./actions.service.js";

export async function runDueActions(
  db: Kysely<DB>,
  options: {
    now: () => Date;
    limit: number;
    tenantId?: string | undefined;
    /** Told of an action that failed with an unexpected error; it is tried again next run. */
    onError?: (actionId: string, error: unknown) => void;
  },
): Promise<number> {
  let handled = 0;
  // actions that failed unexpectedly in this run: skipped, so they hold up no other action
  const failed: string[] = [];
  while (handled < options.limit) {
    let claimed: string | null = null;
    const done = await db
      .transaction()
      .execute(async (trx) => {
        let q = trx
          .selectFrom("subscription_actions as a")
          .innerJoin("tenants as t", "t.id", "a.tenant_id")
          .selectAll("a")
          .select("t.test_clock_now")
          .where("a.state", "=", "scheduled")
          .where("a.scheduled_date", "<=", sql<Date>`coalesce(t.test_clock_now, ${options.now()})`);
        if (options.tenantId) q = q.where("a.tenant_id", "=", options.tenantId);
        if (failed.length > 0) q = q.where("a.id", "not in", failed);
        const due = await q
          .orderBy("a.scheduled_date")
          .orderBy("a.id")
          .limit(1)
          .forUpdate("a")
          .skipLocked()
          .executeTakeFirst();
        if (!due) return false;
        const { test_clock_now, ...row } = due;
        claimed = row.id;
        const clock = clockFor(test_clock_now ?? options.now());
        const attempt = systemContext(trx, row.tenant_id, clock, "scheduled-actions");
        const refused = await inSavepoint(trx, () => executeScheduledAction(attempt.ctx, row));
        if (refused === null) {
          await attempt.flush("subscription_actions.execute");
        } else {
          // what the attempt buffered is dropped with it
          const rejection = systemContext(trx, row.tenant_id, clock, "scheduled-actions");
          await rejectScheduledAction(rejection.ctx, row, refused);
          await rejection.flush("subscription_actions.reject");
        }
        return true;
      })
      .catch((error: unknown) => {
        // a bug, or the database failing: the transaction is rolled back and the action
        // stays scheduled for the next run
        if (claimed === null) throw error;
        failed.push(claimed);
        options.onError?.(claimed, error);
        return true;
      });
    if (!done) break;
    handled += 1;
  }
  return handled;
}
