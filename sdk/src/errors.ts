/**
 * Errors the client throws for answers outside 2xx. Accrue answers every error as
 * `{"error":{"code","message","details","request_id"}}`; `code` is the stable machine code to
 * branch on (`customer_not_found`, `validation_failed`, `rate_limited`, …).
 */

/** The code of an answer that did not carry Accrue's error body (a proxy's 502 page, …). */
export const UNEXPECTED_RESPONSE = "unexpected_response";

type ErrorBody = {
  error: { code: string; message: string; details?: Record<string, unknown>; request_id?: string };
};

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== "object" || body === null) return false;
  const error = (body as { error?: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

export class AccrueApiError extends Error {
  override readonly name = "AccrueApiError";
  /** The HTTP status. */
  readonly status: number;
  /** Accrue's machine code, or `unexpected_response` when the body was not an Accrue error. */
  readonly code: string;
  /** What the error is about: the field that failed validation, the permission needed, … */
  readonly details: Record<string, unknown>;
  /** The request id to quote when reporting a problem (also in the `X-Request-Id` header). */
  readonly requestId: string | null;
  /** The answer's headers. */
  readonly headers: Headers;
  /** The answer's body as received (parsed JSON when it was JSON). */
  readonly body: unknown;

  constructor(response: { status: number; headers: Headers }, body: unknown) {
    const known = isErrorBody(body) ? body.error : null;
    super(known ? known.message : `HTTP ${response.status} without an Accrue error body`);
    this.status = response.status;
    this.code = known ? known.code : UNEXPECTED_RESPONSE;
    this.details = known?.details ?? {};
    this.requestId = known?.request_id ?? response.headers.get("x-request-id");
    this.headers = response.headers;
    this.body = body;
  }

  /** Seconds the server asked to wait before retrying (`Retry-After`), if it said. */
  get retryAfterSeconds(): number | null {
    return parseRetryAfter(this.headers.get("retry-after"));
  }
}

/** Whether `error` is an AccrueApiError, and when `code` is given, one with that code. */
export function isAccrueApiError(error: unknown, code?: string): error is AccrueApiError {
  return error instanceof AccrueApiError && (code === undefined || error.code === code);
}

/** `Retry-After` as seconds from now: delta-seconds or an HTTP date; null when absent or bad. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
