/**
 * Console users invited and reset by e-mail: the user's single-use link is made by access and
 * its mail queued by messages in one transaction, so the token is in no outbox event (and so
 * in no webhook); the worker sends the mail like any other message. The link points at the
 * console's page (ACCRUE_PUBLIC_URL/console#/…): the token travels in the URL's fragment,
 * which browsers send to no server.
 */
import { rateLimited } from "../domain/errors.js";
import type { MessageLanguage } from "../domain/messages/format.js";
import {
  CONSOLE_LINK_TTL_MS,
  type ConsoleUser,
  createConsoleUser,
  findResettableUser,
  issueConsoleUserToken,
  lockInvitedUser,
  recentResetLinks,
  type SignInLimiter,
} from "../modules/access/index.js";
import type { Ctx, Store } from "../modules/context.js";
import { queueConsoleMessage } from "../modules/messages/index.js";
import { findTenant } from "../modules/tenants/index.js";

/** Where console links point and who sends their mails. */
export type ConsoleMail = {
  /** ACCRUE_PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
  /** The sender's address (ACCRUE_SMTP_FROM, else noreply@ the public URL's host). */
  sender: string;
};

/** At most this many reset links are mailed to one user an hour, whoever asks. */
export const RESET_LINKS_PER_HOUR = 3;

const SENDER_NAME = "Accrue";

const linkTo = (mail: ConsoleMail, page: string, token: string) =>
  `${mail.publicUrl}/console#/${page}?token=${encodeURIComponent(token)}`;

/** An instant written out with its time in UTC, for `language`: "8 May 2026 at 14:05 UTC". */
const formatInstant = (at: Date, language: MessageLanguage) =>
  `${new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(at)} UTC`;

async function mailInvitation(
  ctx: Ctx,
  user: ConsoleUser,
  language: MessageLanguage,
  mail: ConsoleMail,
): Promise<void> {
  const { token, expiresAt } = await issueConsoleUserToken(ctx, {
    userId: user.id,
    purpose: "invitation",
  });
  const tenant = await findTenant(ctx.db, ctx.tenantId);
  await queueConsoleMessage(ctx, {
    kind: "console_invitation",
    language,
    recipient: user.email,
    sender: { name: SENDER_NAME, address: mail.sender },
    data: {
      user: { name: user.name },
      tenant: { name: tenant?.name ?? "" },
      link: linkTo(mail, "accept-invitation", token),
      expires_at: formatInstant(expiresAt, language),
    },
  });
}

/**
 * A console user: with a password as given, or invited (no password) with an invitation
 * mailed to its address.
 */
export async function createOrInviteConsoleUser(
  ctx: Ctx,
  input: {
    email: string;
    name: string;
    password: string | null;
    roles: string[];
    language: MessageLanguage;
  },
  mail: ConsoleMail,
): Promise<ConsoleUser> {
  const user = await createConsoleUser(ctx, input);
  if (input.password === null) await mailInvitation(ctx, user, input.language, mail);
  return user;
}

/** A new invitation for an invited user (one that never set a password); earlier links void. */
export async function reinviteConsoleUser(
  ctx: Ctx,
  id: string,
  language: MessageLanguage,
  mail: ConsoleMail,
): Promise<ConsoleUser> {
  const user = await lockInvitedUser(ctx, id);
  await mailInvitation(ctx, user, language, mail);
  return user;
}

/**
 * Someone asks for a password reset of `email`. The answer is the same whether a user has
 * the address or not; only when one does (and is not disabled) is a link mailed, at most
 * RESET_LINKS_PER_HOUR an hour. Requests are limited like failed sign-ins (sign-in-throttle):
 * per client address, and per e-mail address from that client address, with back-off.
 */
export async function requestPasswordReset(
  store: Store,
  input: { email: string; language: MessageLanguage },
  request: { requestId: string; address: string },
  limits: SignInLimiter,
  mail: ConsoleMail,
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  // counted apart from sign-in failures of the same address
  const key = `password_reset:${email}`;
  const verdict = await limits.check(key, request.address);
  if (!verdict.allowed) {
    throw rateLimited(
      "too_many_password_reset_requests",
      `too many password-reset requests from this address; retry after ${verdict.retryAfter} s`,
      { retry_after_seconds: verdict.retryAfter },
    );
  }
  await limits.failed(key, request.address);
  const user = await findResettableUser(store, email);
  if (!user) return;
  await store.unit(async (work) => {
    const ctx = await work.context({
      tenantId: user.tenantId,
      // nobody signed in asks: the system mails the user
      actor: { type: "system", id: "password_reset" },
      requestId: request.requestId,
      operation: "console_password_resets.create",
    });
    if ((await recentResetLinks(ctx, user.id, 60 * 60_000)) >= RESET_LINKS_PER_HOUR) return;
    const { token } = await issueConsoleUserToken(ctx, {
      userId: user.id,
      purpose: "password_reset",
    });
    await queueConsoleMessage(ctx, {
      kind: "password_reset",
      language: input.language,
      recipient: user.email,
      sender: { name: SENDER_NAME, address: mail.sender },
      data: {
        user: { name: user.name },
        link: linkTo(mail, "reset-password", token),
        valid_minutes: String(CONSOLE_LINK_TTL_MS.password_reset / 60_000),
      },
    });
  });
}
