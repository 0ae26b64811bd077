/**
 * What a database error means to the request that met it: the database is unreachable (a
 * transient outage: retry later), it refused a value (bad input: a 4xx), a unique index caught
 * a concurrent insert, or none of these (a bug). PostgreSQL and PGlite both carry the SQLSTATE
 * in `code`; the pg driver's socket errors carry Node's (`ECONNREFUSED`…) or only a message.
 */
export type DatabaseFault = "unavailable" | "invalid_value" | "duplicate";

/** SQLSTATEs and socket codes of a database that cannot be reached or is going away. */
const UNAVAILABLE_CODES = new Set([
  "57P01", // admin_shutdown (pg_terminate_backend, a restart)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, recovering)
  "53300", // too_many_connections
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Messages of the pg driver and pool for a connection that is gone or never came. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Connection ended unexpectedly/,
];

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function isUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== "object" || depth > 3) return false;
  const code = codeOf(error);
  // class 08: connection exception
  if (code !== undefined && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
    return true;
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) {
    return true;
  }
  // a connection attempt to several addresses fails with all of them
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.some((e) => isUnavailable(e, depth + 1))) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && isUnavailable(cause, depth + 1);
}

/** What `error` means when it came from the database, or null when it is none of the faults. */
export function databaseFault(error: unknown): DatabaseFault | null {
  const code = codeOf(error);
  // class 22 (data exception): a value out of range, of the wrong form, or with characters
  // the database refuses (22008 datetime overflow, 22003 numeric out of range, 22007, 22P02…)
  if (code !== undefined && /^22[0-9A-Z]{3}$/.test(code)) return "invalid_value";
  if (code === "23505") return "duplicate";
  if (isUnavailable(error)) return "unavailable";
  return null;
}
