/**
 * Provisioning: the tenant's distributors, which of them carry a contract's services, and the
 * items installed on a contract.
 */
import type { Insertable, Kysely, Selectable } from "kysely";
import type {
  DB,
  InstalledItemsTable,
  ProvisioningDistributorsTable,
} from "../../storage/schema.js";

export type DistributorRow = Selectable<ProvisioningDistributorsTable>;

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

/** The id of a tenant's distributor with this name, or this alternative code if one is given. */
export async function findDistributorIdByNameOrCode(
  db: Kysely<DB>,
  tenantId: string,
  name: string,
  alternativeCode: string | undefined,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("provisioning_distributors")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where((eb) =>
      eb.or([
        eb("name", "=", name),
        ...(alternativeCode ? [eb("alternative_code", "=", alternativeCode)] : []),
      ]),
    )
    .executeTakeFirst();
  return row?.id;
}

/** Stores a new provisioning distributor. */
export async function insertDistributor(
  db: Kysely<DB>,
  values: Insertable<ProvisioningDistributorsTable>,
): Promise<DistributorRow> {
  return db
    .insertInto("provisioning_distributors")
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The tenant's provisioning distributors in id order. */
export async function listDistributorRows(
  db: Kysely<DB>,
  tenantId: string,
): Promise<DistributorRow[]> {
  return db
    .selectFrom("provisioning_distributors")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("id")
    .execute();
}

/** Which of `ids` are the tenant's provisioning distributors. */
export async function existingDistributorIds(
  db: Kysely<DB>,
  tenantId: string,
  ids: readonly string[],
): Promise<string[]> {
  const rows = await db
    .selectFrom("provisioning_distributors")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("id", "in", ids)
    .execute();
  return rows.map((r) => r.id);
}

/** The distributors that carry a service (component) of a contract. */
export async function distributorsOfService(
  db: Kysely<DB>,
  contractId: string,
  componentId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("service_distributions")
    .select("distributor_id")
    .where("contract_id", "=", contractId)
    .where("component_id", "=", componentId)
    .execute();
  return rows.map((r) => r.distributor_id);
}

/** Records that the distributors carry a service (component) of a contract. */
export async function insertServiceDistributions(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  componentId: string,
  distributorIds: readonly string[],
): Promise<void> {
  await db
    .insertInto("service_distributions")
    .values(
      distributorIds.map((d) => ({
        tenant_id: tenantId,
        contract_id: contractId,
        component_id: componentId,
        distributor_id: d,
      })),
    )
    .execute();
}

/** The distributors no longer carry a service (component) of a contract. */
export async function deleteServiceDistributions(
  db: Kysely<DB>,
  contractId: string,
  componentId: string,
  distributorIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom("service_distributions")
    .where("contract_id", "=", contractId)
    .where("component_id", "=", componentId)
    .where("distributor_id", "in", distributorIds)
    .execute();
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

/** The tenant's installed item (not removed) with that serial number, on any contract. */
export async function findInstalledItemBySerial(
  db: Kysely<DB>,
  tenantId: string,
  serialNumber: string,
): Promise<{ id: string; contract_id: string } | undefined> {
  return db
    .selectFrom("installed_items")
    .select(["id", "contract_id"])
    .where("tenant_id", "=", tenantId)
    .where("serial_number", "=", serialNumber)
    .where("removed_at", "is", null)
    .executeTakeFirst();
}

/** Stores an item installed on a contract. */
export async function insertInstalledItem(
  db: Kysely<DB>,
  values: Insertable<InstalledItemsTable>,
): Promise<void> {
  await db.insertInto("installed_items").values(values).execute();
}

/**
 * Marks the contract's installed item (not removed) with that serial number removed at
 * `removedAt`; its id, or undefined when the contract has no such item.
 */
export async function removeInstalledItem(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  serialNumber: string,
  removedAt: Date,
): Promise<string | undefined> {
  const row = await db
    .updateTable("installed_items")
    .set({ removed_at: removedAt })
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .where("serial_number", "=", serialNumber)
    .where("removed_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}
