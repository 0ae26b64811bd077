import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../context.js";
import { fetchPage, type Page } from "../pagination.js";
import type { ApiKeySchema } from "./access.schemas.js";
import {
  type ApiKeyRow,
  findApiKey,
  insertApiKey,
  listApiKeys as listRows,
  markRevoked,
} from "./api-keys.repository.js";
import { insertOAuthClient } from "./oauth.repository.js";
import { principals } from "./principal-cache.js";
import { displayPrefix, generateSecret, hashSecret } from "./secrets.js";

/** An API key as answered; ApiKeySchema defines it. */
export type ApiKey = Static<typeof ApiKeySchema>;

export const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  roles: row.roles,
  partner_id: row.partner_id,
  created_at: row.created_at.toISOString(),
  revoked_at: row.revoked_at ? row.revoked_at.toISOString() : null,
});

/**
 * Writes a new key; the returned `secret` is the only time it is ever shown. Its roles and
 * partner are checked first, in the same transaction (see workflows/api-keys.ts).
 */
export async function storeApiKey(
  ctx: Ctx,
  input: { name: string; roles: string[]; partner_id?: string | undefined },
): Promise<ApiKey & { secret: string }> {
  const secret = generateSecret("ak");
  const row = await insertApiKey(ctx.db, {
    id: newId("apiKey"),
    tenant_id: ctx.tenantId,
    name: input.name,
    prefix: displayPrefix(secret),
    secret_hash: hashSecret(secret),
    roles: [...new Set(input.roles)],
    partner_id: input.partner_id ?? null,
  });
  const key = toApiKey(row);
  ctx.audit({ targetType: "api_key", targetId: key.id, after: key });
  await ctx.emit({
    type: "api_key.created",
    subjectType: "api_key",
    subjectId: key.id,
    payload: key,
  });
  return { ...key, secret };
}

export async function getApiKey(ctx: Ctx, id: string): Promise<ApiKey> {
  const row = await findApiKey(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("api_key_not_found", `no API key ${id}`, { id });
  return toApiKey(row);
}

export async function listApiKeys(
  ctx: Ctx,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<ApiKey>> {
  return fetchPage(
    page.limit,
    (limit) => listRows(ctx.db, ctx.tenantId, { ...page, limit }),
    toApiKey,
  );
}

export async function revokeApiKey(ctx: Ctx, id: string): Promise<ApiKey> {
  const row = await findApiKey(ctx.db, ctx.tenantId, id, { forUpdate: true });
  if (!row) throw notFound("api_key_not_found", `no API key ${id}`, { id });
  if (row.revoked_at) {
    throw unprocessable("api_key_already_revoked", `API key ${id} is already revoked`, { id });
  }
  if (ctx.actor.type === "api_key" && ctx.actor.id === id) {
    throw unprocessable("cannot_revoke_own_key", "a key cannot revoke itself", { id });
  }
  const before = toApiKey(row);
  const after = toApiKey(await markRevoked(ctx.db, ctx.tenantId, id));
  principals.forgetActor(id);
  ctx.audit({ targetType: "api_key", targetId: id, before, after });
  await ctx.emit({
    type: "api_key.revoked",
    subjectType: "api_key",
    subjectId: id,
    payload: after,
  });
  return after;
}

/**
 * A new tenant's admin credentials: an API key and an OAuth client holding the admin role,
 * each audited in its own context. The secrets are returned once and never stored.
 */
export async function createAdminCredentials(
  keyCtx: Ctx,
  clientCtx: Ctx,
): Promise<{ apiKey: string; clientId: string; clientSecret: string }> {
  const apiKey = generateSecret("ak");
  const keyId = newId("apiKey");
  await insertApiKey(keyCtx.db, {
    id: keyId,
    tenant_id: keyCtx.tenantId,
    name: "admin",
    prefix: displayPrefix(apiKey),
    secret_hash: hashSecret(apiKey),
    roles: ["admin"],
    partner_id: null,
  });
  keyCtx.audit({ targetType: "api_key", targetId: keyId, after: { roles: ["admin"] } });
  const clientId = newId("oauthClient");
  const clientSecret = generateSecret("cs");
  await insertOAuthClient(clientCtx.db, {
    id: clientId,
    tenant_id: clientCtx.tenantId,
    name: "admin",
    secret_hash: hashSecret(clientSecret),
    roles: ["admin"],
  });
  clientCtx.audit({ targetType: "oauth_client", targetId: clientId, after: { roles: ["admin"] } });
  return { apiKey, clientId, clientSecret };
}
