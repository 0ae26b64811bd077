/** A deleted contract's usage records, removed with it (nothing billed them). */
import type { Kysely } from "kysely";
import type { DB } from "../../storage/schema.js";

export async function deleteContractUsageRows(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
): Promise<number> {
  const result = await db
    .deleteFrom("usage_records")
    .where("tenant_id", "=", tenantId)
    .where("contract_id", "=", contractId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
