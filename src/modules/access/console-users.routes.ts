import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { storeOf } from "../../workflows/unit-of-work.js";
import { IdempotencyHeader, IdParams, Page, PageQuery } from "../schemas.js";
import { ConsoleUserSchema } from "./access.schemas.js";
import {
  createConsoleUser,
  disableConsoleUser,
  endSession,
  listConsoleUsers,
  signIn,
} from "./console-users.service.js";
import type { SignInLimiter } from "./sign-in-throttle.js";

const Email = Type.String({ minLength: 3, maxLength: 254, pattern: "^[^@\\s]+@[^@\\s]+$" });

/** The console's users and sessions; `signInLimiter` counts failed sign-ins. */
export const consoleUserRoutes: FastifyPluginAsyncTypebox<{
  signInLimiter: SignInLimiter;
}> = async (app, options) => {
  app.post(
    "/console_users",
    {
      config: { operation: "console_users.create" },
      schema: {
        description:
          "A person who signs in to the console with an e-mail address and a password. An e-mail address belongs to one user across the installation.",
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            email: Email,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            password: Type.String({
              minLength: 12,
              maxLength: 200,
              description: "At least 12 characters; stored only as an scrypt hash",
            }),
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
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createConsoleUser(ctx, req.body),
      })),
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
