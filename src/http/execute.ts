/**
 * Runs one API operation for an authenticated request.
 * - reads: a context over the plain database handle;
 * - mutations: ONE transaction holding the change, its audit records, its outbox events and
 *   the idempotency record. Any error rolls all of it back.
 */
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { conflict, invalid } from "../domain/errors.js";
import { getOperation } from "../domain/operations.js";
import { canonicalJson } from "../lib/json.js";
import type { Principal } from "../modules/access/authenticate.js";
import { type AuditRecord, insertAuditRecords } from "../modules/audit/audit.repository.js";
import { clockFor } from "../modules/clock/clock.service.js";
import type { AuditEntry, Ctx } from "../modules/context.js";
import { insertEvent } from "../modules/events/outbox.js";
import { claimKey, storeResponse } from "../modules/idempotency/idempotency.repository.js";
import type { DB } from "../storage/schema.js";

export type Result<T> = {
  status: number;
  body: T;
  /**
   * What an idempotent replay returns instead of `body`, when the first answer holds
   * something that must not be stored (a secret shown once). Default: `body`.
   */
  replayBody?: T;
};

function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error(`route ${req.url} has no authenticated principal`);
  return req.principal;
}

function operationOf(req: FastifyRequest) {
  const id = req.routeOptions.config.operation;
  const op = id ? getOperation(id) : undefined;
  if (!op) throw new Error(`route ${req.routeOptions.url} declares no operation`);
  return op;
}

export async function runRead<T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const principal = principalOf(req);
  const readOnly = () => {
    throw new Error(`read operation ${operationOf(req).id} attempted a write`);
  };
  return fn({
    tenantId: principal.tenantId,
    actor: principal.actor,
    permissions: principal.permissions,
    partnerId: principal.partnerId,
    clock: clockFor(principal.testClockNow),
    requestId: req.id,
    operation: operationOf(req).id,
    db: req.server.db,
    audit: readOnly,
    emit: async () => readOnly(),
  });
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** A query or body without the credential fields some surfaces carry there. */
function withoutCredentials(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== "object") return value ?? null;
  const { access_token: _a, token: _t, ...rest } = value as Record<string, unknown>;
  return rest;
}

export async function runMutation<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  fn: (ctx: Ctx) => Promise<Result<T>>,
): Promise<T> {
  const principal = principalOf(req);
  const op = operationOf(req);
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
  const fingerprint = createHash("sha256")
    .update(
      canonicalJson({
        actor: principal.actor,
        operation: op.id,
        params: req.params ?? null,
        query: withoutCredentials(req.query),
        body: req.routeOptions.url?.startsWith("/crmapi/")
          ? withoutCredentials(req.body)
          : (req.body ?? null),
      }),
    )
    .digest("hex");

  const outcome = await req.server.db.transaction().execute(async (trx: Kysely<DB>) => {
    if (key !== undefined) {
      const claim = await claimKey(trx, {
        tenantId: principal.tenantId,
        key,
        operation: op.id,
        fingerprint,
      });
      if (claim.kind === "replay") {
        if (claim.fingerprint !== fingerprint || claim.response === null) {
          throw conflict(
            "idempotency_key_reused",
            "this Idempotency-Key was already used with a different request",
            { idempotency_key: key, operation: claim.operation },
          );
        }
        const stored: Result<T> = {
          status: claim.response.statusCode,
          body: claim.response.body as T,
        };
        return { replayed: true, result: stored };
      }
    }

    // the tenant's clock as of this transaction: an advance committed since authentication counts
    const tenant = await trx
      .selectFrom("tenants")
      .select("test_clock_now")
      .where("id", "=", principal.tenantId)
      .executeTakeFirstOrThrow();
    const clock = clockFor(tenant.test_clock_now);
    const entries: AuditEntry[] = [];
    const ctx: Ctx = {
      tenantId: principal.tenantId,
      actor: principal.actor,
      permissions: principal.permissions,
      partnerId: principal.partnerId,
      clock,
      requestId: req.id,
      operation: op.id,
      db: trx,
      audit: (entry) => {
        entries.push(entry);
      },
      emit: async (event) => {
        await insertEvent(trx, principal.tenantId, clock, event);
      },
    };
    const result = await fn(ctx);

    const base: Omit<AuditRecord, "targetType" | "targetId" | "before" | "after"> = {
      tenantId: principal.tenantId,
      tenantTime: new Date(clock.now().epochMilliseconds),
      actorType: principal.actor.type,
      actorId: principal.actor.id,
      operation: op.id,
      outcome: "succeeded",
      requestId: req.id,
      idempotencyKey: key ?? null,
    };
    // every mutation leaves at least one audit record, even if the service named no target
    const records = entries.length > 0 ? entries.map((e) => ({ ...base, ...e })) : [base];
    await insertAuditRecords(trx, records);

    if (key !== undefined) {
      await storeResponse(trx, {
        tenantId: principal.tenantId,
        key,
        response: { statusCode: result.status, body: result.replayBody ?? result.body },
      });
    }
    return { replayed: false, result };
  });

  if (outcome.replayed) reply.header("idempotent-replayed", "true");
  reply.status(outcome.result.status);
  return outcome.result.body;
}
