import { type Insertable, type Kysely, type Selectable, sql } from "kysely";
import type { DB, PaymentSourceSetupsTable } from "../../storage/schema.js";
import { tenantSettings } from "../tenants/index.js";

export type PaymentSourceSetupRow = Selectable<PaymentSourceSetupsTable>;

export function insertPaymentSourceSetup(
  db: Kysely<DB>,
  row: Insertable<PaymentSourceSetupsTable>,
): Promise<PaymentSourceSetupRow> {
  return db
    .insertInto("payment_source_setups")
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One setup of the tenant, locked when asked. */
export function findPaymentSourceSetup(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PaymentSourceSetupRow | undefined> {
  let q = db
    .selectFrom("payment_source_setups")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * The gateway's customer an earlier setup of the customer at the account was opened for
 * (a setup left unfinished keeps no source, but the gateway has the customer).
 */
export async function setupCustomerReference(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  gatewayAccountId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("payment_source_setups")
    .select("gateway_customer_reference")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("gateway_account_id", "=", gatewayAccountId)
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  return row?.gateway_customer_reference;
}

export function completePaymentSourceSetup(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: { payment_source_id: string; completed_at: Date },
): Promise<PaymentSourceSetupRow> {
  return db
    .updateTable("payment_source_setups")
    .set({ ...values, status: "completed" })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Marks an open setup expired; false when it was not open any more. */
export async function expirePaymentSourceSetup(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const row = await db
    .updateTable("payment_source_setups")
    .set({ status: "expired", expired_at: at })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("status", "=", "open")
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Open setups of every tenant past their `expires_at` by their tenant's clock (`systemNow`
 * for tenants on the system clock): by id after `after`, at most `limit`, each with its
 * tenant's clock.
 */
export function expiredOpenSetups(
  db: Kysely<DB>,
  after: string,
  limit: number,
  systemNow: Date,
): Promise<{ id: string; tenant_id: string; test_clock_now: Date | null }[]> {
  return db
    .selectFrom("payment_source_setups as s")
    .innerJoin(tenantSettings(db).as("t"), "t.id", "s.tenant_id")
    .select(["s.id", "s.tenant_id", "t.test_clock_now"])
    .where("s.status", "=", "open")
    .where("s.id", ">", after)
    .where(sql<boolean>`s.expires_at <= coalesce(t.test_clock_now, ${systemNow})`)
    .orderBy("s.id")
    .limit(limit)
    .execute();
}
