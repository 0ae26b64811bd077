/**
 * Scheduled subscription actions whose date a tenant's clock (its test clock included) has
 * reached: claimed one at a time with FOR UPDATE SKIP LOCKED, so several workers share them
 * and none runs twice (the run itself: src/workflows/scheduled-actions.ts).
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../storage/schema.js";
import type { ActionRow } from "./actions.service.js";

/** The next due action no other transaction holds, locked, with its tenant's test clock. */
export async function claimDueAction(
  trx: Kysely<DB>,
  options: { now: Date; tenantId?: string | undefined; skip: readonly string[] },
): Promise<{ action: ActionRow; testClockNow: Date | null } | null> {
  let q = trx
    .selectFrom("subscription_actions as a")
    .innerJoin("tenants as t", "t.id", "a.tenant_id")
    .selectAll("a")
    .select("t.test_clock_now")
    .where("a.state", "=", "scheduled")
    .where("a.scheduled_date", "<=", sql<Date>`coalesce(t.test_clock_now, ${options.now})`);
  if (options.tenantId) q = q.where("a.tenant_id", "=", options.tenantId);
  if (options.skip.length > 0) q = q.where("a.id", "not in", options.skip);
  const due = await q
    .orderBy("a.scheduled_date")
    .orderBy("a.id")
    .limit(1)
    .forUpdate("a")
    .skipLocked()
    .executeTakeFirst();
  if (!due) return null;
  const { test_clock_now, ...action } = due;
  return { action, testClockNow: test_clock_now };
}
