import type { Insertable, Kysely, Selectable } from "kysely";
import type { DB, PaymentSourceSetupsTable } from "../../storage/schema.js";

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
