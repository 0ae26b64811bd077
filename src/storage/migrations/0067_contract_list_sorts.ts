import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Indexes of the sorts of the contracts list, each tenant-scoped with the id that breaks
 * ties, so a keyset page reads only its own rows however deep it is: by when the contract
 * starts, and by customer (the customer's contracts together, in the order of the customers'
 * ids). The latter replaces contracts_customer, whose keys it starts with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE INDEX contracts_tenant_start ON contracts (tenant_id, start_at, id);
    CREATE INDEX contracts_tenant_customer ON contracts (tenant_id, customer_id, id);
    DROP INDEX contracts_customer;
  `,
  );
}
