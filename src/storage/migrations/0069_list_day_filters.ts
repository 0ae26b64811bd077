import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Indexes of the day filters of the webhook deliveries and the subscription actions (by when
 * each was created), each tenant-scoped, so a range of days reads only the rows it holds
 * rather than every row of the tenant. The audit log's day filter reads the tenant's index of
 * ids (an audit id holds the time it was made), so every change, which writes an audit
 * record, maintains no further index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE INDEX webhook_deliveries_tenant_created ON webhook_deliveries (tenant_id, created_at);
    CREATE INDEX subscription_actions_tenant_created ON subscription_actions (tenant_id, created_at);
  `,
  );
}
