import type { Kysely, RawBuilder, Selectable } from "kysely";
import { insertManyStatement } from "../../storage/bulk.js";
import type { DB, OutboxEventsTable } from "../../storage/schema.js";

/** An outbox row as written; `payload` is JSON text. */
export type NewOutboxRow = {
  id: string;
  tenant_id: string;
  type: string;
  subject_type: string | null;
  subject_id: string | null;
  occurred_at: Date;
  tenant_time: Date;
  payload: string;
};

/** Appends rows to the outbox in one statement, in the order given. */
export async function insertOutboxRows(
  db: Kysely<DB>,
  rows: readonly NewOutboxRow[],
): Promise<void> {
  await outboxRowsStatement(rows)?.execute(db);
}

/**
 * The statement `insertOutboxRows` runs, not run (null for no rows); with `onlyIf`, the rows
 * are written only when it holds.
 */
export function outboxRowsStatement(
  rows: readonly NewOutboxRow[],
  onlyIf: RawBuilder<boolean> | null = null,
): RawBuilder<unknown> | null {
  return insertManyStatement(
    "outbox_events",
    {
      id: "text",
      tenant_id: "text",
      type: "text",
      subject_type: "text",
      subject_id: "text",
      occurred_at: "timestamptz",
      tenant_time: "timestamptz",
      payload: "jsonb",
    },
    rows,
    onlyIf,
  );
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

export type EventRow = Selectable<OutboxEventsTable>;

/** Every outbox event, as a subquery another module's query joins under an alias. */
export function outboxEvents(db: Kysely<DB>) {
  return db.selectFrom("outbox_events").selectAll();
}

/**
 * Up to `limit` events not yet fanned out, oldest first, locked for the caller's transaction;
 * events another transaction holds are skipped.
 */
export async function lockUnfannedEvents(db: Kysely<DB>, limit: number): Promise<EventRow[]> {
  return db
    .selectFrom("outbox_events")
    .selectAll()
    .where("fanned_out_at", "is", null)
    .orderBy("id")
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Marks events as fanned out at `at`. */
export async function markFannedOut(
  db: Kysely<DB>,
  ids: readonly string[],
  at: Date,
): Promise<void> {
  await db.updateTable("outbox_events").set({ fanned_out_at: at }).where("id", "in", ids).execute();
}

/**
 * Up to `limit` events the message composition has not read, oldest first, locked for the
 * caller's transaction; events another transaction holds are skipped.
 */
export async function lockUncomposedEvents(db: Kysely<DB>, limit: number): Promise<EventRow[]> {
  return db
    .selectFrom("outbox_events")
    .selectAll()
    .where("messages_composed_at", "is", null)
    .orderBy("id")
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Marks events as read by the message composition at `at`. */
export async function markComposed(
  db: Kysely<DB>,
  ids: readonly string[],
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("outbox_events")
    .set({ messages_composed_at: at })
    .where("id", "in", ids)
    .execute();
}
