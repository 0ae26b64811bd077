import type { Kysely, RawBuilder, Selectable } from "kysely";
import { idFloor } from "../../domain/ids.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import { columnArrays, insertArraysStatement } from "../../storage/bulk.js";
import type { AuditEventsTable, DB } from "../../storage/schema.js";
import { realize } from "../../storage/shapes.js";
import { shapedWrite, type Write } from "../../storage/together.js";

export type AuditRecord = {
  tenantId: string;
  tenantTime: Date;
  actorType: string;
  actorId: string;
  operation: string;
  outcome: "succeeded" | "denied";
  targetType?: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId: string;
  idempotencyKey?: string | null;
};

export async function insertAuditRecords(db: Kysely<DB>, records: AuditRecord[]): Promise<void> {
  const statement = auditRecordsStatement(records);
  if (statement !== null) await realize(statement).execute(db);
}

const AUDIT_COLUMNS = {
  id: "text",
  tenant_id: "text",
  occurred_at: "timestamptz",
  tenant_time: "timestamptz",
  actor_type: "text",
  actor_id: "text",
  operation: "text",
  outcome: "text",
  target_type: "text",
  target_id: "text",
  before: "jsonb",
  after: "jsonb",
  request_id: "text",
  idempotency_key: "text",
} as const;

/**
 * The statement `insertAuditRecords` runs, not run (null for no records); with `onlyIf`, the
 * records are written only when it holds. Shaped (`shapedWrite`): its text is the same for
 * any number of records.
 */
export function auditRecordsStatement(
  records: readonly AuditRecord[],
  onlyIf: RawBuilder<boolean> | null = null,
): Write {
  if (records.length === 0) return null;
  const occurredAt = new Date();
  const arrays = columnArrays<"audit_events">(
    AUDIT_COLUMNS,
    records.map((r) => ({
      id: newId("audit"),
      tenant_id: r.tenantId,
      occurred_at: occurredAt,
      tenant_time: r.tenantTime,
      actor_type: r.actorType,
      actor_id: r.actorId,
      operation: r.operation,
      outcome: r.outcome,
      target_type: r.targetType ?? null,
      target_id: r.targetId ?? null,
      before: r.before === undefined ? null : toJson(r.before),
      after: r.after === undefined ? null : toJson(r.after),
      request_id: r.requestId,
      idempotency_key: r.idempotencyKey ?? null,
    })),
  );
  return shapedWrite("audit_events", arrays, onlyIf, (values) =>
    insertArraysStatement("audit_events", AUDIT_COLUMNS, values, onlyIf),
  );
}

export type AuditFilter = {
  tenantId: string;
  limit: number;
  /** Return records past this id: older newest first, newer oldest first. */
  cursor?: string | undefined;
  /** desc (default): newest first; asc: oldest first. */
  order?: "asc" | "desc" | undefined;
  targetId?: string | undefined;
  operation?: string | undefined;
  /** Occurred (wall-clock occurred_at) at or after this instant. */
  occurredFrom?: Date | undefined;
  /** Occurred before this instant. */
  occurredBefore?: Date | undefined;
};

/** Which of the tenant's audit records a list holds: the filter without its page. */
export type AuditListFilter = Omit<AuditFilter, "limit" | "cursor" | "order">;

/** How far an audit record's id time may lie from its occurred_at, at most (a day: ample). */
const ID_MARGIN_MS = 86_400_000;

function filteredAuditRecords(db: Kysely<DB>, filter: AuditListFilter) {
  let q = db.selectFrom("audit_events").where("tenant_id", "=", filter.tenantId);
  if (filter.targetId) q = q.where("target_id", "=", filter.targetId);
  if (filter.operation) q = q.where("operation", "=", filter.operation);
  // A record's id is made right after its occurred_at is read, so its time part lies a few
  // milliseconds after it at most: the ids a day before and after the range bound the rows
  // to read by the tenant's index of ids, and occurred_at decides exactly
  if (filter.occurredFrom) {
    q = q
      .where("id", ">=", idFloor("audit", filter.occurredFrom.getTime() - ID_MARGIN_MS))
      .where("occurred_at", ">=", filter.occurredFrom);
  }
  if (filter.occurredBefore) {
    q = q
      .where("id", "<", idFloor("audit", filter.occurredBefore.getTime() + ID_MARGIN_MS))
      .where("occurred_at", "<", filter.occurredBefore);
  }
  return q;
}

/** How many of the tenant's audit records the filter holds (one COUNT query). */
export async function countAuditRecords(db: Kysely<DB>, filter: AuditListFilter): Promise<number> {
  const row = await filteredAuditRecords(db, filter)
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listAuditRecords(
  db: Kysely<DB>,
  filter: AuditFilter,
): Promise<Selectable<AuditEventsTable>[]> {
  const asc = filter.order === "asc";
  let q = filteredAuditRecords(db, filter).selectAll();
  if (filter.cursor) q = q.where("id", asc ? ">" : "<", filter.cursor);
  return q
    .orderBy("id", asc ? "asc" : "desc")
    .limit(filter.limit)
    .execute();
}
