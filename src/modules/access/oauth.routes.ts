/**
 * `POST /oauth/token` (also with a trailing slash, as Billwerk documents it): client
 * credentials from HTTP Basic or from the form fields `client_id`/`client_secret`; the body is
 * `application/x-www-form-urlencoded` (or JSON). Errors follow RFC 6749 §5.2:
 * `{"error":"invalid_client","error_description":…}`.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { mapError, setErrorHeaders } from "../../http/errors.js";
import { storeOf } from "../../workflows/unit-of-work.js";
import { issueToken, OAuthError } from "./oauth.service.js";

const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal("bearer"),
  expires_in: Type.Integer({ description: "Seconds until the token expires" }),
  expires: Type.Integer({ description: "Unix time (seconds) when the token expires" }),
});

const TokenBody = Type.Object(
  {
    grant_type: Type.Optional(Type.String({ maxLength: 100 })),
    client_id: Type.Optional(Type.String({ maxLength: 200 })),
    client_secret: Type.Optional(Type.String({ maxLength: 500 })),
    scope: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { description: "Form fields (application/x-www-form-urlencoded) or JSON" },
);

function basicCredentials(header: string | undefined): { id?: string; secret?: string } {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) return {};
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return {};
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

export const oauthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.setErrorHandler((error, req, reply) => {
    if (error instanceof OAuthError) {
      if (error.oauthError === "invalid_client")
        reply.header("www-authenticate", 'Basic realm="accrue"');
      return reply
        .status(error.oauthError === "invalid_client" ? 401 : 400)
        .send({ error: error.oauthError, error_description: error.message });
    }
    const { status, body } = mapError(error, req.id);
    setErrorHeaders(reply, status);
    return reply.status(status).send({
      error: status >= 500 ? "server_error" : "invalid_request",
      error_description: body.error.message,
    });
  });

  // the router ignores trailing slashes: /oauth/token/ (as Billwerk documents it) lands here too
  app.post(
    "/oauth/token",
    {
      config: { operation: "oauth.token" },
      schema: { body: TokenBody, response: { 200: TokenResponse } },
    },
    async (req, reply) => {
      const basic = basicCredentials(req.headers.authorization);
      const body = req.body ?? {};
      const token = await issueToken(storeOf(app.db), {
        grantType: body.grant_type,
        clientId: basic.id ?? body.client_id,
        clientSecret: basic.secret ?? body.client_secret,
        requestId: req.id,
      });
      reply.header("cache-control", "no-store");
      return token;
    },
  );
};
