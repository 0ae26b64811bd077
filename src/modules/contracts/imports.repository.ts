/** What importing contracts writes besides a contract's usual records: its imported term. */
import type { Kysely } from "kysely";
import type { ContractTermJson, DB } from "../../storage/schema.js";

/** Records the contract term imported onto a contract (replacing an earlier one). */
export async function setContractTerm(
  db: Kysely<DB>,
  tenantId: string,
  contractId: string,
  term: ContractTermJson,
  updatedAt: Date,
): Promise<void> {
  await db
    .updateTable("contracts")
    .set({ contract_term: JSON.stringify(term), updated_at: updatedAt })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", contractId)
    .execute();
}
