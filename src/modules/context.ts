import type { Kysely } from "kysely";
import type { Clock } from "../domain/clock.js";
import type { DB } from "../storage/schema.js";

/** Who performs an operation. */
export type Actor = {
  /** self_service: the holder of a portal token; `id` is the contract it opens. */
  type: "api_key" | "oauth_client" | "console_user" | "system" | "self_service";
  id: string;
};

export type AuditEntry = {
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
};

export type DomainEvent = {
  type: string;
  subjectType: string;
  subjectId: string;
  payload: unknown;
};

/**
 * What every service function receives first: `(ctx, input) => output`. Inside a mutation
 * `db` is the operation's transaction handle; use it and nothing else.
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
  /** The catalog operation a request runs (absent for work the system does on its own). */
  readonly operation?: string;
  readonly db: Kysely<DB>;
  /** Records what changed; written to the audit log in the same transaction. */
  audit(entry: AuditEntry): void;
  /** Writes a domain event to the outbox in the same transaction. */
  emit(event: DomainEvent): Promise<void>;
}
