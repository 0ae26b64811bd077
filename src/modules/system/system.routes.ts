import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { DATABASE_RETRY_AFTER_SECONDS } from "../../http/errors.js";
import { queuedMessageHealth } from "../messages/index.js";
import { pingDatabase } from "./system.repository.js";

export const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/healthz",
    {
      config: { operation: "system.health" },
      schema: {
        response: {
          200: Type.Object({
            status: Type.Literal("ok"),
            database: Type.String(),
            messages: Type.Optional(
              Type.Object(
                {
                  smtp: Type.Literal("failing"),
                  queued: Type.Integer(),
                  retrying: Type.Integer(),
                  last_error: Type.Union([Type.String(), Type.Null()]),
                },
                {
                  description:
                    "Present while messages wait after a failed SMTP attempt: they stay queued and are retried; billing goes on. last_error is the kind of the last failure (an SMTP reply code or a connection error code)",
                },
              ),
            ),
          }),
          503: Type.Object({ status: Type.Literal("unavailable"), database: Type.String() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await pingDatabase(app.db);
        const messages = await queuedMessageHealth(app.db);
        if (messages.retrying === 0) return { status: "ok" as const, database: app.backend };
        return {
          status: "ok" as const,
          database: app.backend,
          messages: {
            smtp: "failing" as const,
            queued: messages.queued,
            retrying: messages.retrying,
            // the kind of failure only: a server's reply may name a recipient, and this is public
            last_error: messages.lastError?.split(":")[0] ?? null,
          },
        };
      } catch {
        // the database is down: not healthy, and worth asking again shortly
        reply.header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
        return reply.status(503).send({ status: "unavailable" as const, database: app.backend });
      }
    },
  );

  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
};
