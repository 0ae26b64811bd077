import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { runMutation, runRead } from "../../http/execute.js";
import { createApiKey } from "../../workflows/api-keys.js";
import { IdempotencyHeader, IdParams, Page, PageQuery } from "../schemas.js";
import { ApiKeySchema } from "./access.schemas.js";
import { type ApiKey, getApiKey, listApiKeys, revokeApiKey } from "./api-keys.service.js";

const CreatedApiKeySchema = Type.Object({
  ...ApiKeySchema.properties,
  secret: Type.Union([Type.String(), Type.Null()], {
    description:
      "The key itself. Shown once; store it now. An idempotent replay of the request answers null: the secret is never stored.",
  }),
});

const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: 20,
      description:
        "Role names: the built-in admin, read_only, finance and partner_operator, or the tenant's own (GET /v1/roles)",
    }),
    partner_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          "Bind the key to a partner (POST /v1/partners): it may then call only partner operations, and sees only that partner's customers and those of its resellers",
      }),
    ),
  },
  { additionalProperties: false },
);

export const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    "/api_keys",
    {
      config: { operation: "api_keys.create" },
      schema: {
        headers: IdempotencyHeader,
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKeySchema },
      },
    },
    (req, reply) =>
      runMutation<ApiKey & { secret: string | null }>(req, reply, async (ctx) => {
        const created = await createApiKey(ctx, req.body);
        return { status: 201, body: created, replayBody: { ...created, secret: null } };
      }),
  );

  app.get(
    "/api_keys",
    {
      config: { operation: "api_keys.list" },
      schema: { querystring: PageQuery, response: { 200: Page(ApiKeySchema) } },
    },
    (req) =>
      runRead(req, (ctx) =>
        listApiKeys(ctx, { limit: req.query.limit ?? 20, cursor: req.query.cursor }),
      ),
  );

  app.get(
    "/api_keys/:id",
    {
      config: { operation: "api_keys.get" },
      schema: { params: IdParams, response: { 200: ApiKeySchema } },
    },
    (req) => runRead(req, (ctx) => getApiKey(ctx, req.params.id)),
  );

  app.post(
    "/api_keys/:id/revoke",
    {
      config: { operation: "api_keys.revoke" },
      schema: { headers: IdempotencyHeader, params: IdParams, response: { 200: ApiKeySchema } },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: await revokeApiKey(ctx, req.params.id),
      })),
  );
};
