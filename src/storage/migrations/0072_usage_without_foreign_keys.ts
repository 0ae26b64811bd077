import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * usage_records without its three foreign keys (tenant, contract, component). Each of them
 * looked up and locked the referenced row again for every inserted row, three lookups per
 * usage event; usage is written a thousand rows at a time and its references are the same
 * few contracts and one or two components for all of them.
 *
 * The references hold without the keys:
 * - the one statement that records usage (`usageParts`, src/modules/usage/usage.repository.ts)
 *   inserts events only when every event's contract and component are the tenant's, and it
 *   locks each contract it names FOR KEY SHARE, as the foreign key did for each row: once
 *   per contract instead of once per event. A contract deletion
 *   (src/workflows/contract-deletion.ts) locks the contract FOR UPDATE before it removes the
 *   contract's usage, so either it waits until the recording commits and then removes that
 *   usage too, or it commits first and the recording, which waited on the lock, no longer
 *   finds the contract and writes nothing;
 * - components and tenants are never deleted: no code path removes one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE usage_records
      DROP CONSTRAINT usage_records_tenant_id_fkey,
      DROP CONSTRAINT usage_records_contract_id_fkey,
      DROP CONSTRAINT usage_records_component_id_fkey;
  `,
  );
}
