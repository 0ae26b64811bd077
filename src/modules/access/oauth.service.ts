/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): an OAuth client trades its id and secret for
 * an opaque bearer token. Tokens are random, stored as SHA-256 hashes, and expire.
 */
import { Temporal } from "temporal-polyfill";
import { fixedClock } from "../../domain/clock.js";
import { AccrueError } from "../../domain/errors.js";
import type { OperationId } from "../../domain/operations.js";
import type { Store } from "../context.js";
import { deleteToken, findActiveClient, insertAccessToken } from "./oauth.repository.js";
import { principals } from "./principal-cache.js";
import { generateSecret, hashSecret, sameHash } from "./secrets.js";

/** Lifetime of an access token. */
export const ACCESS_TOKEN_TTL_SECONDS = 24 * 60 * 60;

export type IssuedToken = {
  access_token: string;
  token_type: "bearer";
  /** Seconds until the token expires (RFC 6749). */
  expires_in: number;
  /** Unix time (seconds) when the token expires. */
  expires: number;
};

export class OAuthError extends AccrueError {
  constructor(
    readonly oauthError: "invalid_request" | "invalid_client" | "unsupported_grant_type",
    message: string,
  ) {
    super(oauthError === "invalid_client" ? "unauthenticated" : "invalid", oauthError, message);
  }
}

export type TokenRequest = {
  grantType: string | undefined;
  clientId: string | undefined;
  clientSecret: string | undefined;
  requestId: string;
};

/**
 * A new access token for an OAuth client, an API key or a console user, stored hashed with its
 * audit record in a unit of work of its own.
 */
export async function storeToken(
  store: Store,
  holder: {
    type: "oauth_client" | "api_key" | "console_user";
    id: string;
    tenantId: string;
    tenantTime: Date | null;
  },
  ttlSeconds: number,
  audit: { operation: OperationId; requestId: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSecret("at");
  const now = Date.now();
  const expiresAt = new Date(now + ttlSeconds * 1000);
  await store.unit(async (work) => {
    const ctx = await work.context({
      tenantId: holder.tenantId,
      actor: { type: holder.type, id: holder.id },
      requestId: audit.requestId,
      operation: audit.operation,
      clock: fixedClock(
        Temporal.Instant.fromEpochMilliseconds((holder.tenantTime ?? new Date(now)).getTime()),
      ),
    });
    await insertAccessToken(ctx.db, {
      token_hash: hashSecret(token),
      tenant_id: holder.tenantId,
      client_id: holder.type === "oauth_client" ? holder.id : null,
      api_key_id: holder.type === "api_key" ? holder.id : null,
      console_user_id: holder.type === "console_user" ? holder.id : null,
      expires_at: expiresAt,
    });
    ctx.audit({
      targetType: holder.type,
      targetId: holder.id,
      after: { expires_at: expiresAt.toISOString() },
    });
  });
  return { token, expiresAt };
}

export async function issueToken(
  store: Store,
  request: TokenRequest,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<IssuedToken> {
  if (request.grantType !== "client_credentials") {
    throw request.grantType === undefined
      ? new OAuthError("invalid_request", "grant_type is required")
      : new OAuthError("unsupported_grant_type", "only grant_type=client_credentials is supported");
  }
  if (!request.clientId || !request.clientSecret) {
    throw new OAuthError("invalid_client", "client credentials are required");
  }
  const client = await findActiveClient(store.db, request.clientId);
  if (!client || !sameHash(client.secret_hash, hashSecret(request.clientSecret))) {
    throw new OAuthError("invalid_client", "unknown client or wrong secret");
  }
  const { token, expiresAt } = await storeToken(
    store,
    {
      type: "oauth_client",
      id: client.id,
      tenantId: client.tenant_id,
      tenantTime: client.test_clock_now,
    },
    ttlSeconds,
    { operation: "oauth.token", requestId: request.requestId },
  );
  return {
    access_token: token,
    token_type: "bearer",
    expires_in: ttlSeconds,
    expires: Math.floor(expiresAt.getTime() / 1000),
  };
}

/**
 * A session token for an API key (CRM.COM's `authentication/web_api_key/token`): an access
 * token that stands for the key, expiring after `ttlSeconds` or when the key is revoked.
 */
export async function issueKeySession(
  store: Store,
  key: { id: string; tenantId: string; tenantTime: Date | null },
  ttlSeconds: number,
  requestId: string,
): Promise<{ token: string; expiresAt: Date }> {
  return storeToken(
    store,
    { type: "api_key", id: key.id, tenantId: key.tenantId, tenantTime: key.tenantTime },
    ttlSeconds,
    { operation: "crm.web_api_key_token", requestId },
  );
}

/** Ends a session token at once (CRM.COM's `authentication/token/release`). */
export async function releaseToken(
  store: Store,
  token: string,
  requestId: string,
  operation: OperationId = "crm.token_release",
): Promise<boolean> {
  principals.forgetSecret(hashSecret(token));
  return store.unit(async (work) => {
    const released = await deleteToken(work.db, hashSecret(token));
    if (!released) return false;
    const holder = released.client_id
      ? { type: "oauth_client" as const, id: released.client_id }
      : released.console_user_id
        ? { type: "console_user" as const, id: released.console_user_id }
        : { type: "api_key" as const, id: released.api_key_id! };
    const ctx = await work.context({
      tenantId: released.tenant_id,
      actor: holder,
      requestId,
      operation,
    });
    ctx.audit({ targetType: holder.type, targetId: holder.id });
    return true;
  });
}
