import type { Static } from "typebox";
import { invalid, notFound } from "../../domain/errors.js";
import type { Ctx } from "../context.js";
import { findTenant, updateTenantRow } from "./tenants.repository.js";
import type { TenantSchema } from "./tenants.schemas.js";

/** The tenant as answered; TenantSchema defines it. */
export type Tenant = Static<typeof TenantSchema>;

/** Checks and trims a new tenant's name. */
export function tenantName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw invalid("invalid_name", "a tenant name has 1 to 200 characters", { field: "name" });
  }
  return trimmed;
}

export async function getTenant(ctx: Ctx): Promise<Tenant> {
  const row = await findTenant(ctx.db, ctx.tenantId);
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
  await updateTenantRow(ctx.db, ctx.tenantId, input);
  const after = await getTenant(ctx);
  ctx.audit({ targetType: "tenant", targetId: ctx.tenantId, before, after });
  return after;
}
