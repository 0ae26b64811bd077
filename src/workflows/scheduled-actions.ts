/**
 * Scheduled subscription actions whose date has come are run, one unit of work each. An
 * action the subscription no longer allows is rolled back (its audit records and events with
 * it) and recorded as rejected with the reason.
 */
import type { Kysely } from "kysely";
import { newId } from "../lib/ids.js";
import { yielder } from "../lib/yield.js";
import {
  claimDueAction,
  executeScheduledAction,
  rejectScheduledAction,
} from "../modules/actions/index.js";
import { clockFor } from "../modules/clock/index.js";
import type { DB } from "../storage/schema.js";
import { unitOfWork } from "./unit-of-work.js";

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
  // the embedded database answers without letting go of the event loop: let timers and
  // requests run between actions
  const yields = yielder();
  while (handled < options.limit) {
    await yields.pause();
    let claimed: string | null = null;
    const done = await unitOfWork(db, async (work) => {
      const due = await claimDueAction(work.db, {
        now: options.now(),
        tenantId: options.tenantId,
        skip: failed,
      });
      if (!due) return false;
      const { action } = due;
      claimed = action.id;
      const scope = {
        tenantId: action.tenant_id,
        actor: { type: "system", id: "scheduled-actions" } as const,
        requestId: newId("job"),
        clock: clockFor(due.testClockNow ?? options.now()),
      };
      const refused = await work.attempt(
        { ...scope, operation: "subscription_actions.execute" },
        (ctx) => executeScheduledAction(ctx, action),
      );
      if (refused !== null) {
        const rejection = await work.context({
          ...scope,
          operation: "subscription_actions.reject",
        });
        await rejectScheduledAction(rejection, action, refused);
      }
      return true;
    }).catch((error: unknown) => {
      // a bug, or the database failing: the unit is rolled back and the action stays
      // scheduled for the next run
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
