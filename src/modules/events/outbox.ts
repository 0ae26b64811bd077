import type { Kysely } from "kysely";
import type { Clock } from "../../domain/clock.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import type { DB } from "../../storage/schema.js";
import type { DomainEvent } from "../context.js";

/**
 * The transactional outbox: an event is inserted by the same transaction as the change it
 * describes, so it exists exactly when the change does. Delivery reads the table later.
 */
export async function insertEvent(
  db: Kysely<DB>,
  tenantId: string,
  clock: Clock,
  event: DomainEvent,
): Promise<string> {
  const id = newId("event");
  await db
    .insertInto("outbox_events")
    .values({
      id,
      tenant_id: tenantId,
      type: event.type,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      occurred_at: new Date(),
      tenant_time: new Date(clock.now().epochMilliseconds),
      payload: toJson(event.payload),
    })
    .execute();
  return id;
}
