import type { Kysely, RawBuilder } from "kysely";
import type { Clock } from "../../domain/clock.js";
import { newId } from "../../lib/ids.js";
import { toJson } from "../../lib/json.js";
import type { DB } from "../../storage/schema.js";
import type { DomainEvent } from "../context.js";
import { type NewOutboxRow, outboxRowsStatement } from "./events.repository.js";

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
  const [id] = await insertEvents(db, tenantId, clock, [event]);
  return id!;
}

/** Several events in one statement, in the order given (ids are taken now, in that order). */
export async function insertEvents(
  db: Kysely<DB>,
  tenantId: string,
  clock: Clock,
  events: readonly DomainEvent[],
): Promise<string[]> {
  const { statement, ids } = eventsStatement(tenantId, clock, events);
  await statement?.execute(db);
  return ids;
}

/**
 * The statement `insertEvents` runs, not run (null for no events), and the events' ids:
 * for writing them with other rows in one statement (src/storage/together.ts); with `onlyIf`,
 * they are written only when it holds.
 */
export function eventsStatement(
  tenantId: string,
  clock: Clock,
  events: readonly DomainEvent[],
  onlyIf: RawBuilder<boolean> | null = null,
): { statement: RawBuilder<unknown> | null; ids: string[] } {
  if (events.length === 0) return { statement: null, ids: [] };
  const occurredAt = new Date();
  const tenantTime = new Date(clock.now().epochMilliseconds);
  const rows = events.map(
    (event): NewOutboxRow => ({
      id: newId("event"),
      tenant_id: tenantId,
      type: event.type,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      occurred_at: occurredAt,
      tenant_time: tenantTime,
      payload: toJson(event.payload),
    }),
  );
  return { statement: outboxRowsStatement(rows, onlyIf), ids: rows.map((r) => r.id) };
}
