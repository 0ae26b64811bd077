/**
 * Typed domain errors. Every error the system raises on purpose carries a stable machine
 * `code` and a `kind`; the HTTP layer maps kinds to status codes in exactly one place
 * (src/http/errors.ts). Anything that is not an AccrueError is a bug and becomes a 500.
 * Codes come from the catalog in src/domain/error-codes.ts.
 */
import type { ErrorCode } from "./error-codes.js";

export type { ErrorCode };

export type ErrorKind =
  | "invalid" // malformed or schema-violating input → 400
  | "unauthenticated" // no or bad credentials → 401
  | "forbidden" // authenticated but not allowed → 403
  | "not_found" // unknown id (or not visible to this tenant) → 404
  | "conflict" // clashes with existing state, e.g. idempotency key reuse → 409
  | "gone" // existed, but no longer answers, e.g. an expired signed link → 410
  | "too_large" // request body over the limit → 413
  | "unsupported_media_type" // not JSON, not UTF-8, or compressed → 415
  | "unprocessable" // well-formed but breaks a business rule → 422
  | "rate_limited" // → 429
  | "unavailable"; // a service Accrue depends on (a payment gateway) gave no answer; retry → 503

export type ErrorDetails = Record<string, unknown>;

export class AccrueError extends Error {
  override readonly name = "AccrueError";
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

export const invalid = (code: ErrorCode, message: string, details?: ErrorDetails) =>
  new AccrueError("invalid", code, message, details);
export const unauthenticated = (code: ErrorCode, message: string, details?: ErrorDetails) =>
  new AccrueError("unauthenticated", code, message, details);
export const forbidden = (code: ErrorCode, message: string, details?: ErrorDetails) =>
  new AccrueError("forbidden", code, message, details);
export const notFound = (code: ErrorCode, message: string, details?: ErrorDetails) =>
  new AccrueError("not_found", code, message, details);
export const conflict = (code: ErrorCode, message: string, details?: ErrorDetails) =>
  new AccrueError("conflict", code, message, details);
export const gone = (code: ErrorCode, message: string, details?: ErrorDetails) =>
  new AccrueError("gone", code, message, details);
export const unprocessable = (code: ErrorCode, message: string, details?: ErrorDetails) =>
  new AccrueError("unprocessable", code, message, details);

export const rateLimited = (code: ErrorCode, message: string, details?: ErrorDetails) =>
  new AccrueError("rate_limited", code, message, details);

export const isAccrueError = (e: unknown): e is AccrueError => e instanceof AccrueError;
