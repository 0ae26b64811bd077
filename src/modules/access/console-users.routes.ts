import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { unprocessable } from "../../domain/errors.js";
import { runMutation, runRead } from "../../http/execute.js";
import {
  type ConsoleMail,
  createOrInviteConsoleUser,
  reinviteConsoleUser,
  requestPasswordReset,
} from "../../workflows/console-invitations.js";
import { storeOf } from "../../workflows/unit-of-work.js";
import { IdempotencyHeader, IdParams, Page, PageQuery } from "../schemas.js";
import { ConsoleUserSchema } from "./access.schemas.js";
import { redeemConsoleUserToken } from "./console-user-tokens.service.js";
import {
  disableConsoleUser,
  endSession,
  listConsoleUsers,
  signIn,
} from "./console-users.service.js";
import type { SignInLimiter } from "./sign-in-throttle.js";

const Email = Type.String({ minLength: 3, maxLength: 254, pattern: "^[^@\\s]+@[^@\\s]+$" });

const Password = Type.String({
  minLength: 12,
  maxLength: 200,
  description: "At least 12 characters; stored only as an scrypt hash",
});

const Language = Type.Union([Type.Literal("en"), Type.Literal("de"), Type.Literal("fr")], {
  description: "The language of the e-mail (en, de or fr); default en",
});

const LinkToken = Type.String({
  minLength: 1,
  maxLength: 200,
  description: "The token of the mailed link (cut_…)",
});

/**
 * The console's users and sessions, invitations and password resets; `signInLimiter` counts
 * failed sign-ins (and password-reset requests, apart).
 */
export const consoleUserRoutes: FastifyPluginAsyncTypebox<{
  signInLimiter: SignInLimiter;
}> = async (app, options) => {
  // mailed links point at the console under ACCRUE_PUBLIC_URL
  const mail: ConsoleMail = { publicUrl: app.publicUrl, sender: app.messageSender };
  app.post(
    "/console_users",
    {
      config: { operation: "console_users.create" },
      schema: {
        description:
          "A person who signs in to the console with an e-mail address and a password. An e-mail address belongs to one user across the installation. Without a password (or with `invite: true`) the user is invited: it has status invited, cannot sign in, and is mailed a link to the console (valid 7 days, once) where it sets its password (docs/console.md#console-users).",
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            email: Email,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            password: Type.Optional(Password),
            invite: Type.Optional(
              Type.Boolean({
                description: "Mail an invitation; the user sets its own password (no password)",
              }),
            ),
            language: Type.Optional(Language),
            roles: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
              minItems: 1,
              maxItems: 20,
              description: "Role names, as for API keys",
            }),
          },
          { additionalProperties: false },
        ),
        response: { 201: ConsoleUserSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => {
        const { password, invite, language, ...rest } = req.body;
        if (invite && password !== undefined) {
          throw unprocessable(
            "console_user_invite_with_password",
            "an invited user sets its own password: send a password or invite: true",
            { field: "password" },
          );
        }
        return {
          status: 201,
          body: await createOrInviteConsoleUser(
            ctx,
            { ...rest, password: password ?? null, language: language ?? "en" },
            mail,
          ),
        };
      }),
  );

  app.post(
    "/console_users/:id/invitation",
    {
      config: { operation: "console_users.invite" },
      schema: {
        description:
          "Mails an invited user (one that has not set its password) a new invitation; its earlier links stop working.",
        headers: IdempotencyHeader,
        params: IdParams,
        body: Type.Optional(
          Type.Object({ language: Type.Optional(Language) }, { additionalProperties: false }),
        ),
        response: { 200: ConsoleUserSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await reinviteConsoleUser(ctx, req.params.id, req.body?.language ?? "en", mail),
      })),
  );

  app.post(
    "/console_invitations/accept",
    {
      config: { operation: "console_invitations.accept" },
      schema: {
        description:
          "The invited user sets its password with the token of its invitation link; no API key. The token works once and for 7 days: unknown 404 console_link_unknown, used 409 console_link_used, expired 409 console_link_expired. The user can then sign in.",
        body: Type.Object(
          { token: LinkToken, password: Password },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: ConsoleUserSchema }) },
      },
    },
    async (req) => ({
      user: await redeemConsoleUserToken(
        storeOf(app.db),
        { ...req.body, purpose: "invitation" },
        req.id,
        "console_invitations.accept",
      ),
    }),
  );

  app.post(
    "/console_password_resets",
    {
      config: { operation: "console_password_resets.create" },
      schema: {
        description:
          "Forgot password: no API key. Answers 202 whether or not a console user has the address; if one does (and is not disabled), it is mailed a link to set a new password (valid 1 hour, once; at most 3 an hour). Requests are limited per client address and per e-mail address from that client address, with a back-off (429 too_many_password_reset_requests).",
        body: Type.Object(
          {
            email: Type.String({ minLength: 1, maxLength: 254 }),
            language: Type.Optional(Language),
          },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ accepted: Type.Literal(true) }) },
      },
    },
    async (req, reply) => {
      await requestPasswordReset(
        storeOf(app.db),
        { email: req.body.email, language: req.body.language ?? "en" },
        { requestId: req.id, address: req.ip },
        options.signInLimiter,
        mail,
      );
      reply.status(202);
      return { accepted: true as const };
    },
  );

  app.post(
    "/console_password_resets/complete",
    {
      config: { operation: "console_password_resets.complete" },
      schema: {
        description:
          "Sets a new password with the token of a password-reset link; no API key. The token works once and for 1 hour (unknown 404 console_link_unknown, used 409 console_link_used, expired 409 console_link_expired). Every session of the user ends.",
        body: Type.Object(
          { token: LinkToken, password: Password },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: ConsoleUserSchema }) },
      },
    },
    async (req) => ({
      user: await redeemConsoleUserToken(
        storeOf(app.db),
        { ...req.body, purpose: "password_reset" },
        req.id,
        "console_password_resets.complete",
      ),
    }),
  );

  app.get(
    "/console_users",
    {
      config: { operation: "console_users.list" },
      schema: { querystring: PageQuery, response: { 200: Page(ConsoleUserSchema) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listConsoleUsers(ctx, { limit: req.query.limit ?? 20, cursor: req.query.cursor }),
      ),
  );

  app.post(
    "/console_users/:id/disable",
    {
      config: { operation: "console_users.disable" },
      schema: {
        description: "The user can no longer sign in; its sessions end at once.",
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: ConsoleUserSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await disableConsoleUser(ctx, req.params.id),
      })),
  );

  app.post(
    "/console_sessions",
    {
      config: { operation: "console_sessions.create" },
      schema: {
        description:
          "Sign a console user in: a bearer token (at_…) for 12 hours with the user's roles. Wrong e-mail and wrong password answer alike. Failed attempts are limited per client address and per e-mail address from that client address, with a back-off (docs/operations.md#limits): someone guessing elsewhere never locks the user out.",
        body: Type.Object(
          {
            email: Type.String({ minLength: 1, maxLength: 254 }),
            password: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            access_token: Type.String(),
            expires_at: Type.String({ format: "date-time" }),
            user: ConsoleUserSchema,
          }),
        },
      },
    },
    async (req, reply) => {
      const session = await signIn(
        storeOf(app.db),
        req.body,
        req.id,
        req.ip,
        options.signInLimiter,
      );
      reply.status(201);
      return session;
    },
  );

  app.post(
    "/console_sessions/end",
    {
      config: { operation: "console_sessions.end" },
      schema: {
        description:
          "Sign out: the session token stops working at once. Knowing the token is the authority to end it; an unknown or ended token answers ended: false.",
        body: Type.Object(
          { access_token: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ ended: Type.Boolean() }) },
      },
    },
    async (req) => {
      return { ended: await endSession(storeOf(app.db), req.body.access_token, req.id) };
    },
  );
};
