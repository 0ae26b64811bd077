import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.js";

/**
 * Index of the subscription actions list by scheduled_date (when an action is due),
 * tenant-scoped with the id that breaks ties, so a keyset page reads only its own rows however
 * deep it is. subscription_actions_due holds only the actions still scheduled, of every
 * tenant, for the worker that runs them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE INDEX subscription_actions_tenant_scheduled ON subscription_actions (tenant_id, scheduled_date, id);
  `,
  );
}
