import type { Insertable, Kysely, Selectable } from "kysely";
import type { ComponentSubscriptionsTable, DB, RatedItemsTable } from "../../storage/schema.js";

export type ComponentSubscriptionRow = Selectable<ComponentSubscriptionsTable>;
export type RatedItemRow = Selectable<RatedItemsTable>;

// ---- component subscriptions --------------------------------------------------------------

export async function insertComponentSubscription(
  db: Kysely<DB>,
  values: Insertable<ComponentSubscriptionsTable>,
): Promise<ComponentSubscriptionRow> {
  return db
    .insertInto("component_subscriptions")
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findComponentSubscription(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ComponentSubscriptionRow | undefined> {
  let q = db
    .selectFrom("component_subscriptions")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A contract's component subscriptions, by id; locked for an operation rewriting several. */
export async function listComponentSubscriptionRows(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ComponentSubscriptionRow[]> {
  let q = db
    .selectFrom("component_subscriptions")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .orderBy("id");
  if (options.forUpdate) q = q.forUpdate();
  return q.execute();
}

/**
 * A contract's subscriptions of one component still running at `at` or starting after it,
 * locked, by start.
 */
export async function lockComponentSubscriptionsFrom(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  componentId: string,
  at: Date,
): Promise<ComponentSubscriptionRow[]> {
  return db
    .selectFrom("component_subscriptions")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .where("component_id", "=", componentId)
    .where((eb) => eb.or([eb("end_at", "is", null), eb("end_at", ">", at)]))
    .orderBy("start_at")
    .forUpdate()
    .execute();
}

/** Sets a component subscription's end. */
export async function endComponentSubscriptionAt(
  db: Kysely<DB>,
  id: string,
  end: Date,
): Promise<ComponentSubscriptionRow> {
  return db
    .updateTable("component_subscriptions")
    .set({ end_at: end })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Takes a component subscription's end at `end` away: it runs on (a removed scheduled change
 * had ended it there).
 */
export async function reopenComponentSubscription(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  end: Date,
): Promise<ComponentSubscriptionRow> {
  return db
    .updateTable("component_subscriptions")
    .set({ end_at: null })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("end_at", "=", end)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteComponentSubscription(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom("component_subscriptions").where("id", "=", id).execute();
}

// ---- rated items --------------------------------------------------------------------------

export async function insertRatedItem(
  db: Kysely<DB>,
  values: Insertable<RatedItemsTable>,
): Promise<RatedItemRow> {
  return db.insertInto("rated_items").values(values).returningAll().executeTakeFirstOrThrow();
}

/** One rated item of the contract. */
export function findRatedItem(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  id: string,
): Promise<RatedItemRow | undefined> {
  return db
    .selectFrom("rated_items")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Deletes a rated item no invoice billed yet; false when it was billed (or is gone). */
export async function deleteUnbilledRatedItem(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<boolean> {
  const row = await db
    .deleteFrom("rated_items")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("billed_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** A contract's rated items, by id. */
export async function listRatedItemRows(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
): Promise<RatedItemRow[]> {
  return db
    .selectFrom("rated_items")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .orderBy("id")
    .execute();
}

/** The contract's subscription of one component running at `at` (started, not ended). */
export async function findRunningComponentSubscription(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  componentId: string,
  at: Date,
): Promise<{ id: string; quantity: string } | undefined> {
  return db
    .selectFrom("component_subscriptions")
    .select(["id", "quantity"])
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .where("component_id", "=", componentId)
    .where("start_at", "<=", at)
    .where((eb) => eb.or([eb("end_at", "is", null), eb("end_at", ">", at)]))
    .executeTakeFirst();
}
