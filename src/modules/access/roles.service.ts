/**
 * Roles: named sets of permission codes. The built-in ones (admin, read_only, finance,
 * partner_operator) exist in every tenant; a tenant adds its own. API keys and OAuth clients
 * hold roles by name; what they may do is the union of their roles' codes (and any one code an
 * operation lists allows it). A caller may hand out only codes it holds itself.
 */
import { conflict, forbidden, invalid, notFound } from "../../domain/errors.js";
import { allPermissionCodes } from "../../domain/operations.js";
import { BUILT_IN_ROLES, isKnownRole, roleCodes } from "../../domain/roles.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../context.js";
import { principals } from "./principal-cache.js";
import {
  countRoleHolders,
  deleteRoleRow,
  findRole,
  insertRole,
  listRoleRows,
  lockRoleCodes,
  type RoleRow,
  updateRoleRow,
} from "./roles.repository.js";

export type Role = {
  id: string | null;
  name: string;
  description: string | null;
  built_in: boolean;
  permissions: string[];
  created_at: string | null;
  updated_at: string | null;
};

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

const builtIn = (name: string): Role => ({
  id: null,
  name,
  description: null,
  built_in: true,
  permissions: [...roleCodes(name)],
  created_at: null,
  updated_at: null,
});

const toRole = (r: RoleRow): Role => ({
  id: r.id,
  name: r.name,
  description: r.description,
  built_in: false,
  permissions: [...r.permissions].sort(),
  created_at: r.created_at.toISOString(),
  updated_at: r.updated_at.toISOString(),
});

function checkCodes(codes: readonly string[]): string[] {
  const known = new Set(allPermissionCodes());
  codes.forEach((code, i) => {
    if (!known.has(code)) {
      throw invalid("unknown_permission", `unknown permission code "${code}"`, {
        field: `permissions.${i}`,
        code,
      });
    }
  });
  return [...new Set(codes)].sort();
}

/** A caller may hand out only codes it holds itself. */
export function assertMayGrantCodes(
  held: ReadonlySet<string>,
  codes: readonly string[],
  what: string,
) {
  if (held.has("*")) return;
  const missing = codes.filter((code) => code === "*" || !held.has(code));
  if (missing.length > 0) {
    throw forbidden("cannot_grant_role", `granting ${what} needs permissions you lack`, {
      missing,
    });
  }
}

const findRow = (ctx: Ctx, by: { id?: string; name?: string }, forUpdate = false) =>
  findRole(ctx.db, ctx.tenantId, by, { forUpdate });

/** The codes each named role holds; unknown names are refused. */
export async function codesOfRoles(
  ctx: Ctx,
  names: readonly string[],
): Promise<Map<string, string[]>> {
  if (names.length === 0) {
    throw invalid("invalid_roles", "at least one role is required", { field: "roles" });
  }
  const custom = names.filter((n) => !isKnownRole(n));
  // held until the credential is written: a role cannot be deleted meanwhile
  const rows = custom.length ? await lockRoleCodes(ctx.db, ctx.tenantId, custom) : [];
  const found = new Map(rows.map((r) => [r.name, r.permissions]));
  const out = new Map<string, string[]>();
  for (const name of names) {
    const codes = isKnownRole(name) ? [...roleCodes(name)] : found.get(name);
    if (!codes)
      throw invalid("unknown_role", `unknown role "${name}"`, { field: "roles", role: name });
    out.set(name, codes);
  }
  return out;
}

/** Refuses unknown roles and roles holding codes the caller lacks (see codesOfRoles). */
export async function assertMayGrantRoles(ctx: Ctx, names: readonly string[]): Promise<void> {
  for (const [role, codes] of await codesOfRoles(ctx, names)) {
    assertMayGrantCodes(ctx.permissions, codes, `role "${role}"`);
  }
}

export async function listRoles(ctx: Ctx): Promise<{ data: Role[] }> {
  const rows = await listRoleRows(ctx.db, ctx.tenantId);
  return { data: [...BUILT_IN_ROLES.map(builtIn), ...rows.map(toRole)] };
}

export async function getRole(ctx: Ctx, name: string): Promise<Role> {
  if (isKnownRole(name)) return builtIn(name);
  const row = await findRow(ctx, { name });
  if (!row) throw notFound("role_not_found", `no role ${name}`, { name });
  return toRole(row);
}

export async function createRole(
  ctx: Ctx,
  input: { name: string; description?: string | undefined; permissions: string[] },
): Promise<Role> {
  if (!NAME.test(input.name)) {
    throw invalid("invalid_role_name", "a role name is lower-case letters, digits and _", {
      field: "name",
    });
  }
  if (isKnownRole(input.name)) {
    throw conflict("role_exists", `${input.name} is a built-in role`, { field: "name" });
  }
  const codes = checkCodes(input.permissions);
  assertMayGrantCodes(ctx.permissions, codes, `role "${input.name}"`);
  if (await findRow(ctx, { name: input.name })) {
    throw conflict("role_exists", `a role named ${input.name} exists`, { field: "name" });
  }
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const row = await insertRole(ctx.db, {
    id: newId("role"),
    tenant_id: ctx.tenantId,
    name: input.name,
    description: input.description ?? null,
    permissions: codes,
    created_at: now,
    updated_at: now,
  });
  const role = toRole(row);
  ctx.audit({ targetType: "role", targetId: row.id, after: role });
  await ctx.emit({ type: "role.created", subjectType: "role", subjectId: row.id, payload: role });
  return role;
}

export async function updateRole(
  ctx: Ctx,
  name: string,
  input: { description?: string | undefined; permissions?: string[] | undefined },
): Promise<Role> {
  if (isKnownRole(name)) {
    throw conflict("role_built_in", `${name} is a built-in role and cannot change`, { name });
  }
  const before = await findRow(ctx, { name }, true);
  if (!before) throw notFound("role_not_found", `no role ${name}`, { name });
  const codes = input.permissions ? checkCodes(input.permissions) : before.permissions;
  if (input.permissions) assertMayGrantCodes(ctx.permissions, codes, `role "${name}"`);
  const row = await updateRoleRow(ctx.db, ctx.tenantId, before.id, {
    permissions: codes,
    description: input.description === undefined ? before.description : input.description,
    updated_at: new Date(ctx.clock.now().epochMilliseconds),
  });
  // credentials holding the role change what they may do at once (in this process)
  principals.forgetTenant(ctx.tenantId);
  const role = toRole(row);
  ctx.audit({ targetType: "role", targetId: row.id, before: toRole(before), after: role });
  await ctx.emit({ type: "role.updated", subjectType: "role", subjectId: row.id, payload: role });
  return role;
}

export async function deleteRole(ctx: Ctx, name: string): Promise<Role> {
  if (isKnownRole(name)) {
    throw conflict("role_built_in", `${name} is a built-in role and cannot be deleted`, { name });
  }
  const row = await findRow(ctx, { name }, true);
  if (!row) throw notFound("role_not_found", `no role ${name}`, { name });
  const holders = await countRoleHolders(ctx.db, ctx.tenantId, name);
  if (holders > 0) {
    throw conflict("role_in_use", `${holders} active credentials hold role ${name}`, {
      name,
      holders,
    });
  }
  await deleteRoleRow(ctx.db, ctx.tenantId, row.id);
  const role = toRole(row);
  ctx.audit({ targetType: "role", targetId: row.id, before: role, after: null });
  await ctx.emit({ type: "role.deleted", subjectType: "role", subjectId: row.id, payload: role });
  return role;
}
