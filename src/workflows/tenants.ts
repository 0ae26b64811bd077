/**
 * A new tenant: its row, its default business entity and its admin credentials (an API key
 * and an OAuth client), in one unit of work, audited as the system. The secrets are returned
 * once and never stored.
 *
 * Modules: tenants, entities, access.
 */
import type { Kysely } from "kysely";
import type { Temporal } from "temporal-polyfill";
import { fixedClock } from "../domain/clock.js";
import type { OperationId, SystemOperation } from "../domain/operations.js";
import { systemClock } from "../lib/clock.js";
import { newId } from "../lib/ids.js";
import { createAdminCredentials } from "../modules/access/index.js";
import { createDefaultEntity } from "../modules/entities/index.js";
import { anyTenantLocked, insertTenant, tenantName } from "../modules/tenants/index.js";
import type { DB } from "../storage/schema.js";
import { unitOfWork, type Work } from "./unit-of-work.js";

export type TenantCredentials = {
  tenant_id: string;
  api_key: string;
  oauth_client_id: string;
  oauth_client_secret: string;
};

async function bootstrap(
  work: Work,
  input: { name: string; testClockNow?: Temporal.Instant | undefined },
): Promise<TenantCredentials> {
  const tenantId = newId("tenant");
  await insertTenant(work.db, { id: tenantId, name: input.name, testClockNow: input.testClockNow });
  const scope = (operation: OperationId | SystemOperation) => ({
    tenantId,
    actor: { type: "system", id: "bootstrap" } as const,
    requestId: "bootstrap",
    operation,
    clock: input.testClockNow ? fixedClock(input.testClockNow) : systemClock,
  });
  const tenant = await work.context(scope("tenant.create"));
  tenant.audit({ targetType: "tenant", targetId: tenantId, after: { name: input.name } });
  await createDefaultEntity(tenant, input.name);
  const { apiKey, clientId, clientSecret } = await createAdminCredentials(
    await work.context(scope("api_keys.create")),
    await work.context(scope("oauth_clients.create")),
  );
  return {
    tenant_id: tenantId,
    api_key: apiKey,
    oauth_client_id: clientId,
    oauth_client_secret: clientSecret,
  };
}

/** Creates a tenant with an admin API key and an admin OAuth client. */
export async function createTenant(
  db: Kysely<DB>,
  input: { name: string; testClockNow?: Temporal.Instant | undefined },
): Promise<TenantCredentials> {
  const name = tenantName(input.name);
  return unitOfWork(db, (work) => bootstrap(work, { ...input, name }));
}

/**
 * On first start with an empty database: creates the default tenant and returns its
 * credentials; otherwise null. Concurrent first starts create one.
 */
export async function ensureDefaultTenant(db: Kysely<DB>): Promise<TenantCredentials | null> {
  return unitOfWork(db, async (work) =>
    (await anyTenantLocked(work.db)) ? null : bootstrap(work, { name: "Default" }),
  );
}
