import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { DB, GatewayAccountsTable } from "../../storage/schema.js";

export type GatewayAccountRow = Selectable<GatewayAccountsTable>;

/** A tenant's gateway accounts (live ones unless asked), in creation order after the cursor. */
export function listGatewayAccountRows(
  db: Kysely<DB>,
  tenantId: string,
  page: {
    limit: number;
    after?: string | undefined;
    entityId?: string | undefined;
    deleted?: boolean | undefined;
  },
): Promise<GatewayAccountRow[]> {
  let q = db.selectFrom("gateway_accounts").selectAll().where("tenant_id", "=", tenantId);
  if (!page.deleted) q = q.where("deleted_at", "is", null);
  if (page.entityId) q = q.where("business_entity_id", "=", page.entityId);
  if (page.after) q = q.where("id", ">", page.after);
  return q.orderBy("id").limit(page.limit).execute();
}

/** One gateway account of the tenant (deleted or not), locked when asked. */
export function findGatewayAccount(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<GatewayAccountRow | undefined> {
  let q = db
    .selectFrom("gateway_accounts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The default account of a business entity, if it has one. */
export function defaultGatewayAccount(
  db: Kysely<DB>,
  tenantId: string,
  entityId: string,
): Promise<GatewayAccountRow | undefined> {
  return db
    .selectFrom("gateway_accounts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("business_entity_id", "=", entityId)
    .where("is_default", "=", true)
    .executeTakeFirst();
}

export function insertGatewayAccount(
  db: Kysely<DB>,
  row: Insertable<GatewayAccountsTable>,
): Promise<GatewayAccountRow> {
  return db.insertInto("gateway_accounts").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateGatewayAccount(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Updateable<GatewayAccountsTable>,
): Promise<GatewayAccountRow> {
  return db
    .updateTable("gateway_accounts")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Takes the default flag from the entity's default account; its id, if there was one. */
export async function clearDefaultGatewayAccount(
  db: Kysely<DB>,
  tenantId: string,
  entityId: string,
  at: Date,
): Promise<GatewayAccountRow | undefined> {
  return db
    .updateTable("gateway_accounts")
    .set({ is_default: false, updated_at: at })
    .where("tenant_id", "=", tenantId)
    .where("business_entity_id", "=", entityId)
    .where("is_default", "=", true)
    .returningAll()
    .executeTakeFirst();
}

/** How many live payment sources an account holds. */
export async function countLiveSources(
  db: Kysely<DB>,
  tenantId: string,
  accountId: string,
): Promise<number> {
  const row = await db
    .selectFrom("payment_sources")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("gateway_account_id", "=", accountId)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The account a customer was switched to, if any. */
export async function customerGatewayAccountId(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("customer_gateway_accounts")
    .select("gateway_account_id")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  return row?.gateway_account_id;
}

export async function setCustomerGatewayAccount(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  accountId: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto("customer_gateway_accounts")
    .values({
      tenant_id: tenantId,
      customer_id: customerId,
      gateway_account_id: accountId,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.column("customer_id").doUpdateSet({ gateway_account_id: accountId, updated_at: at }),
    )
    .execute();
}

/** Forgets every customer's switch to an account (it is being deleted). */
export async function clearCustomersOfAccount(
  db: Kysely<DB>,
  tenantId: string,
  accountId: string,
): Promise<void> {
  await db
    .deleteFrom("customer_gateway_accounts")
    .where("tenant_id", "=", tenantId)
    .where("gateway_account_id", "=", accountId)
    .execute();
}

/**
 * Up to `limit` gateway accounts of every tenant (deleted ones too) whose credentials are
 * sealed under a key other than `keyId`, after `after` in id order, locked.
 */
export async function accountsSealedUnderOtherKeys(
  db: Kysely<DB>,
  keyId: string,
  page: { limit: number; after: string | null },
): Promise<(Pick<GatewayAccountRow, "id" | "tenant_id"> & { credentials_sealed: string })[]> {
  let q = db
    .selectFrom("gateway_accounts")
    .select(["id", "tenant_id", "credentials_sealed"])
    .where("credentials_sealed", "is not", null)
    .where("credentials_sealed", "not like", `v1.${keyId}.%`);
  if (page.after !== null) q = q.where("id", ">", page.after);
  // FOR NO KEY UPDATE: payments and sources that reference an account may be written meanwhile
  const rows = await q.orderBy("id").limit(page.limit).forNoKeyUpdate().execute();
  return rows.map((r) => ({ ...r, credentials_sealed: r.credentials_sealed ?? "" }));
}

/** Stores an account's credentials sealed anew (the same credentials, another key). */
export async function storeResealedCredentials(
  db: Kysely<DB>,
  id: string,
  sealed: string,
): Promise<void> {
  await db
    .updateTable("gateway_accounts")
    .set({ credentials_sealed: sealed })
    .where("id", "=", id)
    .execute();
}
