import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { DATABASE_RETRY_AFTER_SECONDS } from "../../http/errors.js";
import { pingDatabase } from "./system.repository.js";

export const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/healthz",
    {
      config: { operation: "system.health" },
      schema: {
        response: {
          200: Type.Object({ status: Type.Literal("ok"), database: Type.String() }),
          503: Type.Object({ status: Type.Literal("unavailable"), database: Type.String() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await pingDatabase(app.db);
        return { status: "ok" as const, database: app.backend };
      } catch {
        // the database is down: not healthy, and worth asking again shortly
        reply.header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
        return reply.status(503).send({ status: "unavailable" as const, database: app.backend });
      }
    },
  );

  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
};
