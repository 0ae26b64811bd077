import { type Kysely, type Selectable, sql } from "kysely";
import type { DB, RolesTable } from "../../storage/schema.js";

export type RoleRow = Selectable<RolesTable>;

/** The one place roles are scoped to a tenant. */
function scoped(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom("roles").where("tenant_id", "=", tenantId);
}

/** A tenant's own role by id or name, optionally locked (FOR UPDATE). */
export async function findRole(
  db: Kysely<DB>,
  tenantId: string,
  by: { id?: string; name?: string },
  options: { forUpdate?: boolean } = {},
): Promise<RoleRow | undefined> {
  let q = scoped(db, tenantId).selectAll();
  if (by.id !== undefined) q = q.where("id", "=", by.id);
  if (by.name !== undefined) q = q.where("name", "=", by.name);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * The permission codes of the tenant's own roles among `names`, locked (FOR SHARE) so that
 * none is deleted before the credential holding it is written.
 */
export async function lockRoleCodes(
  db: Kysely<DB>,
  tenantId: string,
  names: readonly string[],
): Promise<{ name: string; permissions: string[] }[]> {
  return scoped(db, tenantId)
    .select(["name", "permissions"])
    .where("name", "in", names)
    .forShare()
    .execute();
}

/** The tenant's own roles by name. */
export async function listRoleRows(db: Kysely<DB>, tenantId: string): Promise<RoleRow[]> {
  return scoped(db, tenantId).selectAll().orderBy("name").execute();
}

export async function insertRole(db: Kysely<DB>, row: RoleRow): Promise<RoleRow> {
  return db.insertInto("roles").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRoleRow(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  patch: { permissions: string[]; description: string | null; updated_at: Date },
): Promise<RoleRow> {
  return db
    .updateTable("roles")
    .set(patch)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteRoleRow(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom("roles").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

/** How many active API keys and OAuth clients of the tenant hold the role `name`. */
export async function countRoleHolders(
  db: Kysely<DB>,
  tenantId: string,
  name: string,
): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT (SELECT count(*) FROM api_keys WHERE tenant_id = ${tenantId}
              AND revoked_at IS NULL AND ${name} = ANY(roles))
         + (SELECT count(*) FROM oauth_clients WHERE tenant_id = ${tenantId}
              AND revoked_at IS NULL AND ${name} = ANY(roles)) AS n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
