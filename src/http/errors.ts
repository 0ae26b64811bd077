/**
 * The one place errors become HTTP responses:
 * `{"error":{"code","message","details","request_id"}}`. Deliberate errors (AccrueError)
 * map by kind; Fastify's own client errors (bad JSON, schema violations, body limits) map to
 * 4xx with a machine code; anything else is a bug and a 500 that reveals nothing.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { type ErrorKind, isAccrueError } from "../domain/errors.js";

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
};

export type ErrorBody = {
  error: { code: string; message: string; details: Record<string, unknown>; request_id: string };
};

type ValidationIssue = {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
};

const PART_NAMES: Record<string, string> = {
  body: "body",
  querystring: "query",
  params: "path",
  headers: "header",
};

/** "body.customer.name" from a JSON pointer and the part of the request it came from. */
function fieldName(context: string | undefined, issue: ValidationIssue): string {
  const segments = (issue.instancePath ?? "")
    .split("/")
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const params = issue.params ?? {};
  const missing =
    (params.missingProperty as string | undefined) ??
    (params.additionalProperty as string | undefined) ??
    (Array.isArray(params.requiredProperties)
      ? (params.requiredProperties[0] as string)
      : undefined) ??
    (Array.isArray(params.additionalProperties)
      ? (params.additionalProperties[0] as string)
      : undefined);
  if (missing !== undefined) segments.push(missing);
  const path = segments.join(".");
  const part = PART_NAMES[context ?? "body"] ?? context ?? "body";
  return path ? `${part}.${path}` : part;
}

function describeIssue(issue: ValidationIssue): string {
  if (issue.keyword === "additionalProperties") return "is not an accepted field";
  if (issue.keyword === "required") return "is required";
  return issue.message ?? `fails ${issue.keyword ?? "validation"}`;
}

export function mapError(
  error: unknown,
  requestId: string,
): { status: number; body: ErrorBody; unexpected: boolean } {
  const body = (code: string, message: string, details: Record<string, unknown> = {}) => ({
    error: { code, message, details, request_id: requestId },
  });

  if (isAccrueError(error)) {
    return {
      status: STATUS_BY_KIND[error.kind],
      body: body(error.code, error.message, error.details ?? {}),
      unexpected: false,
    };
  }

  const fe = error as FastifyError & { validationContext?: string; validation?: ValidationIssue[] };
  if (Array.isArray(fe.validation)) {
    const fields = fe.validation.map((issue) => ({
      field: fieldName(fe.validationContext, issue),
      message: describeIssue(issue),
    }));
    const first = fields[0] ?? { field: fe.validationContext ?? "body", message: "is invalid" };
    return {
      status: 400,
      body: body("validation_failed", `${first.field} ${first.message}`, {
        field: first.field,
        fields,
      }),
      unexpected: false,
    };
  }

  switch (fe.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return {
        status: 400,
        body: body("malformed_json", "the request body is not valid JSON"),
        unexpected: false,
      };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return {
        status: 400,
        body: body("malformed_json", "the request body is empty but Content-Type is JSON"),
        unexpected: false,
      };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return {
        status: 413,
        body: body("payload_too_large", "the request body is too large"),
        unexpected: false,
      };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        status: 415,
        body: body("unsupported_media_type", "send the request body as application/json"),
        unexpected: false,
      };
  }
  if (error instanceof SyntaxError || fe.code === "FST_ERR_CTP_INVALID_JSON") {
    return {
      status: 400,
      body: body("malformed_json", "the request body is not valid JSON"),
      unexpected: false,
    };
  }
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: body("bad_request", fe.message || "the request is not acceptable"),
      unexpected: false,
    };
  }
  return {
    status: 500,
    body: body(
      "internal_error",
      "an internal error occurred; quote the request id when reporting it",
    ),
    unexpected: true,
  };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body, unexpected } = mapError(error, request.id);
  if (unexpected) request.log.error({ err: error }, "unhandled error");
  else request.log.info({ code: body.error.code, status }, "request refused");
  return reply.status(status).type("application/json").send(body);
}
