/**
 * What the time-driven contract events read and mark (phase-events.ts): phase starts and
 * trial ends due on each tenant's clock, across tenants, claimed with FOR UPDATE SKIP LOCKED.
 */
import { type Kysely, sql } from "kysely";
import type { Phase } from "../../domain/contracts/phases.js";
import type { DB } from "../../storage/schema.js";
import { tenantSettings } from "../tenants/index.js";

/** Takes the transaction's advisory lock of the phase events; false: another worker holds it. */
export async function tryLockPhaseEvents(trx: Kysely<DB>): Promise<boolean> {
  const lock = await sql<{ locked: boolean }>`
    SELECT pg_try_advisory_xact_lock(hashtext('accrue.contract_phase_events')) AS locked`.execute(
    trx,
  );
  return lock.rows[0]?.locked ?? false;
}

/**
 * Phase starts the tenant's clock (its test clock, else `now`) has passed, not yet announced:
 * up to `limit`, earliest first, locked (skipping rows another worker holds).
 */
export async function claimPhaseStarts(trx: Kysely<DB>, now: Date, limit: number) {
  return trx
    .selectFrom("contract_phases as p")
    .innerJoin("contracts as c", "c.id", "p.contract_id")
    .innerJoin(tenantSettings(trx).as("t"), "t.id", "c.tenant_id")
    .select([
      "p.contract_id",
      "p.start_at",
      "p.type",
      "p.plan_variant_id",
      "p.quantity",
      "c.tenant_id",
      "t.test_clock_now",
    ])
    .where("p.announced_at", "is", null)
    .where("p.start_at", "<=", sql<Date>`coalesce(t.test_clock_now, ${now})`)
    .orderBy("p.start_at")
    .orderBy("p.contract_id")
    .limit(limit)
    .forUpdate("p")
    .skipLocked()
    .execute();
}

/** The phase of a contract before the one starting at `startAt`, if any. */
export async function findPreviousPhase(
  trx: Kysely<DB>,
  contractId: string,
  startAt: Date,
): Promise<{ type: Phase["type"]; start_at: Date } | undefined> {
  return trx
    .selectFrom("contract_phases")
    .select(["type", "start_at"])
    .where("contract_id", "=", contractId)
    .where("start_at", "<", startAt)
    .orderBy("start_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Marks a phase's start announced at `at`. */
export async function markPhaseAnnounced(
  trx: Kysely<DB>,
  contractId: string,
  startAt: Date,
  at: Date,
): Promise<void> {
  await trx
    .updateTable("contract_phases")
    .set({ announced_at: at })
    .where("contract_id", "=", contractId)
    .where("start_at", "=", startAt)
    .execute();
}

/**
 * Trials whose end (the next phase's start) is at most `noticeDays` away on the tenant's
 * clock, not yet announced: up to `limit`, earliest first, locked (skipping rows another
 * worker holds).
 */
export async function claimTrialEndsApproaching(
  trx: Kysely<DB>,
  now: Date,
  noticeDays: number,
  limit: number,
) {
  const trialEnd = sql<Date>`(SELECT min(n.start_at) FROM contract_phases n
    WHERE n.contract_id = p.contract_id AND n.start_at > p.start_at)`;
  const notice = `${noticeDays} days`;
  return trx
    .selectFrom("contract_phases as p")
    .innerJoin("contracts as c", "c.id", "p.contract_id")
    .innerJoin(tenantSettings(trx).as("t"), "t.id", "c.tenant_id")
    .select(["p.contract_id", "p.start_at", "c.tenant_id", "t.test_clock_now"])
    .select(trialEnd.as("trial_end"))
    .where("p.type", "=", "trial")
    .where("p.end_approach_announced_at", "is", null)
    .where(sql<boolean>`${trialEnd} - ${notice}::interval <= coalesce(t.test_clock_now, ${now})`)
    .orderBy("p.start_at")
    .limit(limit)
    .forUpdate("p")
    .skipLocked()
    .execute();
}

/** Marks a trial's approaching end announced at `at`. */
export async function markTrialEndApproachAnnounced(
  trx: Kysely<DB>,
  contractId: string,
  startAt: Date,
  at: Date,
): Promise<void> {
  await trx
    .updateTable("contract_phases")
    .set({ end_approach_announced_at: at })
    .where("contract_id", "=", contractId)
    .where("start_at", "=", startAt)
    .execute();
}
