import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { CustomerContactsTable, DB } from "../../storage/schema.js";

export type ContactRow = Selectable<CustomerContactsTable>;

/** The one place contacts are scoped: a tenant's, of one customer. */
function ofCustomer(db: Kysely<DB>, tenantId: string, customerId: string) {
  return db
    .selectFrom("customer_contacts")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId);
}

/** A customer's contacts in creation order, after the cursor. */
export async function listContacts(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  page: { limit: number; after?: string | undefined },
): Promise<ContactRow[]> {
  let q = ofCustomer(db, tenantId, customerId).selectAll();
  if (page.after) q = q.where("id", ">", page.after);
  return q.orderBy("id").limit(page.limit).execute();
}

export async function findContact(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  id: string,
): Promise<ContactRow | undefined> {
  return ofCustomer(db, tenantId, customerId).selectAll().where("id", "=", id).executeTakeFirst();
}

export async function countContacts(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<number> {
  const row = await ofCustomer(db, tenantId, customerId)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertContact(
  db: Kysely<DB>,
  row: Insertable<CustomerContactsTable>,
): Promise<ContactRow> {
  return db.insertInto("customer_contacts").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateContact(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Updateable<CustomerContactsTable>,
): Promise<ContactRow> {
  return db
    .updateTable("customer_contacts")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteContact(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db
    .deleteFrom("customer_contacts")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

/** Removes every contact of a customer (an erasure of its personal data); how many there were. */
export async function deleteContactsOf(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<number> {
  const rows = await db
    .deleteFrom("customer_contacts")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .returning("id")
    .execute();
  return rows.length;
}

/** Moves every contact of customer `from` to customer `to` (a merge); how many. */
export async function reassignContacts(
  db: Kysely<DB>,
  tenantId: string,
  from: string,
  to: string,
): Promise<number> {
  const moved = await db
    .updateTable("customer_contacts")
    .set({ customer_id: to })
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", from)
    .returning("id")
    .execute();
  return moved.length;
}

/**
 * The addresses a customer's billing e-mails go to: its enabled contacts that receive billing
 * e-mail, in creation order.
 */
export async function billingContactEmails(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<string[]> {
  const rows = await ofCustomer(db, tenantId, customerId)
    .select("email")
    .where("enabled", "=", true)
    .where("send_billing_email", "=", true)
    .orderBy("id")
    .limit(50)
    .execute();
  return rows.map((r) => r.email);
}
