import type { Kysely } from "kysely";
import { unauthenticated } from "../../domain/errors.js";
import { permissionsOf } from "../../domain/roles.js";
import type { DB } from "../../storage/schema.js";
import type { Actor } from "../context.js";
import { findActiveKeyByHash } from "./api-keys.repository.js";
import { findActiveToken } from "./oauth.repository.js";
import { principals } from "./principal-cache.js";
import { hashSecret } from "./secrets.js";

/** An authenticated caller. */
export type Principal = {
  tenantId: string;
  actor: Actor;
  roles: readonly string[];
  permissions: ReadonlySet<string>;
  /** Set for partner-bound credentials: partner operations only, that partner's records only. */
  partnerId: string | null;
  /** The tenant's test clock reading, or null on the system clock. */
  testClockNow: Date | null;
};

/** Resolves `Authorization: Bearer <API key>` to a principal, or throws 401. */
export async function authenticate(
  db: Kysely<DB>,
  authorization: string | undefined,
): Promise<Principal> {
  if (!authorization) {
    throw unauthenticated(
      "missing_credentials",
      "send an API key or access token as 'Authorization: Bearer <key>'",
    );
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) {
    throw unauthenticated(
      "malformed_credentials",
      "the Authorization header must be 'Bearer <key>'",
    );
  }
  return authenticateSecret(db, match[1]!);
}

/**
 * Resolves an API key (`ak_…`) or an OAuth access token (`at_…`) to a principal: from this
 * process's short-lived cache when it holds one (see principal-cache.ts), else from the database.
 */
export async function authenticateSecret(db: Kysely<DB>, secret: string): Promise<Principal> {
  const hash = hashSecret(secret);
  const cached = principals.get(hash);
  if (cached) return cached;
  if (secret.startsWith("at_")) {
    const token = await findActiveToken(db, hash);
    if (!token) {
      throw unauthenticated("invalid_credentials", "the access token is unknown or expired");
    }
    const principal: Principal = {
      tenantId: token.tenant_id,
      actor: { type: token.holder.type, id: token.holder.id },
      roles: token.holder.roles,
      permissions: permissionsOf(token.holder.roles, token.role_permissions),
      partnerId: token.partner_id,
      testClockNow: token.test_clock_now,
    };
    principals.set(hash, principal, token.expires_at.getTime() - Date.now());
    return principal;
  }
  const row = secret.startsWith("ak_") ? await findActiveKeyByHash(db, hash) : undefined;
  if (!row) throw unauthenticated("invalid_credentials", "the API key is unknown or revoked");
  const principal: Principal = {
    tenantId: row.tenant_id,
    actor: { type: "api_key", id: row.id },
    roles: row.roles,
    permissions: permissionsOf(row.roles, row.role_permissions),
    partnerId: row.partner_id,
    testClockNow: row.test_clock_now,
  };
  principals.set(hash, principal);
  return principal;
}
