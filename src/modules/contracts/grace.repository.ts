/** Grace periods that ended: claimed by the grace-expiry job, then closed. */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../storage/schema.js";
import { tenantSettings } from "../tenants/index.js";

/**
 * The contract of any tenant whose grace period ended first by its tenant's clock (`now` on
 * the system clock), locked; one another worker holds is skipped.
 */
export function claimGraceExpired(db: Kysely<DB>, now: Date) {
  return db
    .selectFrom("contracts as c")
    .innerJoin(tenantSettings(db).as("t"), "t.id", "c.tenant_id")
    .select([
      "c.id",
      "c.tenant_id",
      "c.customer_id",
      "c.currency",
      "c.grace_period_end_at",
      "t.test_clock_now",
    ])
    .where("c.grace_period_end_at", "is not", null)
    .where("c.grace_period_end_at", "<=", sql<Date>`coalesce(t.test_clock_now, ${now})`)
    .orderBy("c.grace_period_end_at")
    .limit(1)
    .forUpdate("c")
    .skipLocked()
    .executeTakeFirst();
}

/** Closes the contract's grace period. */
export async function endGracePeriod(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({ grace_period_end_at: null })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", contractId)
    .execute();
}
