import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { IdempotencyHeader } from "../schemas.js";
import { createRole, deleteRole, getRole, listRoles, updateRole } from "./roles.service.js";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

const RoleSchema = Type.Object({
  id: Nullable(Type.String({ description: "Null for a built-in role" })),
  name: Type.String(),
  description: Nullable(Type.String()),
  built_in: Type.Boolean(),
  permissions: Type.Array(Type.String(), { description: '"*" holds every code' }),
  created_at: Nullable(Type.String({ format: "date-time" })),
  updated_at: Nullable(Type.String({ format: "date-time" })),
});
const NameParams = Type.Object({ name: Type.String({ maxLength: 63 }) });
const Codes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: 200,
  description: "Permission codes, as the API reference lists them per operation",
});

export const roleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/roles",
    {
      config: { operation: "roles.list" },
      schema: { response: { 200: Type.Object({ data: Type.Array(RoleSchema) }) } },
    },
    (req) => runRead(req, (ctx) => listRoles(ctx)),
  );

  app.get(
    "/roles/:name",
    {
      config: { operation: "roles.get" },
      schema: { params: NameParams, response: { 200: RoleSchema } },
    },
    (req) => runRead(req, (ctx) => getRole(ctx, req.params.name)),
  );

  app.post(
    "/roles",
    {
      config: { operation: "roles.create" },
      schema: {
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 63, pattern: "^[a-z][a-z0-9_]*$" }),
            description: Type.Optional(Type.String({ maxLength: 500 })),
            permissions: Codes,
          },
          { additionalProperties: false },
        ),
        response: { 201: RoleSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: await createRole(ctx, req.body),
      })),
  );

  app.patch(
    "/roles/:name",
    {
      config: { operation: "roles.update" },
      schema: {
        headers: IdempotencyHeader,
        params: NameParams,
        body: Type.Object(
          {
            description: Type.Optional(Type.String({ maxLength: 500 })),
            permissions: Type.Optional(Codes),
          },
          { additionalProperties: false },
        ),
        response: { 200: RoleSchema },
      },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await updateRole(ctx, req.params.name, req.body),
      })),
  );

  app.delete(
    "/roles/:name",
    {
      config: { operation: "roles.delete" },
      schema: { params: NameParams, response: { 200: RoleSchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await deleteRole(ctx, req.params.name),
      })),
  );
};
