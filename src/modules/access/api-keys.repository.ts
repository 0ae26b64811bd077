import { type Kysely, type RawBuilder, type Selectable, sql } from "kysely";
import type { ApiKeysTable, DB } from "../../storage/schema.js";
import { testClockNowOf } from "../tenants/index.js";

export type ApiKeyRow = Selectable<ApiKeysTable>;

export async function insertApiKey(
  db: Kysely<DB>,
  row: Omit<ApiKeyRow, "created_at" | "revoked_at">,
): Promise<ApiKeyRow> {
  return db.insertInto("api_keys").values(row).returningAll().executeTakeFirstOrThrow();
}

/** The one place API keys are scoped to a tenant. */
function scoped(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom("api_keys").where("tenant_id", "=", tenantId);
}

export async function findApiKey(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ApiKeyRow | undefined> {
  let q = scoped(db, tenantId).selectAll().where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listApiKeys(
  db: Kysely<DB>,
  tenantId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<ApiKeyRow[]> {
  let q = scoped(db, tenantId).selectAll();
  if (page.cursor) q = q.where("id", ">", page.cursor);
  return q.orderBy("id").limit(page.limit).execute();
}

export async function markRevoked(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
): Promise<ApiKeyRow> {
  return db
    .updateTable("api_keys")
    .set({ revoked_at: sql<Date>`now()` })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The codes of the tenant's own roles among `roles` (built-in roles are not stored). */
export function customRoleCodes(tenantId: RawBuilder<unknown>, roles: RawBuilder<unknown>) {
  return sql<string[]>`(SELECT coalesce(array_agg(DISTINCT p), '{}')
    FROM roles r CROSS JOIN LATERAL unnest(r.permissions) AS p
    WHERE r.tenant_id = ${tenantId} AND r.name = ANY(${roles}))`;
}

/** Authentication lookup: an active key by the hash of its secret, with its tenant. */
export async function findActiveKeyByHash(db: Kysely<DB>, secretHash: string) {
  return db
    .selectFrom("api_keys")
    .select([
      "api_keys.id",
      "api_keys.tenant_id",
      "api_keys.roles",
      "api_keys.secret_hash",
      "api_keys.partner_id",
      testClockNowOf(db, sql.ref<string>("api_keys.tenant_id")).as("test_clock_now"),
      customRoleCodes(sql.ref("api_keys.tenant_id"), sql.ref("api_keys.roles")).as(
        "role_permissions",
      ),
    ])
    .where("api_keys.secret_hash", "=", secretHash)
    .where("api_keys.revoked_at", "is", null)
    .executeTakeFirst();
}
