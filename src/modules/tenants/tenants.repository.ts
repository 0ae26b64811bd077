import { type Expression, type Kysely, type Selectable, sql } from "kysely";
import type { Temporal } from "temporal-polyfill";
import type { DB, TenantsTable } from "../../storage/schema.js";

export type TenantRow = Selectable<TenantsTable>;

/** Writes a new tenant's row, on the system clock or a test clock frozen at `testClockNow`. */
export async function insertTenant(
  db: Kysely<DB>,
  input: { id: string; name: string; testClockNow?: Temporal.Instant | undefined },
): Promise<void> {
  await db
    .insertInto("tenants")
    .values({
      id: input.id,
      name: input.name,
      test_clock_now: input.testClockNow ? new Date(input.testClockNow.epochMilliseconds) : null,
      test_clock_started_at: input.testClockNow
        ? new Date(input.testClockNow.epochMilliseconds)
        : null,
    })
    .execute();
}

/**
 * Whether any tenant exists, asked under a transaction-scoped advisory lock so that
 * concurrent first starts of several processes create one default tenant.
 */
export async function anyTenantLocked(db: Kysely<DB>): Promise<boolean> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('accrue.default_tenant'))`.execute(db);
  return (await db.selectFrom("tenants").select("id").limit(1).executeTakeFirst()) !== undefined;
}

export async function findTenant(db: Kysely<DB>, id: string): Promise<TenantRow | undefined> {
  return db.selectFrom("tenants").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Changes the tenant's name or whether billing issues its documents at once. */
export async function updateTenantRow(
  db: Kysely<DB>,
  id: string,
  patch: { name?: string | undefined; auto_finalize_invoices?: boolean | undefined },
): Promise<void> {
  await db
    .updateTable("tenants")
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.auto_finalize_invoices !== undefined
        ? { auto_finalize_invoices: patch.auto_finalize_invoices }
        : {}),
    })
    .where("id", "=", id)
    .execute();
}

// ---- the test clock (read and written for the clock module) ----------------------------------

/** The tenant's test clock reading, null on the system clock; throws when there is no tenant. */
export async function findTestClockNow(db: Kysely<DB>, tenantId: string): Promise<Date | null> {
  const row = await db
    .selectFrom("tenants")
    .select("test_clock_now")
    .where("id", "=", tenantId)
    .executeTakeFirstOrThrow();
  return row.test_clock_now;
}

/**
 * The tenant's row locked (FOR UPDATE) with its test clock reading and when the clock was
 * created; undefined: no tenant.
 */
export async function lockTestClock(
  db: Kysely<DB>,
  tenantId: string,
): Promise<
  { id: string; test_clock_now: Date | null; test_clock_started_at: Date | null } | undefined
> {
  return db
    .selectFrom("tenants")
    .select(["id", "test_clock_now", "test_clock_started_at"])
    .where("id", "=", tenantId)
    .forUpdate()
    .executeTakeFirst();
}

/** Sets the tenant's test clock reading; `started` also records it as the clock's creation. */
export async function setTestClockNow(
  db: Kysely<DB>,
  tenantId: string,
  at: Date,
  options: { started?: boolean } = {},
): Promise<void> {
  await db
    .updateTable("tenants")
    .set({ test_clock_now: at, ...(options.started ? { test_clock_started_at: at } : {}) })
    .where("id", "=", tenantId)
    .execute();
}

/**
 * The tenant's test clock reading (null on the system clock) as a subquery for another
 * module's statement, `tenantId` being that statement's reference to the tenant's id.
 */
export function testClockNowOf(db: Kysely<DB>, tenantId: Expression<string>) {
  return db.selectFrom("tenants").select("test_clock_now").where("tenants.id", "=", tenantId);
}

// ---- dunning steps and collection retries (read and written for the payments module) ---------

/** The tenant's dunning steps, in order. */
export async function findDunningSteps(db: Kysely<DB>, tenantId: string): Promise<unknown[]> {
  const row = await db
    .selectFrom("tenants")
    .select("dunning_steps")
    .where("id", "=", tenantId)
    .executeTakeFirstOrThrow();
  return row.dunning_steps;
}

/** Replaces the tenant's dunning steps. */
export async function setDunningSteps(
  db: Kysely<DB>,
  tenantId: string,
  steps: readonly unknown[],
): Promise<void> {
  await db
    .updateTable("tenants")
    .set({ dunning_steps: JSON.stringify(steps) })
    .where("id", "=", tenantId)
    .execute();
}

/** The tenant's retry schedule of automatic collection: days after a failed attempt, in order. */
export async function findCollectionRetryDays(db: Kysely<DB>, tenantId: string): Promise<number[]> {
  const row = await db
    .selectFrom("tenants")
    .select("collection_retry_days")
    .where("id", "=", tenantId)
    .executeTakeFirstOrThrow();
  return row.collection_retry_days;
}

/** Replaces the tenant's retry schedule of automatic collection. */
export async function setCollectionRetryDays(
  db: Kysely<DB>,
  tenantId: string,
  days: readonly number[],
): Promise<void> {
  await db
    .updateTable("tenants")
    .set({ collection_retry_days: JSON.stringify(days) })
    .where("id", "=", tenantId)
    .execute();
}

/** How many hours a payment waits for the customer's authentication before it expires. */
export async function findAuthenticationExpiryHours(
  db: Kysely<DB>,
  tenantId: string,
): Promise<number> {
  const row = await db
    .selectFrom("tenants")
    .select("authentication_expiry_hours")
    .where("id", "=", tenantId)
    .executeTakeFirstOrThrow();
  return row.authentication_expiry_hours;
}

/** Replaces how many hours a payment waits for the customer's authentication. */
export async function setAuthenticationExpiryHours(
  db: Kysely<DB>,
  tenantId: string,
  hours: number,
): Promise<void> {
  await db
    .updateTable("tenants")
    .set({ authentication_expiry_hours: hours })
    .where("id", "=", tenantId)
    .execute();
}

/**
 * Every tenant's clock, dunning steps, collection retry schedule and authentication expiry
 * (`id`, `test_clock_now`, `dunning_steps`, `collection_retry_days`,
 * `authentication_expiry_hours`): a subquery another module's statement joins on the
 * tenant's id.
 */
export function tenantSettings(db: Kysely<DB>) {
  return db
    .selectFrom("tenants")
    .select([
      "id",
      "test_clock_now",
      "dunning_steps",
      "collection_retry_days",
      "authentication_expiry_hours",
    ]);
}

/** Locks the tenant's row (FOR NO KEY UPDATE): serialises numbering per tenant. */
export async function lockTenant(db: Kysely<DB>, tenantId: string): Promise<void> {
  await sql`SELECT 1 FROM tenants WHERE id = ${tenantId} FOR NO KEY UPDATE`.execute(db);
}
