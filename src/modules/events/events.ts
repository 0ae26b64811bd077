/**
 * Reading the outbox as the tenant's event log: GET /v1/events and the body of native
 * webhooks share one shape.
 */
import type { Kysely, Selectable } from "kysely";
import type { DB, OutboxEventsTable } from "../../storage/schema.js";

export type Event = {
  id: string;
  type: string;
  /** Wall-clock time of the change (RFC 3339). */
  timestamp: string;
  /** The tenant clock's time of the change (a test clock's, when the tenant runs on one). */
  tenant_time: string;
  tenant_id: string;
  subject: { type: string; id: string } | null;
  data: unknown;
};

export function toEvent(row: Selectable<OutboxEventsTable>): Event {
  return {
    id: row.id,
    type: row.type,
    timestamp: row.occurred_at.toISOString(),
    tenant_time: row.tenant_time.toISOString(),
    tenant_id: row.tenant_id,
    subject:
      row.subject_type !== null && row.subject_id !== null
        ? { type: row.subject_type, id: row.subject_id }
        : null,
    data: row.payload,
  };
}

/** The one place events are scoped to a tenant. */
function scoped(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom("outbox_events").where("tenant_id", "=", tenantId);
}

export async function findEventRow(db: Kysely<DB>, tenantId: string, id: string) {
  return scoped(db, tenantId).selectAll().where("id", "=", id).executeTakeFirst();
}

/** Newest first; `cursor` is the last id of the previous page. */
export async function listEventRows(
  db: Kysely<DB>,
  filter: {
    tenantId: string;
    limit: number;
    cursor?: string | undefined;
    type?: string | undefined;
    subjectId?: string | undefined;
  },
) {
  let q = scoped(db, filter.tenantId).selectAll();
  if (filter.cursor) q = q.where("id", "<", filter.cursor);
  if (filter.type) q = q.where("type", "=", filter.type);
  if (filter.subjectId) q = q.where("subject_id", "=", filter.subjectId);
  return q.orderBy("id", "desc").limit(filter.limit).execute();
}
