import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { DB, MessagesTable } from "../../storage/schema.js";

export type MessageRow = Selectable<MessagesTable>;
export type NewMessageRow = Insertable<MessagesTable>;

/** The one place messages are scoped to a tenant. */
function scoped(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom("messages").where("tenant_id", "=", tenantId);
}

/**
 * Writes composed messages; a message of an (event, recipient) that exists already is left
 * as it is, so composing an event again writes nothing twice.
 */
export async function insertMessages(db: Kysely<DB>, rows: readonly NewMessageRow[]) {
  if (rows.length === 0) return;
  await db
    .insertInto("messages")
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(["event_id", "recipient"]).where("resend_of", "is", null).doNothing(),
    )
    .execute();
}

/** Writes one message (a resend). */
export async function insertMessage(db: Kysely<DB>, row: NewMessageRow): Promise<MessageRow> {
  return db.insertInto("messages").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findMessage(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<MessageRow | undefined> {
  const q = scoped(db, tenantId).selectAll().where("id", "=", id);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/** Changes a message of the tenant; answers it as it is now. */
export async function updateMessage(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  patch: Updateable<MessagesTable>,
): Promise<MessageRow> {
  return db
    .updateTable("messages")
    .set(patch)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** How many messages the customer has (one COUNT query). */
export async function countCustomerMessages(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<number> {
  const row = await scoped(db, tenantId)
    .where("customer_id", "=", customerId)
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A customer's messages, newest first, after the cursor. */
export async function listCustomerMessages(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  page: { limit: number; before?: string | undefined },
): Promise<MessageRow[]> {
  let q = scoped(db, tenantId).selectAll().where("customer_id", "=", customerId);
  if (page.before) q = q.where("id", "<", page.before);
  return q.orderBy("id", "desc").limit(page.limit).execute();
}

/**
 * Leases up to `limit` due queued messages (FOR UPDATE SKIP LOCKED) until `until` under
 * `token`; a message whose lease ran out (its worker died) is due again.
 */
export async function leaseDueMessages(
  db: Kysely<DB>,
  options: { now: Date; until: Date; token: string; limit: number },
): Promise<MessageRow[]> {
  const { now, until, token, limit } = options;
  const leased = await sql<MessageRow>`
    UPDATE messages AS m
    SET locked_until = ${until}, lease_token = ${token}
    FROM (
      SELECT id FROM messages
      WHERE status = 'queued'
        AND next_attempt_at <= ${now}
        AND (locked_until IS NULL OR locked_until <= ${now})
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE m.id = due.id
    RETURNING m.*`.execute(db);
  return leased.rows;
}

/** Records an attempt's outcome, only while the lease is still `token`'s. */
export async function settleLeasedMessage(
  db: Kysely<DB>,
  id: string,
  token: string,
  patch: Updateable<MessagesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("messages")
    .set({ ...patch, locked_until: null, lease_token: null })
    .where("id", "=", id)
    .where("lease_token", "=", token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives back leases of messages a turn did not get to: they are due again at once. */
export async function releaseLeases(
  db: Kysely<DB>,
  ids: readonly string[],
  token: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("messages")
    .set({ locked_until: null, lease_token: null })
    .where("id", "in", [...ids])
    .where("lease_token", "=", token)
    .execute();
}

/** Queued messages (at most 10,000 counted) and those waiting after a failed attempt. */
export async function queuedMessageHealth(db: Kysely<DB>): Promise<{
  queued: number;
  retrying: number;
  lastError: string | null;
}> {
  const row = await sql<{ queued: string; retrying: string; last_error: string | null }>`
    SELECT count(*) AS queued,
           count(*) FILTER (WHERE attempt_count > 0) AS retrying,
           (array_agg(last_error ORDER BY updated_at DESC) FILTER (WHERE attempt_count > 0))[1]
             AS last_error
    FROM (
      SELECT attempt_count, last_error, updated_at FROM messages
      WHERE status = 'queued' LIMIT 10000
    ) q`.execute(db);
  const r = row.rows[0];
  return {
    queued: Number(r?.queued ?? 0),
    retrying: Number(r?.retrying ?? 0),
    lastError: r?.last_error ?? null,
  };
}
