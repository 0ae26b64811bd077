/**
 * Runs one API operation for an authenticated request.
 * - reads: a context over the plain database handle;
 * - mutations: ONE transaction holding the change, its audit records, its outbox events and
 *   the idempotency record. Any error rolls all of it back; a refusal (4xx) of a request with
 *   an Idempotency-Key is stored under the key all the same (see `perform`). An operation
 *   that writes in one statement (`oneStatement`) needs no transaction around it when the
 *   request has no Idempotency-Key and its tenant runs on the system clock.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { type AccrueError, invalid, unprocessable } from "../domain/errors.js";
import { getOperation, type OperationId } from "../domain/operations.js";
import { systemClock } from "../lib/clock.js";
import type { Principal } from "../modules/access/index.js";
import { clockFor } from "../modules/clock/index.js";
import type { Ctx } from "../modules/context.js";
import {
  fingerprintOf,
  type PerformOptions,
  perform,
  ReplayedRefusal,
  type Result,
  readContext,
  unitOfWork,
} from "../workflows/unit-of-work.js";
import { databaseRefusal, STATUS_BY_KIND } from "./errors.js";

export type { Result };

function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error(`route ${req.url} has no authenticated principal`);
  return req.principal;
}

function operationOf(req: FastifyRequest): OperationId {
  const id = req.routeOptions.config.operation;
  if (!id || !getOperation(id))
    throw new Error(`route ${req.routeOptions.url} declares no operation`);
  return id;
}

/** Who performs a request's operation: its principal, its request id and its operation. */
function scopeOf(req: FastifyRequest) {
  const principal = principalOf(req);
  return {
    principal,
    scope: {
      tenantId: principal.tenantId,
      actor: principal.actor,
      permissions: principal.permissions,
      partnerId: principal.partnerId ?? null,
      requestId: req.id,
      operation: operationOf(req),
    },
  };
}

export async function runRead<T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const { principal, scope } = scopeOf(req);
  return fn(readContext(req.server.db, { ...scope, clock: clockFor(principal.testClockNow) }));
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** A query or body without the credential fields some surfaces carry there. */
function withoutCredentials(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== "object") return value ?? null;
  const { access_token: _a, token: _t, ...rest } = value as Record<string, unknown>;
  return rest;
}

/**
 * Runs an estimate: the operation `fn` really runs, in a savepoint that is always rolled back
 * (its writes, audit records and events with it), and its answer is returned. Nothing is
 * written; a refusal of the operation is the estimate's answer.
 */
export async function runEstimate<T>(
  req: FastifyRequest,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  const { principal, scope } = scopeOf(req);
  const done = unprocessable("estimate_priced", "an estimate keeps nothing it wrote");
  let found: { value: T } | undefined;
  const refused = await unitOfWork(req.server.db, (work) =>
    work.attempt({ ...scope, clock: clockFor(principal.testClockNow) }, async (ctx) => {
      found = { value: await fn(ctx) };
      throw done;
    }),
  );
  if (refused !== done) throw refused ?? new Error("an estimate was not rolled back");
  return found!.value;
}

/**
 * Runs a request's mutation as one unit of work (src/workflows/unit-of-work.ts). With
 * `oneStatement`, the operation promises to write only through `ctx.conclude`, and a request
 * without an Idempotency-Key of a tenant on the system clock runs it without a transaction:
 * its one statement is atomic on its own (`perform`).
 */
export async function runMutation<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  fn: (ctx: Ctx) => Promise<Result<T>>,
  options: PerformOptions = {},
): Promise<T> {
  const { principal, scope } = scopeOf(req);
  const rawKey = req.headers["idempotency-key"];
  const key = Array.isArray(rawKey) ? rawKey[0] : rawKey;
  if (key !== undefined && !KEY_PATTERN.test(key)) {
    throw invalid(
      "invalid_idempotency_key",
      "Idempotency-Key must be 1 to 255 visible ASCII characters",
      { field: "header.idempotency-key" },
    );
  }
  // what makes two requests "the same": caller, operation, parameters and body — not the
  // spelling of the URL (query order, percent-encoding), nor the credential where a surface
  // carries it in the query or body (a retry after logging in again is the same request)
  const idempotency =
    key === undefined
      ? undefined
      : {
          key,
          statusOf: (error: AccrueError) => STATUS_BY_KIND[error.kind],
          refusalOf: databaseRefusal,
          fingerprint: fingerprintOf({
            actor: principal.actor,
            operation: scope.operation,
            params: req.params ?? null,
            query: withoutCredentials(req.query),
            body: req.routeOptions.config.credentialsInBody
              ? withoutCredentials(req.body)
              : (req.body ?? null),
          }),
        };
  // A tenant on the system clock runs the mutation on it without reading the tenant row
  // again: the principal was read (or cached, see principal-cache.ts) with it. A test
  // clock's reading moves, so it is read in the transaction; with an Idempotency-Key the
  // key's claim reads it in the same statement anyway.
  const known =
    idempotency === undefined && principal.testClockNow === null ? { clock: systemClock } : {};
  let outcome: Awaited<ReturnType<typeof perform<T>>>;
  try {
    outcome = await perform(req.server.db, { ...scope, ...known }, idempotency, fn, options);
  } catch (error) {
    // a refusal stored under the key, answered again as it was the first time
    if (error instanceof ReplayedRefusal) reply.header("idempotent-replayed", "true");
    throw error;
  }
  if (outcome.replayed) reply.header("idempotent-replayed", "true");
  reply.status(outcome.result.status);
  return outcome.result.body;
}
