import { type Insertable, type Kysely, sql } from "kysely";
import type { AccessTokensTable, DB } from "../../storage/schema.js";
import { testClockNowOf } from "../tenants/index.js";
import { customRoleCodes } from "./api-keys.repository.js";

// ---- OAuth clients ----------------------------------------------------------------------------

export async function insertOAuthClient(
  db: Kysely<DB>,
  row: { id: string; tenant_id: string; name: string; secret_hash: string; roles: string[] },
): Promise<void> {
  await db.insertInto("oauth_clients").values(row).execute();
}

/** Token request lookup: an unrevoked client by id, with its tenant's test clock reading. */
export async function findActiveClient(db: Kysely<DB>, clientId: string) {
  return db
    .selectFrom("oauth_clients")
    .select([
      "oauth_clients.id",
      "oauth_clients.tenant_id",
      "oauth_clients.secret_hash",
      testClockNowOf(db, sql.ref<string>("oauth_clients.tenant_id")).as("test_clock_now"),
    ])
    .where("oauth_clients.id", "=", clientId)
    .where("oauth_clients.revoked_at", "is", null)
    .executeTakeFirst();
}

// ---- access tokens ----------------------------------------------------------------------------

export async function insertAccessToken(
  db: Kysely<DB>,
  row: Insertable<AccessTokensTable>,
): Promise<void> {
  await db.insertInto("access_tokens").values(row).execute();
}

/** An unexpired access token, by the hash of its secret, with its holder and tenant. */
export async function findActiveToken(db: Kysely<DB>, tokenHash: string) {
  const row = await db
    .selectFrom("access_tokens")
    .leftJoin("oauth_clients", "oauth_clients.id", "access_tokens.client_id")
    .leftJoin("api_keys", "api_keys.id", "access_tokens.api_key_id")
    .leftJoin("console_users", "console_users.id", "access_tokens.console_user_id")
    .select([
      "access_tokens.client_id",
      "access_tokens.api_key_id",
      "access_tokens.console_user_id",
      "access_tokens.tenant_id",
      "oauth_clients.roles as client_roles",
      "api_keys.roles as key_roles",
      "console_users.roles as user_roles",
      sql<string | null>`coalesce(oauth_clients.partner_id, api_keys.partner_id)`.as("partner_id"),
      testClockNowOf(db, sql.ref<string>("access_tokens.tenant_id")).as("test_clock_now"),
      "access_tokens.expires_at",
      customRoleCodes(
        sql.ref("access_tokens.tenant_id"),
        sql`coalesce(oauth_clients.roles, api_keys.roles, console_users.roles)`,
      ).as("role_permissions"),
    ])
    .where("access_tokens.token_hash", "=", tokenHash)
    .where("access_tokens.expires_at", ">", sql<Date>`now()`)
    .where("oauth_clients.revoked_at", "is", null)
    .where("api_keys.revoked_at", "is", null)
    .where("console_users.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  const holder = row.client_id
    ? { type: "oauth_client" as const, id: row.client_id, roles: row.client_roles ?? [] }
    : row.console_user_id
      ? { type: "console_user" as const, id: row.console_user_id, roles: row.user_roles ?? [] }
      : { type: "api_key" as const, id: row.api_key_id!, roles: row.key_roles ?? [] };
  return {
    tenant_id: row.tenant_id,
    holder,
    role_permissions: row.role_permissions,
    partner_id: row.partner_id,
    test_clock_now: row.test_clock_now,
    expires_at: row.expires_at,
  };
}

/** Whether the token (by the hash of its secret) is a console user's session. */
export async function isConsoleSession(db: Kysely<DB>, tokenHash: string): Promise<boolean> {
  const session = await db
    .selectFrom("access_tokens")
    .select("console_user_id")
    .where("token_hash", "=", tokenHash)
    .where("console_user_id", "is not", null)
    .executeTakeFirst();
  return session !== undefined;
}

/** Deletes a token by the hash of its secret; returns whom it stood for, if it existed. */
export async function deleteToken(db: Kysely<DB>, tokenHash: string) {
  return db
    .deleteFrom("access_tokens")
    .where("token_hash", "=", tokenHash)
    .returning(["tenant_id", "client_id", "api_key_id", "console_user_id"])
    .executeTakeFirst();
}

/** Ends every session of a console user. */
export async function deleteTokensOfConsoleUser(
  db: Kysely<DB>,
  tenantId: string,
  consoleUserId: string,
): Promise<void> {
  await db
    .deleteFrom("access_tokens")
    .where("tenant_id", "=", tenantId)
    .where("console_user_id", "=", consoleUserId)
    .execute();
}

/** Deletes expired tokens, at most `limit`; returns how many went. */
export async function deleteExpiredTokens(db: Kysely<DB>, limit: number): Promise<number> {
  const result = await sql`
    DELETE FROM access_tokens WHERE token_hash IN (
      SELECT token_hash FROM access_tokens WHERE expires_at < now()
      LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
