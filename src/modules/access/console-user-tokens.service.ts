/**
 * Single-use links of console users: an invitation (7 days) lets an invited user set its
 * first password; a password reset (1 hour) lets a user set a new one. The link carries a
 * random token (`cut_…`, 256 bits); only its SHA-256 hash is stored, with its purpose, expiry
 * and the time it was used. Making a link voids the user's earlier unused links of the same
 * purpose; using one voids all of them, and a reset ends every session of the user.
 *
 * Links run on real time (like access tokens), not the tenant's test clock.
 */
import { conflict, notFound, unprocessable } from "../../domain/errors.js";
import type { OperationId } from "../../domain/operations.js";
import type { Ctx, Store } from "../context.js";
import {
  type ConsoleUserTokenPurpose,
  countTokensSince,
  findConsoleUserToken,
  insertConsoleUserToken,
  spendOpenTokens,
} from "./console-user-tokens.repository.js";
import { findSignInUser, lockConsoleUser, setPasswordHash } from "./console-users.repository.js";
import { assertStrongPassword, type ConsoleUser, toUser } from "./console-users.service.js";
import { deleteTokensOfConsoleUser } from "./oauth.repository.js";
import { hashPassword } from "./passwords.js";
import { principals } from "./principal-cache.js";
import { generateSecret, hashSecret } from "./secrets.js";

export type { ConsoleUserTokenPurpose };

/** How long a link works (milliseconds). */
export const CONSOLE_LINK_TTL_MS: Record<ConsoleUserTokenPurpose, number> = {
  invitation: 7 * 24 * 60 * 60_000,
  password_reset: 60 * 60_000,
};

/**
 * A new link's token for a user of the context's tenant, stored hashed in the context's
 * transaction; earlier unused links of the same purpose stop working. Audited without the
 * token. The caller mails it and forgets it.
 */
export async function issueConsoleUserToken(
  ctx: Ctx,
  input: { userId: string; purpose: ConsoleUserTokenPurpose },
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSecret("cut");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + CONSOLE_LINK_TTL_MS[input.purpose]);
  await spendOpenTokens(ctx.db, ctx.tenantId, input.userId, now, input.purpose);
  await insertConsoleUserToken(ctx.db, {
    token_hash: hashSecret(token),
    tenant_id: ctx.tenantId,
    console_user_id: input.userId,
    purpose: input.purpose,
    created_at: now,
    expires_at: expiresAt,
  });
  ctx.audit({
    targetType: "console_user",
    targetId: input.userId,
    after: { link: input.purpose, expires_at: expiresAt.toISOString() },
  });
  return { token, expiresAt };
}

/** An invited user of the tenant, locked, to be invited again; else why not. */
export async function lockInvitedUser(ctx: Ctx, id: string): Promise<ConsoleUser> {
  const row = await lockConsoleUser(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("console_user_not_found", `no console user ${id}`, { id });
  if (row.disabled_at) {
    throw unprocessable("console_user_already_disabled", `console user ${id} is disabled`, { id });
  }
  if (!row.invited) {
    throw unprocessable("console_user_not_invited", `console user ${id} has a password`, { id });
  }
  return toUser(row);
}

/** Who a password reset for `email` would go to: a user that is not disabled, else nobody. */
export async function findResettableUser(
  store: Store,
  email: string,
): Promise<{ id: string; tenantId: string; name: string; email: string } | null> {
  const user = await findSignInUser(store.db, email.trim().toLowerCase());
  if (!user || user.disabled_at) return null;
  return { id: user.id, tenantId: user.tenant_id, name: user.name, email: user.email };
}

/** How many reset links were made for a user in the last `withinMs` milliseconds. */
export async function recentResetLinks(ctx: Ctx, userId: string, withinMs: number) {
  return countTokensSince(ctx.db, userId, "password_reset", new Date(Date.now() - withinMs));
}

/**
 * Sets a user's password with a link's token, in a unit of work of its own: the token must
 * be known, of `purpose`, unused and unexpired (else 404 console_link_unknown, 409
 * console_link_used or console_link_expired), its user not disabled. The token and the
 * user's other links are spent; a reset also ends the user's sessions.
 */
export async function redeemConsoleUserToken(
  store: Store,
  input: { token: string; password: string; purpose: ConsoleUserTokenPurpose },
  requestId: string,
  operation: OperationId,
): Promise<ConsoleUser> {
  assertStrongPassword(input.password);
  const unknown = () =>
    notFound("console_link_unknown", "this link is not known; ask for a new one");
  const tokenHash = hashSecret(input.token);
  // only a token that exists is worth the slow hash
  const seen = await findConsoleUserToken(store.db, tokenHash);
  if (!seen || seen.purpose !== input.purpose) throw unknown();
  const passwordHash = await hashPassword(input.password);
  const user = await store.unit(async (work) => {
    const row = await findConsoleUserToken(work.db, tokenHash, { forUpdate: true });
    if (!row || row.purpose !== input.purpose) throw unknown();
    const now = new Date();
    if (row.used_at) throw conflict("console_link_used", "this link has been used already");
    if (row.expires_at <= now) throw conflict("console_link_expired", "this link has expired");
    const ctx = await work.context({
      tenantId: row.tenant_id,
      actor: { type: "console_user", id: row.console_user_id },
      requestId,
      operation,
    });
    const before = await lockConsoleUser(ctx.db, row.tenant_id, row.console_user_id);
    if (!before || before.disabled_at) throw unknown();
    if (input.purpose === "invitation" && !before.invited) {
      throw conflict("console_link_used", "this invitation has been accepted already");
    }
    const after = await setPasswordHash(ctx.db, row.tenant_id, before.id, passwordHash);
    await spendOpenTokens(ctx.db, row.tenant_id, before.id, now);
    // whoever held a session (perhaps the one who knew the old password) is signed out
    await deleteTokensOfConsoleUser(ctx.db, row.tenant_id, before.id);
    ctx.audit({
      targetType: "console_user",
      targetId: before.id,
      before: toUser(before),
      after: { ...toUser(after), password_set_by: input.purpose },
    });
    return toUser(after);
  });
  principals.forgetActor(user.id);
  return user;
}
