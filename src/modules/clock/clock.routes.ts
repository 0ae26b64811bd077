import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader } from "../schemas.js";
import { ClockSchema } from "./clock.schemas.js";
import { advanceTestClock, createTestClock, getClock } from "./clock.service.js";

const FrozenTimeBody = Type.Object(
  { frozen_time: Type.String({ format: "date-time", maxLength: 64 }) },
  { additionalProperties: false },
);

export const clockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/test_clock",
    { config: { operation: "test_clock.get" }, schema: { response: { 200: ClockSchema } } },
    (req) => runRead(req, (ctx) => getClock(ctx)),
  );

  app.post(
    "/test_clock",
    {
      config: { operation: "test_clock.create" },
      schema: { headers: IdempotencyHeader, body: FrozenTimeBody, response: { 201: ClockSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createTestClock(ctx, req.body),
      })),
  );

  app.post(
    "/test_clock/advance",
    {
      config: { operation: "test_clock.advance" },
      schema: { headers: IdempotencyHeader, body: FrozenTimeBody, response: { 200: ClockSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await advanceTestClock(ctx, req.body),
      })),
  );
};
