import { describe, expect, it } from "vitest";
import { DATABASE_RETRY_AFTER_SECONDS, mapError } from "./errors.js";

/** An error as the pg driver or PGlite raises it: a message and a SQLSTATE or socket code. */
const dbError = (code: string | undefined, message = "database error") =>
  Object.assign(new Error(message), code === undefined ? {} : { code });

describe("database errors map to 4xx or 503, never 500", () => {
  it.each([
    ["22008", 'date/time field value out of range: "0000-01-01"'],
    ["22003", "numeric field overflow"],
    ["22007", "invalid input syntax for type timestamp with time zone"],
    ["22P02", "invalid input syntax for type numeric"],
    ["22001", "value too long for type character varying(10)"],
    ["22021", 'invalid byte sequence for encoding "UTF8"'],
    ["22009", "time zone displacement out of range"],
  ])("SQLSTATE %s (%s) → 400 invalid_value", (code, message) => {
    const mapped = mapError(dbError(code, message), "req_1");
    expect(mapped).toMatchObject({ status: 400, unexpected: false });
    expect(mapped.body.error.code).toBe("invalid_value");
    // what the database said is not repeated to the client
    expect(mapped.body.error.message).not.toContain(message);
  });

  it("a unique violation a concurrent request caused → 409 already_exists", () => {
    expect(mapError(dbError("23505"), "req_1")).toMatchObject({
      status: 409,
      body: { error: { code: "already_exists" } },
    });
  });

  it.each([
    [dbError("57P01", "terminating connection due to administrator command")],
    [dbError("57P03", "the database system is starting up")],
    [dbError("08006", "connection failure")],
    [dbError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    [dbError("ECONNRESET", "read ECONNRESET")],
    [dbError(undefined, "Connection terminated unexpectedly")],
    [dbError(undefined, "timeout exceeded when trying to connect")],
    [
      Object.assign(new AggregateError([dbError("ECONNREFUSED")], "connect failed"), {
        code: undefined,
      }),
    ],
  ])("an unreachable database (%s) → 503 database_unavailable", (error) => {
    const mapped = mapError(error, "req_1");
    expect(mapped).toMatchObject({
      status: 503,
      unexpected: false,
      body: {
        error: {
          code: "database_unavailable",
          details: { retry_after_seconds: DATABASE_RETRY_AFTER_SECONDS },
          request_id: "req_1",
        },
      },
    });
  });

  it("anything else stays a 500 that reveals nothing", () => {
    const mapped = mapError(dbError("XX000", "internal error: secret detail"), "req_1");
    expect(mapped).toMatchObject({ status: 500, unexpected: true });
    expect(JSON.stringify(mapped.body)).not.toContain("secret");
  });
});
