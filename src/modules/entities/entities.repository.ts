/** Business entities and the record of customer transfers between them. */
import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type {
  BusinessEntitiesTable,
  BusinessEntityTransfersTable,
  DB,
} from "../../storage/schema.js";

export type EntityRow = Selectable<BusinessEntitiesTable>;
export type TransferRow = Selectable<BusinessEntityTransfersTable>;

export async function findEntity(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<EntityRow | undefined> {
  let q = db
    .selectFrom("business_entities")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Every entity of the tenant, by id. */
export async function listEntities(db: Kysely<DB>, tenantId: string): Promise<EntityRow[]> {
  return db
    .selectFrom("business_entities")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("id")
    .execute();
}

export async function findDefaultEntity(
  db: Kysely<DB>,
  tenantId: string,
): Promise<EntityRow | undefined> {
  return db
    .selectFrom("business_entities")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("is_default", "=", true)
    .executeTakeFirst();
}

/** Adds the tenant's default entity unless another process just did. */
export async function insertDefaultEntity(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  name: string,
): Promise<void> {
  await db
    .insertInto("business_entities")
    .values({ id, tenant_id: tenantId, name, is_default: true, address: "{}" })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function insertEntity(
  db: Kysely<DB>,
  values: Insertable<BusinessEntitiesTable>,
): Promise<EntityRow> {
  return db.insertInto("business_entities").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateEntity(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Omit<Updateable<BusinessEntitiesTable>, "id" | "tenant_id" | "created_at">,
): Promise<EntityRow> {
  return db
    .updateTable("business_entities")
    .set(values)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many times the customer was transferred since `since`. */
export async function countCustomerTransfers(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom("business_entity_transfers")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("resource_type", "=", "customer")
    .where("active_resource_id", "=", customerId)
    .where("created_at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertTransfers(
  db: Kysely<DB>,
  rows: readonly Insertable<BusinessEntityTransfersTable>[],
): Promise<TransferRow[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto("business_entity_transfers")
    .values([...rows])
    .returningAll()
    .execute();
}

export async function findTransfer(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<TransferRow | undefined> {
  return db
    .selectFrom("business_entity_transfers")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function listTransferRows(
  db: Kysely<DB>,
  tenantId: string,
  query: {
    limit: number;
    after?: string | undefined;
    resourceType?: "customer" | "subscription" | undefined;
    activeResourceId?: string | undefined;
  },
): Promise<TransferRow[]> {
  let q = db.selectFrom("business_entity_transfers").selectAll().where("tenant_id", "=", tenantId);
  if (query.after) q = q.where("id", ">", query.after);
  if (query.resourceType) q = q.where("resource_type", "=", query.resourceType);
  if (query.activeResourceId) q = q.where("active_resource_id", "=", query.activeResourceId);
  return q.orderBy("id").limit(query.limit).execute();
}
