/**
 * The unit of work: the one place a transaction is opened. Every change Accrue makes — an API
 * request on any surface, a job's batch, a CLI command — runs inside `unitOfWork`, which
 *
 * - opens the transaction,
 * - hands out contexts (`Ctx`: tenant, actor, permissions, clock, request id, operation and the
 *   transaction handle) for the tenants the work touches,
 * - collects each context's audit records and domain events, and writes them in the same
 *   transaction just before it commits, in one statement with the stored answer of `perform`,
 * - claims and stores the idempotency key of a request (`perform`),
 * - runs an operation that writes in one statement (`Ctx.conclude`) without a transaction
 *   when nothing else needs one (`perform`, `withoutTransaction`).
 *
 * Module services and workflows receive a `Ctx` and never open a transaction themselves.
 */
import { createHash } from "node:crypto";
import type { Kysely, RawBuilder } from "kysely";
import type { Clock } from "../domain/clock.js";
import {
  AccrueError,
  conflict,
  type ErrorCode,
  type ErrorDetails,
  type ErrorKind,
  isAccrueError,
} from "../domain/errors.js";
import type { SystemOperation } from "../domain/operations.js";
import { newId } from "../lib/ids.js";
import { canonicalJson } from "../lib/json.js";
import { type AuditRecord, auditRecordsStatement } from "../modules/audit/index.js";
import { clockFor, tenantClock } from "../modules/clock/index.js";
import type {
  AuditEntry,
  Ctx,
  DeferredWrite,
  DomainEvent,
  Scope,
  Store,
  Work,
} from "../modules/context.js";
import { eventsStatement } from "../modules/events/index.js";
import { claimKey, storeResponseStatement } from "../modules/idempotency/index.js";
import { readOnly } from "../storage/read-only.js";
import { inSavepoint } from "../storage/savepoint.js";
import type { DB } from "../storage/schema.js";
import { executeTogether, executeWith, type Write } from "../storage/together.js";
import { guardRecord } from "./transfer-guard.js";

const ALL: ReadonlySet<string> = new Set(["*"]);
const NONE: ReadonlySet<string> = new Set();

/** One context's buffered audit entries. */
type Journal = {
  scope: Scope;
  clock: Clock;
  entries: AuditEntry[];
  /** Writes the context deferred to the unit's last statement (`Ctx.defer`). */
  deferred: DeferredWrite[];
  /** Whether a change (`Ctx.conclude`) wrote an audit record of the context already. */
  audited: boolean;
  /** How many of the context's attempts (`Ctx.attempt`) are running. */
  attempts: number;
};

/** The unit's events in the order they were emitted, each with its context's journal. */
type Emitted = { journal: Journal; event: DomainEvent }[];

/** A context over `db` for `scope`, recording through `audit` and `emit`. */
function makeContext(
  db: Kysely<DB>,
  scope: Scope,
  clock: Clock,
  audit: Ctx["audit"],
  emit: Ctx["emit"],
  attempt: Ctx["attempt"],
  defer: Ctx["defer"],
  conclude: Ctx["conclude"],
): Ctx {
  const ctx: Ctx = {
    tenantId: scope.tenantId,
    actor: scope.actor,
    // the system holds every permission; anyone else holds what the scope names, else none
    permissions: scope.permissions ?? (scope.actor.type === "system" ? ALL : NONE),
    partnerId: scope.partnerId ?? null,
    clock,
    requestId: scope.requestId,
    idempotencyKey: scope.idempotencyKey ?? null,
    operation: scope.operation,
    db,
    audit,
    emit,
    defer,
    conclude,
    guard: (target) => guardRecord(ctx, target),
    attempt,
  };
  return ctx;
}

/**
 * A context whose audit entries go to `journal` and its events to the unit's `emitted`. Its
 * handle is `db`; its change (`conclude`) runs on `writer`, by default the same.
 */
const contextOf = (
  db: Kysely<DB>,
  journal: Journal,
  emitted: Emitted,
  writer: Kysely<DB> = db,
): Ctx =>
  makeContext(
    db,
    journal.scope,
    journal.clock,
    (entry) => {
      journal.entries.push(entry);
    },
    async (event) => {
      emitted.push({ journal, event });
    },
    async (fn) => {
      const entries = journal.entries.length;
      const events = emitted.length;
      const deferred = journal.deferred.length;
      journal.attempts += 1;
      let refused: AccrueError | null;
      try {
        refused = await inSavepoint(db, fn);
      } finally {
        journal.attempts -= 1;
      }
      // what a refused attempt recorded is rolled back with it
      if (refused !== null) {
        journal.entries.length = entries;
        emitted.length = events;
        journal.deferred.length = deferred;
      }
      return refused;
    },
    (write) => {
      journal.deferred.push(write);
    },
    async (change) => {
      // a refused attempt would roll back what the change wrote, but not what it consumed
      if (journal.attempts > 0) throw new Error("a change is concluded inside an attempt");
      const own = emitted.filter((e) => e.journal === journal);
      const rows = await executeWith(writer, change, (happened) =>
        journalStatements(writer, [journal], own, happened),
      );
      // what the context recorded is written with the change that happened, or dropped with
      // the change that did not
      if (rows.length > 0) journal.audited = true;
      journal.entries.length = 0;
      journal.deferred.length = 0;
      for (let i = emitted.length - 1; i >= 0; i--) {
        if (emitted[i]!.journal === journal) emitted.splice(i, 1);
      }
      return rows;
    },
  );

/**
 * The statements that write the journals' deferred writes (built on `db`, which runs them),
 * audit records and the unit's events; with `onlyIf`, each holds to it (they go with a
 * change, `Ctx.conclude`).
 */
function journalStatements(
  db: Kysely<DB>,
  journals: readonly Journal[],
  emitted: Emitted,
  onlyIf: RawBuilder<boolean> | null = null,
): Write[] {
  const records: AuditRecord[] = [];
  for (const { scope, clock, entries, audited } of journals) {
    const base: AuditRecord = {
      tenantId: scope.tenantId,
      tenantTime: new Date(clock.now().epochMilliseconds),
      actorType: scope.actor.type,
      actorId: scope.actor.id,
      operation: scope.operation,
      outcome: "succeeded",
      requestId: scope.requestId,
      idempotencyKey: scope.idempotencyKey ?? null,
    };
    if (entries.length === 0 && scope.audit === "always" && !audited) records.push(base);
    for (const entry of entries) records.push({ ...base, ...entry });
  }
  const statements = [
    ...journals.flatMap((journal) => journal.deferred.map((write) => write(db, onlyIf))),
    auditRecordsStatement(records, onlyIf),
  ];
  // in emission order (event ids follow it): one insert per run of one context's events
  for (let i = 0; i < emitted.length; ) {
    const { journal } = emitted[i]!;
    let j = i;
    while (j < emitted.length && emitted[j]!.journal === journal) j += 1;
    const events = emitted.slice(i, j).map((e) => e.event);
    statements.push(
      eventsStatement(journal.scope.tenantId, journal.clock, events, onlyIf).statement,
    );
    i = j;
  }
  return statements;
}

/** What `perform` adds to a unit of work. */
type Unit = {
  work: Work;
  /** Writes run with the journals' in one statement, just before the commit. */
  last: RawBuilder<unknown>[];
  /**
   * `work.attempt` for the unit's last attempt: its savepoint is left open on success (the
   * commit ends it), which saves a round trip; nothing may roll back to an earlier one after.
   */
  finalAttempt: Work["attempt"];
};

/**
 * Runs `fn` in one transaction. What the contexts it asked for recorded (audit, events) is
 * written before the commit, in one statement; an error rolls all of it back.
 */
export async function unitOfWork<T>(db: Kysely<DB>, fn: (work: Work) => Promise<T>): Promise<T> {
  return runUnit(db, (unit) => fn(unit.work));
}

async function runUnit<T>(db: Kysely<DB>, fn: (unit: Unit) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const journals: Journal[] = [];
    const emitted: Emitted = [];
    const last: RawBuilder<unknown>[] = [];
    const open = async (scope: Scope): Promise<Journal> => ({
      scope,
      clock: scope.clock ?? (await tenantClock(trx, scope.tenantId)),
      entries: [],
      deferred: [],
      audited: false,
      attempts: 0,
    });
    const attempt =
      (release: boolean): Work["attempt"] =>
      async (scope, attemptFn) => {
        const journal = await open(scope);
        const mark = emitted.length;
        const refused = await inSavepoint(trx, () => attemptFn(contextOf(trx, journal, emitted)), {
          release,
        });
        // what a refused attempt recorded is rolled back with it
        if (refused === null) journals.push(journal);
        else emitted.length = mark;
        return refused;
      };
    const work: Work = {
      db: trx,
      async context(scope) {
        const journal = await open(scope);
        journals.push(journal);
        return contextOf(trx, journal, emitted);
      },
      attempt: attempt(true),
    };
    const result = await fn({ work, last, finalAttempt: attempt(false) });
    await executeTogether(trx, [...journalStatements(trx, journals, emitted), ...last]);
    return result;
  });
}

/**
 * Contexts for system work in `work`, one per tenant (asked again, the same one), with the
 * clock the caller read for the tenant when it first asked: a batch runs on one reading of
 * each tenant's clock.
 */
export function systemContexts(
  work: Work,
  scope: { actorId: string; operation: SystemOperation },
): (tenantId: string, clock: Clock) => Promise<Ctx> {
  const contexts = new Map<string, Promise<Ctx>>();
  return (tenantId, clock) => {
    let ctx = contexts.get(tenantId);
    if (!ctx) {
      ctx = work.context({
        tenantId,
        actor: { type: "system", id: scope.actorId },
        requestId: newId("job"),
        operation: scope.operation,
        clock,
      });
      contexts.set(tenantId, ctx);
    }
    return ctx;
  };
}

export type { Scope, Store, Work };

/** The database as a Store: reads on `db`, each `unit` a unit of work of its own. */
export const storeOf = (db: Kysely<DB>): Store => ({ db, unit: (fn) => unitOfWork(db, fn) });

/** Runs `fn` with one tenant's context in its own unit of work. */
export async function inContext<T>(
  db: Kysely<DB>,
  scope: Scope,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  return unitOfWork(db, async (work) => fn(await work.context(scope)));
}

/**
 * A context for reading: no transaction (reads see committed data), and audit or events
 * are a bug. `clock` is the tenant's as the caller knows it.
 */
export function readContext(db: Kysely<DB>, scope: Scope & { clock: Clock }): Ctx {
  const refuse = (): never => {
    throw new Error(`read operation ${scope.operation} attempted a write`);
  };
  return makeContext(
    db,
    scope,
    scope.clock,
    refuse,
    async () => refuse(),
    async () => refuse(),
    refuse,
    async () => refuse(),
  );
}

/** What an operation answers: an HTTP status and body. */
export type Result<T> = {
  status: number;
  body: T;
  /**
   * What an idempotent replay returns instead of `body`, when the first answer holds
   * something that must not be stored (a secret shown once). Default: `body`.
   */
  replayBody?: T;
};

/**
 * A request's idempotency: its key, what makes two requests "the same", and how its surface
 * answers a refusal (the HTTP status of an error; the deliberate error a database error
 * means, if any), so that refusals are stored and replayed as they were answered.
 */
export type Idempotency = {
  key: string;
  fingerprint: string;
  statusOf: (error: AccrueError) => number;
  refusalOf?: (error: unknown) => AccrueError | null;
};

/** The fingerprint of a request: sha-256 over the canonical JSON of what identifies it. */
export const fingerprintOf = (identity: unknown): string =>
  createHash("sha256").update(canonicalJson(identity)).digest("hex");

/**
 * What a refused request's answer is stored as under its Idempotency-Key: the error, so that
 * a replay is the same error rendered by the surface it arrives on.
 */
type StoredRefusal = { kind: ErrorKind; code: ErrorCode; message: string; details: ErrorDetails };

const refusalOf = (error: AccrueError): StoredRefusal => ({
  kind: error.kind,
  code: error.code,
  message: error.message,
  details: error.details ?? {},
});

/**
 * Whether a refusal is an outcome worth replaying. Not a rate limit (the caller waits and
 * retries), not a service that gave no answer (a payment gateway: a retry asks again) and
 * not a race a retry resolves (`already_exists`: "retry to see it").
 */
const storable = (error: AccrueError) =>
  error.kind !== "rate_limited" && error.kind !== "unavailable" && error.code !== "already_exists";

/**
 * Performs one operation of a request in its own unit of work, audited (at least one record)
 * and, with an idempotency key, exactly once: a retry with the same key and request gets the
 * stored answer (`replayed`), one with the same key and another request a 409.
 *
 * A refused request (a 4xx: a business rule, a missing record, a value the database refused)
 * is stored too and a retry gets the same refusal (a `ReplayedRefusal`) without running again, as
 * Stripe does. The operation runs in a savepoint after the key's claim: a refusal rolls back
 * what the operation wrote, its audit records and events, and the refusal is stored in the
 * same transaction, so a concurrent retry waiting on the key sees it. A refusal the database
 * raised aborts the transaction instead; its answer is then stored in a short transaction of
 * its own (unless a retry claimed the key meanwhile). Failures of the server (5xx) are never
 * stored: a retry runs again.
 */
export async function perform<T>(
  db: Kysely<DB>,
  scope: Scope,
  idempotency: Idempotency | undefined,
  fn: (ctx: Ctx) => Promise<Result<T>>,
  options: PerformOptions = {},
): Promise<{ replayed: boolean; result: Result<T> }> {
  if (idempotency === undefined) {
    if (options.oneStatement && scope.clock !== undefined) {
      const result = await withoutTransaction(db, { ...scope, clock: scope.clock }, fn);
      return { replayed: false, result };
    }
    return unitOfWork(db, async (work) => {
      const ctx = await work.context({ ...scope, audit: "always", idempotencyKey: null });
      return { replayed: false, result: await fn(ctx) };
    });
  }
  const claimOf = {
    tenantId: scope.tenantId,
    key: idempotency.key,
    operation: scope.operation,
    fingerprint: idempotency.fingerprint,
  };
  const store = (unit: Unit, status: number, refusal: StoredRefusal) =>
    unit.last.push(
      storeResponseStatement({
        tenantId: scope.tenantId,
        key: idempotency.key,
        response: { statusCode: status, body: refusal },
      }),
    );
  let outcome: { replayed: boolean; result: Result<T> } | { refused: AccrueError };
  try {
    outcome = await runUnit(db, async (unit) => {
      const claim = await claimKey(unit.work.db, claimOf);
      if (claim.kind === "replay") {
        if (claim.fingerprint !== idempotency.fingerprint || claim.response === null) {
          throw conflict(
            "idempotency_key_reused",
            "this Idempotency-Key was already used with a different request",
            { idempotency_key: idempotency.key, operation: claim.operation },
          );
        }
        if (claim.response.statusCode >= 400) {
          const r = claim.response.body as StoredRefusal;
          throw new ReplayedRefusal(r.kind, r.code, r.message, r.details);
        }
        const stored: Result<T> = {
          status: claim.response.statusCode,
          body: claim.response.body as T,
        };
        return { replayed: true, result: stored };
      }
      let result: Result<T> | undefined;
      const refused = await unit.finalAttempt(
        {
          ...scope,
          clock: scope.clock ?? clockFor(claim.testClockNow),
          audit: "always",
          idempotencyKey: idempotency.key,
        },
        async (ctx) => {
          result = await fn(ctx);
        },
      );
      if (refused !== null) {
        if (!storable(refused)) throw refused;
        store(unit, idempotency.statusOf(refused), refusalOf(refused));
        return { refused };
      }
      if (result === undefined) throw new Error(`operation ${scope.operation} answered nothing`);
      unit.last.push(
        storeResponseStatement({
          tenantId: scope.tenantId,
          key: idempotency.key,
          response: { statusCode: result.status, body: result.replayBody ?? result.body },
        }),
      );
      return { replayed: false, result };
    });
  } catch (error) {
    // a refusal the database raised (a value out of range…) aborted the transaction: its
    // answer is stored after the rollback, unless a concurrent retry claimed the key since
    const refusal = isAccrueError(error) ? null : idempotency.refusalOf?.(error);
    if (refusal && storable(refusal)) {
      await runUnit(db, async (unit) => {
        const claim = await claimKey(unit.work.db, claimOf);
        if (claim.kind === "claimed")
          store(unit, idempotency.statusOf(refusal), refusalOf(refusal));
      }).catch(() => {});
    }
    throw error;
  }
  if ("refused" in outcome) throw outcome.refused;
  return outcome;
}

export type PerformOptions = {
  /**
   * The operation writes only through `ctx.conclude` (one statement with its audit record):
   * without an Idempotency-Key and with the tenant's clock known, it runs without a
   * transaction (see `withoutTransaction`).
   */
  oneStatement?: boolean;
};

/**
 * Performs an operation that writes only through `ctx.conclude`, without a transaction. Its
 * change, audit record and deferred writes are one statement, and PostgreSQL (PGlite too)
 * runs a statement sent outside BEGIN … COMMIT as a transaction of its own: all of it commits
 * or none. BEGIN and COMMIT around it would cost two round trips and add nothing. The reads
 * the operation makes before or after (on a refusal, the one that names what was wrong) each
 * see what is committed when they run, as every statement of a READ COMMITTED transaction
 * does; none is locked. The one-write promise is kept here, not trusted: the context's
 * handle refuses any statement that may write, `attempt` (a savepoint) is refused, and after
 * a change that happened nothing more may be recorded. Without such a change (a refusal, a
 * repeated key answering what was stored), what the operation recorded — at least the
 * request's audit record — is written at the end, in one statement of its own.
 */
async function withoutTransaction<T>(
  db: Kysely<DB>,
  scope: Scope & { clock: Clock },
  fn: (ctx: Ctx) => Promise<Result<T>>,
): Promise<Result<T>> {
  const journal: Journal = {
    scope: { ...scope, audit: "always", idempotencyKey: null },
    clock: scope.clock,
    entries: [],
    deferred: [],
    audited: false,
    attempts: 0,
  };
  const emitted: Emitted = [];
  const inner = contextOf(readOnly(db), journal, emitted, db);
  let changed = false;
  const open = () => {
    if (changed) throw new Error(`${scope.operation} recorded more after its change`);
  };
  const ctx: Ctx = {
    ...inner,
    audit: (entry) => {
      open();
      inner.audit(entry);
    },
    emit: async (event) => {
      open();
      await inner.emit(event);
    },
    defer: (write) => {
      open();
      inner.defer(write);
    },
    attempt: async () => {
      throw new Error(`${scope.operation} runs without a transaction: it has no attempts`);
    },
    conclude: async (change) => {
      open();
      const rows = await inner.conclude(change);
      changed = rows.length > 0;
      return rows;
    },
  };
  const result = await fn(ctx);
  await executeTogether(db, journalStatements(db, [journal], emitted));
  return result;
}

/** A stored refusal, answered again to a retry with the same Idempotency-Key. */
export class ReplayedRefusal extends AccrueError {}
