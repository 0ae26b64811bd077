import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { DB, PaymentSourcesTable } from "../../storage/schema.js";

export type PaymentSourceRow = Selectable<PaymentSourcesTable>;

/** The one place payment sources are scoped: a tenant's, of one customer. */
function ofCustomer(db: Kysely<DB>, tenantId: string, customerId: string) {
  return db
    .selectFrom("payment_sources")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId);
}

/** A customer's payment sources in creation order after the cursor; deleted ones when asked. */
export function listPaymentSources(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  page: { limit: number; after?: string | undefined; deleted?: boolean | undefined },
): Promise<PaymentSourceRow[]> {
  let q = ofCustomer(db, tenantId, customerId).selectAll();
  if (!page.deleted) q = q.where("deleted_at", "is", null);
  if (page.after) q = q.where("id", ">", page.after);
  return q.orderBy("id").limit(page.limit).execute();
}

/** One payment source of the customer (deleted or not), locked when asked. */
export function findPaymentSource(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PaymentSourceRow | undefined> {
  let q = ofCustomer(db, tenantId, customerId).selectAll().where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A payment source of the tenant by id, whichever customer holds it now. */
export function findSourceById(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<PaymentSourceRow | undefined> {
  return db
    .selectFrom("payment_sources")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The customer's live sources holding a role, primary first. */
export function sourcesWithRole(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<PaymentSourceRow[]> {
  return ofCustomer(db, tenantId, customerId)
    .selectAll()
    .where("role", "<>", "none")
    .orderBy("role", "desc")
    .execute();
}

export function insertPaymentSource(
  db: Kysely<DB>,
  row: Insertable<PaymentSourcesTable>,
): Promise<PaymentSourceRow> {
  return db.insertInto("payment_sources").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updatePaymentSource(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Updateable<PaymentSourcesTable>,
): Promise<PaymentSourceRow> {
  return db
    .updateTable("payment_sources")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Takes `role` from whichever of the customer's sources holds it (none, or one). */
export async function clearRole(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  role: "primary" | "backup",
  at: Date,
): Promise<string | undefined> {
  const row = await db
    .updateTable("payment_sources")
    .set({ role: "none", updated_at: at })
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("role", "=", role)
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/**
 * Moves every payment source of customer `from` to customer `to` (a merge); a moved source
 * keeps its role only where `to` has no source with it. How many moved.
 */
export async function reassignPaymentSources(
  db: Kysely<DB>,
  tenantId: string,
  from: string,
  to: string,
  at: Date,
): Promise<number> {
  const held = await sourcesWithRole(db, tenantId, to);
  for (const role of new Set(held.map((s) => s.role))) {
    if (role !== "none") await clearRole(db, tenantId, from, role, at);
  }
  const moved = await db
    .updateTable("payment_sources")
    .set({ customer_id: to, updated_at: at })
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", from)
    .returning("id")
    .execute();
  return moved.length;
}

/**
 * The gateway's customer a customer's sources at a gateway account are kept under (deleted
 * sources too: the gateway still has the customer); undefined when it has none there yet.
 */
export async function gatewayCustomerReference(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  gatewayAccountId: string,
): Promise<string | undefined> {
  const row = await ofCustomer(db, tenantId, customerId)
    .select("gateway_customer_reference")
    .where("gateway_account_id", "=", gatewayAccountId)
    .where("gateway_customer_reference", "is not", null)
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  return row?.gateway_customer_reference ?? undefined;
}
