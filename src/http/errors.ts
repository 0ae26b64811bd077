/**
 * The one place errors become HTTP responses:
 * `{"error":{"code","message","details","request_id"}}`. Deliberate errors (AccrueError)
 * map by kind; Fastify's own client errors (bad JSON, schema violations, body limits) map to
 * 4xx with a machine code; database errors a request's values caused map to 4xx, and an
 * unreachable database to 503 with Retry-After; anything else is a bug and a 500 that reveals
 * nothing.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import {
  AccrueError,
  conflict,
  type ErrorCode,
  type ErrorKind,
  invalid,
  isAccrueError,
} from "../domain/errors.js";
import { DATE_RANGE } from "../domain/time/index.js";
import { newId } from "../lib/ids.js";
import { databaseFault } from "../storage/errors.js";

/** What a 503 during a database outage asks the client to wait before retrying. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Marks a validation issue (in its `params`) whose value is a well-formed date or date-time
 * outside the supported range: answered `date_out_of_range` rather than `validation_failed`.
 */
export const OUT_OF_RANGE = "date_out_of_range";

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export type ErrorBody = {
  error: {
    code: ErrorCode;
    message: string;
    details: Record<string, unknown>;
    request_id: string;
  };
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
  // TypeBox reports an unknown field twice: as the `false` schema it meets, then as an
  // additional property
  if (issue.keyword === "additionalProperties") return "is not an accepted field";
  if (issue.keyword === "boolean" && issue.message === "schema is false") {
    return "is not an accepted field";
  }
  if (issue.keyword === "required") return "is required";
  if (issue.params?.[OUT_OF_RANGE] === true) {
    return `must lie between ${DATE_RANGE.min} and ${DATE_RANGE.max}`;
  }
  return issue.message ?? `fails ${issue.keyword ?? "validation"}`;
}

/**
 * The deliberate error a database error means when the request caused it, or null: a value
 * PostgreSQL refused (out of range, of the wrong form, bad characters) is bad input, not a
 * server fault; a unique index caught what a concurrent request's check-then-insert could not.
 */
export function databaseRefusal(error: unknown): AccrueError | null {
  if (isAccrueError(error)) return null;
  switch (databaseFault(error)) {
    case "invalid_value":
      return invalid(
        "invalid_value",
        "a value in the request cannot be stored (bad characters or out of range)",
      );
    case "duplicate":
      return conflict(
        "already_exists",
        "a record with these unique values exists already; retry to see it",
      );
    default:
      return null;
  }
}

export function mapError(
  error: unknown,
  requestId: string,
): { status: number; body: ErrorBody; unexpected: boolean } {
  const body = (code: ErrorCode, message: string, details: Record<string, unknown> = {}) => ({
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
    // a well-formed date outside the supported range has a code of its own
    if (fe.validation[0]?.params?.[OUT_OF_RANGE] === true) {
      return {
        status: 400,
        body: body("date_out_of_range", `${first.field} ${first.message}`, {
          field: first.field,
          fields,
          ...DATE_RANGE,
        }),
        unexpected: false,
      };
    }
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
  if (fe.code === "FST_ERR_BAD_URL") {
    return {
      status: 400,
      body: body("malformed_url", "the URL is not validly encoded"),
      unexpected: false,
    };
  }
  const fault = databaseFault(error);
  // the database cannot be reached (stopped, restarting, connections cut): a transient
  // outage the client retries after Retry-After, not a bug
  if (fault === "unavailable") {
    return {
      status: 503,
      body: body(
        "database_unavailable",
        `the database is unavailable; retry after ${DATABASE_RETRY_AFTER_SECONDS} s`,
        { retry_after_seconds: DATABASE_RETRY_AFTER_SECONDS },
      ),
      unexpected: false,
    };
  }
  const refusal = databaseRefusal(error);
  if (refusal) {
    return {
      status: STATUS_BY_KIND[refusal.kind],
      body: body(refusal.code, refusal.message),
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
  else if (status === 503) request.log.warn({ err: error }, "unavailable (database or gateway)");
  else request.log.info({ code: body.error.code, status }, "request refused");
  setErrorHeaders(reply, status);
  return reply.status(status).type("application/json").send(body);
}

/** Headers an error answer carries on every surface: Retry-After on a 503. */
export function setErrorHeaders(reply: FastifyReply, status: number): void {
  if (status === 503) reply.header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
}

/**
 * Content-Type and Content-Encoding the API accepts: JSON in UTF-8, not compressed. Anything
 * else is refused before the body is read.
 */
export function checkEncoding(headers: IncomingHttpHeaders): void {
  const encoding = headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") {
    throw new AccrueError(
      "unsupported_media_type",
      "unsupported_content_encoding",
      "send the request body uncompressed (no Content-Encoding)",
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(headers["content-type"] ?? "")?.[1];
  if (
    charset !== undefined &&
    charset.toLowerCase() !== "utf-8" &&
    charset.toLowerCase() !== "utf8"
  ) {
    throw new AccrueError(
      "unsupported_media_type",
      "unsupported_charset",
      "send the request body as UTF-8 JSON",
      { charset },
    );
  }
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};

/** Errors the HTTP parser raises before Fastify sees a request: answered in the envelope too. */
export function rawClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const status =
    error.code === "HPE_HEADER_OVERFLOW"
      ? 431
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? 408
        : 400;
  const code: ErrorCode =
    status === 431 ? "headers_too_large" : status === 408 ? "request_timeout" : "malformed_request";
  // no request was parsed, so none has an id yet: this answer gets one of its own
  const requestId = newId("request");
  const payload = JSON.stringify({
    error: {
      code,
      message: "the request could not be parsed as HTTP",
      details: {},
      request_id: requestId,
    },
  });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nX-Request-Id: ${requestId}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
  );
}
