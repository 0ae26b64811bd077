/**
 * The outbox as the tenant's event log: GET /v1/events and the body of native webhooks share
 * one shape (the rows are read in events.repository.ts).
 */
import type { Selectable } from "kysely";
import type { Static } from "typebox";
import type { OutboxEventsTable } from "../../storage/schema.js";
import type { EventSchema } from "./events.schemas.js";

/** An event as answered and delivered; EventSchema defines it. */
export type Event = Static<typeof EventSchema>;

export function toEvent(
  row: Omit<Selectable<OutboxEventsTable>, "fanned_out_at" | "messages_composed_at">,
): Event {
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
