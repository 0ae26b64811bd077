/**
 * The outbox as the tenant's event log: GET /v1/events and the body of native webhooks share
 * one shape (the rows are read in events.repository.ts).
 */
import type { Selectable } from "kysely";
import type { OutboxEventsTable } from "../../storage/schema.js";

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
