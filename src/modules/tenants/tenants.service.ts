import { type Kysely, sql } from "kysely";
import type { Temporal } from "temporal-polyfill";
import { invalid, notFound } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import type { DB } from "../../storage/schema.js";
import { displayPrefix, generateSecret, hashSecret } from "../access/secrets.js";
import { insertAuditRecords } from "../audit/audit.repository.js";
import type { Ctx } from "../context.js";

export type TenantCredentials = {
  tenant_id: string;
  api_key: string;
  oauth_client_id: string;
  oauth_client_secret: string;
};

export type Tenant = {
  id: string;
  name: string;
  created_at: string;
  clock: "system" | "test";
  auto_finalize_invoices: boolean;
};

/**
 * Creates a tenant with an admin API key and an admin OAuth client, in one transaction,
 * audited as the system. The secrets are returned once and never stored.
 */
export async function createTenant(
  db: Kysely<DB>,
  input: { name: string; testClockNow?: Temporal.Instant | undefined },
): Promise<TenantCredentials> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) {
    throw invalid("invalid_name", "a tenant name has 1 to 200 characters", { field: "name" });
  }
  return db.transaction().execute((trx) => insertTenant(trx, name, input.testClockNow));
}

async function insertTenant(
  trx: Kysely<DB>,
  name: string,
  testClockNow?: Temporal.Instant,
): Promise<TenantCredentials> {
  const tenantId = newId("tenant");
  const apiKey = generateSecret("ak");
  const clientId = newId("oauthClient");
  const clientSecret = generateSecret("cs");
  const keyId = newId("apiKey");
  await trx
    .insertInto("tenants")
    .values({
      id: tenantId,
      name,
      test_clock_now: testClockNow ? new Date(testClockNow.epochMilliseconds) : null,
    })
    .execute();
  // every tenant bills through at least one business entity: its default
  await trx
    .insertInto("business_entities")
    .values({ id: newId("entity"), tenant_id: tenantId, name, is_default: true, address: "{}" })
    .execute();
  await trx
    .insertInto("api_keys")
    .values({
      id: keyId,
      tenant_id: tenantId,
      name: "admin",
      prefix: displayPrefix(apiKey),
      secret_hash: hashSecret(apiKey),
      roles: ["admin"],
    })
    .execute();
  await trx
    .insertInto("oauth_clients")
    .values({
      id: clientId,
      tenant_id: tenantId,
      name: "admin",
      secret_hash: hashSecret(clientSecret),
      roles: ["admin"],
    })
    .execute();
  const tenantTime = testClockNow ? new Date(testClockNow.epochMilliseconds) : new Date();
  const base = {
    tenantId,
    tenantTime,
    actorType: "system",
    actorId: "bootstrap",
    outcome: "succeeded" as const,
    requestId: "bootstrap",
  };
  await insertAuditRecords(trx, [
    {
      ...base,
      operation: "tenant.create",
      targetType: "tenant",
      targetId: tenantId,
      after: { name },
    },
    {
      ...base,
      operation: "api_keys.create",
      targetType: "api_key",
      targetId: keyId,
      after: { roles: ["admin"] },
    },
    {
      ...base,
      operation: "oauth_clients.create",
      targetType: "oauth_client",
      targetId: clientId,
      after: { roles: ["admin"] },
    },
  ]);
  return {
    tenant_id: tenantId,
    api_key: apiKey,
    oauth_client_id: clientId,
    oauth_client_secret: clientSecret,
  };
}

/**
 * On first start with an empty database: creates the default tenant and returns its
 * credentials; otherwise null. An advisory lock makes concurrent first starts create one.
 */
export async function ensureDefaultTenant(db: Kysely<DB>): Promise<TenantCredentials | null> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('accrue.default_tenant'))`.execute(trx);
    const existing = await trx.selectFrom("tenants").select("id").limit(1).executeTakeFirst();
    if (existing) return null;
    return insertTenant(trx, "Default");
  });
}

export async function getTenant(ctx: Ctx): Promise<Tenant> {
  const row = await ctx.db
    .selectFrom("tenants")
    .selectAll()
    .where("id", "=", ctx.tenantId)
    .executeTakeFirst();
  if (!row) throw notFound("tenant_not_found", `no tenant ${ctx.tenantId}`);
  return {
    id: row.id,
    name: row.name,
    created_at: row.created_at.toISOString(),
    clock: row.test_clock_now ? "test" : "system",
    auto_finalize_invoices: row.auto_finalize_invoices,
  };
}

/** Renames the tenant or changes whether billing issues its documents at once. */
export async function updateTenant(
  ctx: Ctx,
  input: { name?: string | undefined; auto_finalize_invoices?: boolean | undefined },
): Promise<Tenant> {
  const before = await getTenant(ctx);
  await ctx.db
    .updateTable("tenants")
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.auto_finalize_invoices !== undefined
        ? { auto_finalize_invoices: input.auto_finalize_invoices }
        : {}),
    })
    .where("id", "=", ctx.tenantId)
    .execute();
  const after = await getTenant(ctx);
  ctx.audit({ targetType: "tenant", targetId: ctx.tenantId, before, after });
  return after;
}
