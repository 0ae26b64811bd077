/** A deleted contract's subscription actions and provisioning records, removed with it. */
import type { Kysely } from "kysely";
import type { DB } from "../../storage/schema.js";

const count = (r: { numDeletedRows: bigint }[]) =>
  r.reduce((n, x) => n + Number(x.numDeletedRows), 0);

/** Deletes every subscription action, service distribution and installed item of the contract. */
export async function deleteContractActionRows(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
): Promise<{ actions: number; installed_items: number }> {
  await db
    .deleteFrom("service_distributions")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .execute();
  const items = await db
    .deleteFrom("installed_items")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .execute();
  const actions = await db
    .deleteFrom("subscription_actions")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .execute();
  return { actions: count(actions), installed_items: count(items) };
}
