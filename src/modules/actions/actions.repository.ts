/** Lookups of the actions module's records by the other identifiers CRM.COM clients send. */
import type { Kysely } from "kysely";
import type { DB } from "../../storage/schema.js";

/** The id of the tenant's provisioning distributor with that name or alternative code. */
export async function findDistributorIdBy(
  db: Kysely<DB>,
  tenantId: string,
  by: "name" | "alternative_code",
  value: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("provisioning_distributors")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where(by, "=", value)
    .executeTakeFirst();
  return row?.id;
}

/** The serial number of the tenant's installed item (not removed) with that id or code. */
export async function findInstalledSerialBy(
  db: Kysely<DB>,
  tenantId: string,
  by: "id" | "alternative_code",
  value: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("installed_items")
    .select("serial_number")
    .where("tenant_id", "=", tenantId)
    .where(by, "=", value)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return row?.serial_number;
}

/** The id of the tenant's subscription action with that number. */
export async function findActionIdByNumber(
  db: Kysely<DB>,
  tenantId: string,
  number: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("subscription_actions")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("number", "=", number)
    .executeTakeFirst();
  return row?.id;
}
