/**
 * The Chargebee surface runs every call as a request to the native API, in process
 * (`app.inject`): a Chargebee operation is translated into native requests, and the native
 * answer back. The native request carries the caller's own credentials, request id, client
 * address and idempotency key, so it is authenticated, permission-checked, rate-limited,
 * run in one transaction, audited and replayed exactly as a native call would be. The
 * surface itself holds no business rule and no SQL.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { CbError, type CbErrorType } from "./wire.js";

export type NativeCall = {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  url: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Send the caller's idempotency key along (the call that makes the change). */
  idempotent?: boolean;
};

/**
 * A native answer's JSON. Its shape is the native route's response schema (checked by the
 * route's serializer); each translator reads the fields it maps.
 */
// biome-ignore lint/suspicious/noExplicitAny: the native API's answers, each checked by its route's schema
export type NativeJson = any;

export type NativeAnswer = { status: number; body: NativeJson; replayed: boolean };

/** Chargebee's idempotency header, or the native one. */
function idempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers["chargebee-idempotency-key"] ?? req.headers["idempotency-key"];
  return typeof key === "string" ? key : undefined;
}

/**
 * `Authorization: Basic base64(api_key:)` (Chargebee's) → `Bearer api_key` for the native
 * request. Anything else passes as it is, and the native API answers it.
 */
export function bearerFrom(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!match) return authorization;
  const decoded = Buffer.from(match[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = colon === -1 ? decoded : decoded.slice(0, colon);
  return user ? `Bearer ${user}` : authorization;
}

/** Runs one native request for `req` and answers its result; a refusal becomes a CbError. */
export async function callNative(
  req: FastifyRequest,
  reply: FastifyReply,
  call: NativeCall,
): Promise<NativeAnswer> {
  const headers: Record<string, string> = { "x-request-id": req.id };
  const authorization = bearerFrom(req.headers.authorization);
  if (authorization) headers.authorization = authorization;
  const key = call.idempotent ? idempotencyKey(req) : undefined;
  if (key) headers["idempotency-key"] = key;
  if (call.body !== undefined) headers["content-type"] = "application/json";
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) query[k] = String(v);
  const res = await req.server.inject({
    method: call.method,
    url: call.url,
    query,
    headers,
    remoteAddress: req.ip,
    ...(call.body !== undefined ? { payload: JSON.stringify(call.body) } : {}),
  });
  const replayed = res.headers["idempotent-replayed"] === "true";
  if (replayed) reply.header("chargebee-idempotency-replayed", "true");
  for (const header of ["retry-after", "x-ratelimit-limit", "x-ratelimit-remaining"]) {
    const value = res.headers[header];
    if (value !== undefined) reply.header(header, value);
  }
  const body = res.body ? JSON.parse(res.body) : null;
  if (res.statusCode >= 400) throw fromNative(res.statusCode, body);
  return { status: res.statusCode, body, replayed };
}

type NativeError = {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
};

/** A native field name (`body.address.postal_code`) without its part of the request. */
function fieldOf(details: Record<string, unknown> | undefined): string | undefined {
  const field = details?.field;
  if (typeof field !== "string") return undefined;
  return field.replace(/^(body|query|path|params|header)\./, "");
}

/**
 * A native refusal in Chargebee's terms. Chargebee answers most client errors with 400;
 * the native machine code travels along as `accrue_error_code`.
 */
export function fromNative(status: number, body: NativeError | null): CbError {
  const code = body?.error?.code ?? "internal_error";
  const message = body?.error?.message ?? "the request failed";
  const param = fieldOf(body?.error?.details);
  const err = (s: number, api: string, type: CbErrorType | undefined) =>
    new CbError(s, api, message, type, param, code);
  if (status < 500 && /payment_failed$|declined$/.test(code)) {
    return err(402, "payment_processing_failed", "payment");
  }
  switch (status) {
    case 400:
    case 413:
    case 415:
      return err(400, param ? "param_wrong_value" : "invalid_request", "invalid_request");
    case 401:
      return err(401, "api_authentication_failed", undefined);
    case 402:
      return err(402, "payment_processing_failed", "payment");
    case 403:
      return err(403, "api_authorization_failed", undefined);
    case 404:
      return err(404, "resource_not_found", "invalid_request");
    case 409:
      return code === "already_exists" || code.endsWith("_exists") || code.startsWith("duplicate")
        ? err(400, "duplicate_entry", "invalid_request")
        : err(400, "invalid_state_for_request", "invalid_request");
    case 422:
      return err(400, "invalid_request", "invalid_request");
    case 429:
      return err(429, "api_request_limit_exceeded", undefined);
    case 503:
      return err(503, "internal_temporary_error", undefined);
    default:
      // any other refusal of the request as sent (a path too long, a method not allowed…)
      // is the client's, as Chargebee answers it: never a server error
      return status < 500
        ? err(400, "invalid_request", "invalid_request")
        : err(500, "internal_error", undefined);
  }
}
