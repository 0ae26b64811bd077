import type { Static } from "typebox";
import {
  conflict,
  notFound,
  rateLimited,
  unauthenticated,
  unprocessable,
} from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import type { Ctx, Store } from "../context.js";
import { fetchPage, type Page } from "../pagination.js";
import type { ConsoleUserSchema } from "./access.schemas.js";
import {
  type ConsoleUserRow,
  consoleEmailTaken,
  findSignInUser,
  insertConsoleUser,
  listConsoleUserRows,
  lockConsoleUser,
  markDisabled,
} from "./console-users.repository.js";
import { deleteTokensOfConsoleUser, isConsoleSession } from "./oauth.repository.js";
import { releaseToken, storeToken } from "./oauth.service.js";
import { DECOY_HASH, hashPassword, verifyPassword } from "./passwords.js";
import { principals } from "./principal-cache.js";
import { assertMayGrantRoles } from "./roles.service.js";
import { hashSecret } from "./secrets.js";
import type { SignInLimiter } from "./sign-in-throttle.js";

export const CONSOLE_SESSION_SECONDS = 12 * 60 * 60;

/** A console user as answered; ConsoleUserSchema defines it. */
export type ConsoleUser = Static<typeof ConsoleUserSchema>;

export const toUser = (r: ConsoleUserRow): ConsoleUser => ({
  id: r.id,
  email: r.email,
  name: r.name,
  roles: r.roles,
  status: r.disabled_at ? "disabled" : r.invited ? "invited" : "active",
  created_at: r.created_at.toISOString(),
  disabled_at: r.disabled_at ? r.disabled_at.toISOString() : null,
});

/** Refuses a password of fewer than 12 characters (blanks at either end not counted). */
export function assertStrongPassword(password: string): void {
  if (password.trim().length < 12) {
    throw unprocessable("weak_password", "a password has at least 12 characters", {
      field: "password",
    });
  }
}

/**
 * A new console user: with its password, or (`password: null`) invited, without one until
 * it accepts its invitation (workflows/console-invitations.ts mails the link).
 */
export async function createConsoleUser(
  ctx: Ctx,
  input: { email: string; name: string; password: string | null; roles: string[] },
): Promise<ConsoleUser> {
  await assertMayGrantRoles(ctx, input.roles);
  const email = input.email.trim().toLowerCase();
  if (input.password !== null) assertStrongPassword(input.password);
  // e-mail addresses sign in across the installation, so one may belong to one user only
  if (await consoleEmailTaken(ctx.db, email)) {
    throw conflict("console_user_email_taken", "a console user with this e-mail exists", {
      field: "email",
    });
  }
  const row = await insertConsoleUser(ctx.db, {
    id: newId("consoleUser"),
    tenant_id: ctx.tenantId,
    email,
    name: input.name,
    password_hash: input.password === null ? null : await hashPassword(input.password),
    roles: [...new Set(input.roles)],
  });
  const user = toUser(row);
  ctx.audit({ targetType: "console_user", targetId: user.id, after: user });
  return user;
}

export async function listConsoleUsers(
  ctx: Ctx,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<ConsoleUser>> {
  return fetchPage(
    page.limit,
    (limit) => listConsoleUserRows(ctx.db, ctx.tenantId, { ...page, limit }),
    toUser,
  );
}

export async function disableConsoleUser(ctx: Ctx, id: string): Promise<ConsoleUser> {
  const before = await lockConsoleUser(ctx.db, ctx.tenantId, id);
  if (!before) throw notFound("console_user_not_found", `no console user ${id}`, { id });
  if (before.disabled_at) {
    throw unprocessable("console_user_already_disabled", `console user ${id} is disabled`, { id });
  }
  const after = await markDisabled(ctx.db, ctx.tenantId, id, new Date());
  // the user's sessions end with it
  await deleteTokensOfConsoleUser(ctx.db, ctx.tenantId, id);
  principals.forgetActor(id);
  ctx.audit({
    targetType: "console_user",
    targetId: id,
    before: toUser(before),
    after: toUser(after),
  });
  return toUser(after);
}

/**
 * Signs a console user in: a session token for the right e-mail and password, else one
 * answer for every failure (unknown address, wrong password, disabled user). `address` is the
 * client's: failed sign-ins, per client address and per e-mail address from that client
 * address, are limited with back-off by `limits` (sign-in-throttle.ts), so a guesser is
 * slowed down and the user never locked out.
 */
export async function signIn(
  store: Store,
  input: { email: string; password: string },
  requestId: string,
  address: string,
  limits: SignInLimiter,
): Promise<{ access_token: string; expires_at: string; user: ConsoleUser }> {
  const email = input.email.trim().toLowerCase();
  const verdict = await limits.check(email, address);
  if (!verdict.allowed) {
    throw rateLimited(
      "too_many_sign_in_attempts",
      `too many failed sign-in attempts from this address; retry after ${verdict.retryAfter} s`,
      { retry_after_seconds: verdict.retryAfter },
    );
  }
  const user = await findSignInUser(store.db, email);
  // an unknown address (or an invited user's, which has no password yet) costs as much as a
  // wrong password: timing tells nothing
  const matches = await verifyPassword(input.password, user?.password_hash ?? DECOY_HASH);
  if (!user || !matches || user.disabled_at) {
    await limits.failed(email, address);
    throw unauthenticated("invalid_credentials", "wrong e-mail address or password");
  }
  await limits.succeeded(email, address);
  const { token, expiresAt } = await storeToken(
    store,
    {
      type: "console_user",
      id: user.id,
      tenantId: user.tenant_id,
      tenantTime: user.test_clock_now,
    },
    CONSOLE_SESSION_SECONDS,
    { operation: "console_sessions.create", requestId },
  );
  return {
    access_token: token,
    expires_at: expiresAt.toISOString(),
    user: toUser({ ...user, invited: false }),
  };
}

/** Signs a console session out; other kinds of access token are left alone. */
export async function endSession(store: Store, token: string, requestId: string): Promise<boolean> {
  if (!(await isConsoleSession(store.db, hashSecret(token)))) return false;
  return releaseToken(store, token, requestId, "console_sessions.end");
}
