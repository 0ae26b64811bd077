import { type Kysely, sql } from "kysely";
import type { Temporal } from "temporal-polyfill";
import { invalid, notFound } from "../../domain/errors.js";
import type { DB } from "../../storage/schema.js";
import type { Ctx } from "../context.js";

export type Tenant = {
  id: string;
  name: string;
  created_at: string;
  clock: "system" | "test";
  auto_finalize_invoices: boolean;
};

/** Checks and trims a new tenant's name. */
export function tenantName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw invalid("invalid_name", "a tenant name has 1 to 200 characters", { field: "name" });
  }
  return trimmed;
}

/** Writes a new tenant's row, on the system clock or a test clock frozen at `testClockNow`. */
export async function insertTenant(
  db: Kysely<DB>,
  input: { id: string; name: string; testClockNow?: Temporal.Instant | undefined },
): Promise<void> {
  await db
    .insertInto("tenants")
    .values({
      id: input.id,
      name: input.name,
      test_clock_now: input.testClockNow ? new Date(input.testClockNow.epochMilliseconds) : null,
    })
    .execute();
}

/**
 * Whether any tenant exists, asked under a transaction-scoped advisory lock so that
 * concurrent first starts of several processes create one default tenant.
 */
export async function anyTenantLocked(db: Kysely<DB>): Promise<boolean> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('accrue.default_tenant'))`.execute(db);
  return (await db.selectFrom("tenants").select("id").limit(1).executeTakeFirst()) !== undefined;
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
