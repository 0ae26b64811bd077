import type { Kysely, RawBuilder } from "kysely";
import type { Temporal } from "temporal-polyfill";
import type { Clock } from "../domain/clock.js";
import type { GuardTarget } from "../domain/entities/guard.js";
import type { AccrueError } from "../domain/errors.js";
import type { EventType } from "../domain/events.js";
import type { OperationId, SystemOperation } from "../domain/operations.js";
import type { DB } from "../storage/schema.js";
import type { Shaped } from "../storage/shapes.js";
import type { Change, Write } from "../storage/together.js";

export type { Change };

/** Who performs an operation. */
export type Actor = {
  /**
   * self_service: the holder of a portal token; `id` is the contract it opens. hosted_page: the
   * holder of a hosted page's token; `id` is the page.
   */
  type: "api_key" | "oauth_client" | "console_user" | "system" | "self_service" | "hosted_page";
  id: string;
};

export type AuditEntry = {
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
};

export type DomainEvent = {
  type: EventType;
  subjectType: string;
  subjectId: string;
  payload: unknown;
};

/**
 * A write deferred to the unit of work's last statement (`Ctx.defer`), built on the handle
 * that runs it. It is given the condition it must hold to when it runs with an operation's
 * change (`Ctx.conclude`: only if the change happened), else null.
 */
export type DeferredWrite = (db: Kysely<DB>, onlyIf: RawBuilder<boolean> | null) => Write;

/**
 * What every service function receives first: `(ctx, input) => output`. Inside a mutation
 * `db` is the operation's transaction handle; use it and nothing else. (An operation run
 * without a transaction, see `conclude`, gets a handle that only reads.)
 */
export interface Ctx {
  readonly tenantId: string;
  readonly actor: Actor;
  /** The caller's permission codes ("*" for all): for rules such as "grant only what you hold". */
  readonly permissions: ReadonlySet<string>;
  /** Set when the caller's credential is bound to a partner (see modules/partners). */
  readonly partnerId?: string | null;
  readonly clock: Clock;
  readonly requestId: string;
  /**
   * The Idempotency-Key the client sent with the request this work runs for; null without one
   * (and for jobs). A retry with the same key runs with the same key.
   */
  readonly idempotencyKey?: string | null;
  /** The catalog operation a request runs, or the system operation a job runs. */
  readonly operation?: OperationId | SystemOperation;
  readonly db: Kysely<DB>;
  /** Records what changed; written to the audit log in the same transaction. */
  audit(entry: AuditEntry): void;
  /** Records a domain event; the unit of work writes it to the outbox before it commits. */
  emit(event: DomainEvent): Promise<void>;
  /**
   * A write nothing in the operation reads back (marking a contract due, say): the unit of
   * work runs it with the audit records and events, in the same statement, before it commits,
   * and drops it with the rest when the operation is refused. It must not touch rows another
   * write of the unit touches (see src/storage/together.ts).
   */
  defer(write: DeferredWrite): void;
  /**
   * Runs the operation's change — one statement that decides in the database whether it
   * happens (src/storage/together.ts `Change`) — together with the audit records, events and
   * deferred writes this context recorded so far, which are written only if the change
   * happened (its answer has rows) and dropped if it did not, as with a refused attempt.
   * Returns the answer's rows. Not inside `attempt`. An operation that declares it writes
   * only this way runs without a transaction (`perform`, src/workflows/unit-of-work.ts).
   */
  conclude<R>(change: Change<R> | Shaped<Change<R>>): Promise<R[]>;
  /**
   * Refuses the running operation (409 `record_transferred`) when `target` was left in a
   * source business entity by a customer transfer and the rules (src/domain/entities/guard.ts)
   * do not allow the operation there. Services call it where they load the record an
   * operation changes; work the system does on its own is never refused.
   */
  guard(target: GuardTarget): Promise<void>;
  /**
   * Runs `fn` in a savepoint: a business-rule error rolls back what it wrote, its audit
   * records and events included, and is returned; the operation goes on (one item of a batch
   * that may fail alone). Any other error propagates.
   */
  attempt(fn: () => Promise<unknown>): Promise<AccrueError | null>;
}

/** Who does what for which tenant: everything a context is made of but the transaction. */
export type Scope = {
  tenantId: string;
  actor: Actor;
  /** The actor's permission codes; absent: all ("*") for the system, none for anyone else. */
  permissions?: ReadonlySet<string>;
  partnerId?: string | null;
  requestId: string;
  /** The catalog operation (requests) or the system operation (jobs) the audit names. */
  operation: OperationId | SystemOperation;
  /** The tenant's clock; absent: read from the tenant inside the transaction. */
  clock?: Clock;
  /** Written on every audit record of the work. */
  idempotencyKey?: string | null;
  /**
   * "always": the work leaves an audit record even if it named no target (every API
   * mutation does); "changes" (default): one per target the work named.
   */
  audit?: "always" | "changes";
};

/** One unit of work in progress (src/workflows/unit-of-work.ts). */
export interface Work {
  /** The transaction handle, for what is not a tenant's operation (claiming due rows). */
  readonly db: Kysely<DB>;
  /** A context for one tenant's work in this transaction. */
  context(scope: Scope): Promise<Ctx>;
  /**
   * Runs `fn` in a savepoint with a context of its own: a business-rule error rolls back what
   * it wrote, audit records and events included, and is returned; the unit goes on.
   */
  attempt(scope: Scope, fn: (ctx: Ctx) => Promise<unknown>): Promise<AccrueError | null>;
}

/**
 * The database for code that must commit on its own terms — a token stored after a slow
 * password check, outside any request's unit of work: reads on `db`, changes in `unit`.
 * src/workflows/unit-of-work.ts makes one (`storeOf`).
 */
export interface Store {
  readonly db: Kysely<DB>;
  unit<T>(fn: (work: Work) => Promise<T>): Promise<T>;
}

/** An instant as the Date the database driver takes. */
export const dateOf = (instant: Temporal.Instant): Date => new Date(instant.epochMilliseconds);

/** The context's tenant time now, as a Date. */
export const nowDate = (ctx: Pick<Ctx, "clock">): Date => dateOf(ctx.clock.now());
